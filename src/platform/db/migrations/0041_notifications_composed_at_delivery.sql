-- A booking confirmation is queued by the booking statement itself, before its wording is known
-- there; the delivery worker composes it from the appointment. Such rows name the appointment and
-- get their body when they are sent.

alter table notifications add column appointment_id uuid references appointments (id);
alter table notifications alter column body drop not null;
alter table notifications add constraint notifications_body_or_appointment
  check (body is not null or appointment_id is not null);
