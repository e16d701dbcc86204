#!/bin/sh
# The cost of the waitlist's triggers on booking + cancellation throughput (docs/performance.md):
# a scratch database migrated from src/platform/db/migrations, N slots and one person, then
# cycles.sql timing N booking + cancellation cycles inside the server with the triggers on, with the
# freed-slot trigger off, and with both off, alternated over a few rounds (the machine is shared).
# Usage: bench/freed-slot-trigger/run.sh [postgres://postgres@127.0.0.1:5432] [cycles]
set -eu
SERVER=${1:-postgres://postgres@127.0.0.1:5432}
N=${2:-5000}
DB=citas_trigger_bench_$$
HERE=$(dirname "$0")
psql -q "$SERVER/postgres" -c "create database $DB"
trap 'psql -q "$SERVER/postgres" -c "drop database $DB"' EXIT
URL="$SERVER/$DB"
for f in "$HERE"/../../src/platform/db/migrations/*.sql; do psql -q -v ON_ERROR_STOP=1 "$URL" -f "$f" >/dev/null; done
psql -q -v ON_ERROR_STOP=1 "$URL" <<SQL
insert into services (code, name, kind, slot_minutes, requires_adscription) values ('medicina_familiar', 'Medicina familiar', 'medical', 20, true);
insert into units (clues, name, type, state_code, municipality, time_zone, address, phone)
  values ('DFIST000001', 'Bench', 'CMF', 'DF', 'Coyoacán', 'America/Mexico_City', 'Calle 1', '5550000000');
insert into unit_services (unit_clues, service_code) values ('DFIST000001', 'medicina_familiar');
insert into resources (unit_clues, name, kind, shift) values ('DFIST000001', 'Consultorio 1', 'consultorio', 'M');
insert into agenda_templates (resource_id, service_code, weekdays, start_time, end_time, slot_minutes, horizon_days,
  release_time, share_web, share_phone, share_counter, valid_from)
  values (1, 'medicina_familiar', '{1,2,3,4,5}', '08:00', '14:00', 20, 14, '07:00', 50, 35, 15, '2020-01-01');
insert into slots (template_id, resource_id, unit_clues, service_code, local_date, shift, starts_at, ends_at, opens_at, pool)
  select 1, 1, 'DFIST000001', 'medicina_familiar', current_date + 7, 'M', now() + make_interval(days => 7, mins => 20 * g),
         now() + make_interval(days => 7, mins => 20 * g + 20), now() - interval '1 day', 'phone'
  from generate_series(1, $N) g;
insert into beneficiaries (curp, given_names, first_surname, birth_date, sex, category, unit_clues, consultorio, shift, eligible_until, phone)
  select 'BENC' || lpad(g::text, 6, '0') || 'HDFXXX0' || (g % 10), 'Bench', 'Uno', '1980-01-01', 'H', 'trabajador', 'DFIST000001', '1', 'M',
         current_date + 365, '55' || lpad(g::text, 8, '0')
  from generate_series(1, 1) g;
SQL
run() {
  printf '%-24s ' "$1"
  PGOPTIONS="-c bench.n=$N" psql -q "$URL" -f "$HERE/cycles.sql" 2>&1 | sed -n 's/.*us_per_cycle=\([0-9.]*\).*/\1 µs per booking + cancellation/p'
}
triggers() {
  psql -q "$URL" -c "alter table slots $1 trigger slots_note_vacancy; alter table appointments $2 trigger appointments_settle_waitlist"
}
psql -q "$URL" -c "vacuum analyze"
for round in ${ROUNDS:-1 2 3}; do
  triggers enable enable && run "$round: both on"
  triggers disable enable && run "$round: freed-slot off"
  triggers disable disable && run "$round: both off"
done
