-- The waitlist and its backfill (README, "Waitlist and backfill"). A person waits for a unit and
-- service, optionally within some weekdays and a shift. When a slot frees, the first fitting
-- person gets an offer: the slot is HELD for them (status 'held': no availability query or other
-- booking sees it) until they take it or the offer expires.

alter table slots drop constraint slots_status_check;
alter table slots add constraint slots_status_check check (status in ('free', 'booked', 'blocked', 'held'));

create table waitlist_entries (
  id              bigint generated always as identity primary key,
  beneficiary_id  bigint not null references beneficiaries (id),
  unit_clues      text not null references units (clues),
  service_code    text not null references services (code),
  -- ISO weekdays (1 = Monday) and shift the person can come; null: any.
  weekdays        smallint[] check (weekdays is null or (weekdays <@ array[1, 2, 3, 4, 5, 6, 7]::smallint[] and cardinality(weekdays) > 0)),
  shift           text check (shift in ('M', 'V')),
  channel         text not null check (channel in ('web', 'ivr', 'agent', 'counter')),
  created_by      text not null,
  joined_at       timestamptz not null default now(),
  unique (beneficiary_id, service_code)
);
create index waitlist_entries_queue on waitlist_entries (unit_clues, service_code, joined_at);

create table waitlist_offers (
  id              bigint generated always as identity primary key,
  entry_id        bigint references waitlist_entries (id) on delete set null,
  beneficiary_id  bigint not null references beneficiaries (id),
  slot_id         bigint not null references slots (id),
  unit_clues      text not null references units (clues),
  service_code    text not null references services (code),
  status          text not null default 'open' check (status in ('open', 'taken', 'expired', 'declined', 'void')),
  offered_at      timestamptz not null,
  expires_at      timestamptz not null check (expires_at > offered_at),
  closed_at       timestamptz,
  appointment_id  uuid references appointments (id),
  check ((status = 'taken') = (appointment_id is not null)),
  check ((status = 'open') = (closed_at is null))
);
-- No slot is offered to two people at once, and a person holds one offer per service at a time.
create unique index waitlist_offers_one_open_per_slot on waitlist_offers (slot_id) where status = 'open';
create unique index waitlist_offers_one_open_per_person on waitlist_offers (beneficiary_id, service_code) where status = 'open';
-- Once offered a slot (and not taken), a person is not offered the same slot again.
create unique index waitlist_offers_once_per_slot_and_person on waitlist_offers (slot_id, beneficiary_id);
create index waitlist_offers_expiry on waitlist_offers (expires_at) where status = 'open';
create index waitlist_offers_unit on waitlist_offers (unit_clues, offered_at);

-- Slots that became free (a cancellation, a reschedule, an expired offer, a reply, allocation
-- leftovers opening): the backfill pass offers them to the waitlist. A trigger, not the callers,
-- notes them, so no code path that frees a slot can forget to.
create table slot_vacancies (
  slot_id   bigint primary key references slots (id),
  freed_at  timestamptz not null default now()
);

create function note_slot_vacancy() returns trigger language plpgsql as $$
begin
  if new.status = 'free' and (old.status <> 'free' or old.opens_at <> new.opens_at) then
    insert into slot_vacancies (slot_id) values (new.id) on conflict do nothing;
  end if;
  return new;
end
$$;

create trigger slots_note_vacancy after update of status, opens_at on slots
  for each row execute function note_slot_vacancy();

-- A booking of the service settles the person's waiting: the offer of that slot is taken, their
-- entry is done, and any other offer they held for the service is void (its slot freed, hence
-- noted as a vacancy by the trigger above).
create function settle_waitlist_on_booking() returns trigger language plpgsql as $$
begin
  update waitlist_offers set status = 'taken', appointment_id = new.id, closed_at = now()
    where slot_id = new.slot_id and beneficiary_id = new.beneficiary_id and status = 'open';
  update slots set status = 'free'
    where status = 'held' and id in (select o.slot_id from waitlist_offers o
      where o.beneficiary_id = new.beneficiary_id and o.service_code = new.service_code and o.status = 'open');
  update waitlist_offers set status = 'void', closed_at = now()
    where beneficiary_id = new.beneficiary_id and service_code = new.service_code and status = 'open';
  delete from waitlist_entries where beneficiary_id = new.beneficiary_id and service_code = new.service_code;
  return new;
end
$$;

create trigger appointments_settle_waitlist after insert on appointments
  for each row execute function settle_waitlist_on_booking();
