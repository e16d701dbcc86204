-- :n bookings and cancellations, one after the other on :n distinct slots, by one person, as the
-- product's statements do them: the claim and the appointment in one statement (fires
-- settle_waitlist_on_booking), the cancellation and the slot given back (fires note_slot_vacancy),
-- and the vacancy taken away as the backfill pass would (in every variant, so that only the
-- triggers differ). One transaction, rolled back: no commit wait, only the statements' own work.
begin;
do $$
declare
  t0 timestamptz := clock_timestamp();
  s record;
begin
  for s in select id from slots order by id limit current_setting('bench.n')::int loop
    with claimed as (
      update slots set status = 'booked' where id = s.id and status = 'free'
      returning id, unit_clues, service_code, starts_at, ends_at
    )
    insert into appointments (folio, beneficiary_id, slot_id, service_code, unit_clues, starts_at, ends_at, channel, created_by, updated_by)
    select (select string_agg(substr('ACDEFHJKMNPRTWXY3479', 1 + floor(random() * 20)::int, 1), '') from generate_series(1, 8)),
           1, c.id, c.service_code, c.unit_clues, c.starts_at, c.ends_at, 'agent', 'bench', 'bench'
    from claimed c;
    update appointments set status = 'cancelled', is_open = false where slot_id = s.id and status = 'booked';
    update slots set status = 'free' where id = s.id and status = 'booked';
    delete from slot_vacancies where slot_id = s.id;
  end loop;
  raise notice 'us_per_cycle=%', round(extract(epoch from clock_timestamp() - t0) * 1e6 / current_setting('bench.n')::int, 1);
end
$$;
rollback;
