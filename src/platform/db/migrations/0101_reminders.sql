-- Reminders that ask for an answer (README, "Closing the access loop"). A reminder is recorded in
-- the transaction that queues its SMS, and the unique key below makes a second worker (or a
-- restarted one) queue nothing twice. The person's answer, by reply or by one-tap link, is kept on
-- the appointment: confirmed_at, or the cancellation itself.

create table appointment_reminders (
  id              bigint generated always as identity primary key,
  appointment_id  uuid not null references appointments (id),
  lead_hours      smallint not null check (lead_hours between 1 and 720),
  -- The person must confirm to keep the slot (the no-show policy); released if not by this time.
  confirm_by      timestamptz,
  recipient       text not null check (recipient ~ '^[0-9]{10}$'),
  queued_at       timestamptz not null,
  unique (appointment_id, lead_hours)
);
create index appointment_reminders_recipient on appointment_reminders (recipient, queued_at);
create index appointment_reminders_confirm_by on appointment_reminders (confirm_by) where confirm_by is not null;

alter table appointments add column confirmed_at timestamptz;
-- A one-tap link answers once: the first answer is recorded here, later uses are refused.
alter table appointments add column answered_at timestamptz;
create index appointments_upcoming_booked on appointments (starts_at) where status = 'booked';
