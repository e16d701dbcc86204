-- Appointments and their history. The database, not the application, guarantees that a slot is never
-- given twice and that a person holds at most one open appointment per service.

create table appointments (
  id                uuid primary key default gen_random_uuid(),
  folio             text not null unique check (folio ~ '^[ACDEFHJKMNPRTWXY3479]{8}$'),
  beneficiary_id    bigint not null references beneficiaries (id),
  slot_id           bigint not null references slots (id),
  service_code      text not null references services (code),
  unit_clues        text not null references units (clues),
  starts_at         timestamptz not null,
  ends_at           timestamptz not null,
  channel           text not null check (channel in ('web', 'ivr', 'agent', 'counter')),
  status            text not null default 'booked' check (status in ('booked', 'cancelled', 'attended', 'no_show')),
  -- An appointment stays open until its time has passed (closed by the next booking of that person
  -- and service) or its status leaves 'booked'.
  is_open           boolean not null default true,
  needs_rebooking   boolean not null default false,
  rebooking_reason  text,
  created_by        text not null,
  updated_by        text not null,
  cancel_reason     text,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  check (status = 'booked' or not is_open)
);
create unique index appointments_one_per_slot on appointments (slot_id) where status = 'booked';
create unique index appointments_one_open_per_service on appointments (beneficiary_id, service_code) where is_open;
create index appointments_beneficiary on appointments (beneficiary_id, starts_at);
create index appointments_unit_rebooking on appointments (unit_clues) where needs_rebooking;

create table appointment_events (
  id              bigint generated always as identity primary key,
  appointment_id  uuid not null references appointments (id),
  at              timestamptz not null default now(),
  action          text not null check (action in ('booked', 'cancelled', 'rescheduled', 'attended', 'no_show', 'flagged')),
  actor           text not null,
  channel         text not null,
  from_slot_id    bigint references slots (id),
  to_slot_id      bigint references slots (id),
  detail          text
);
create index appointment_events_appointment on appointment_events (appointment_id, at);

-- A retried POST with the same key returns the appointment the first one made.
create table idempotency_keys (
  actor           text not null,
  key             text not null check (length(key) between 8 and 200),
  request_hash    text not null,
  appointment_id  uuid not null references appointments (id),
  created_at      timestamptz not null default now(),
  primary key (actor, key)
);
