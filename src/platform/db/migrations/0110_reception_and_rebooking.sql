-- Clinic operations (issue 16). Reception: arrival at the counter, the consultorio's call and the
-- "ven ahora" SMS are facts of the appointment itself, so a second receptionist's click finds them
-- already set. Rebooking: when the unit told the person that a closure moved their appointment.

alter table appointments add column checked_in_at timestamptz;
alter table appointments add column checked_in_by text;
alter table appointments add column called_at timestamptz;
alter table appointments add column called_by text;
alter table appointments add column come_now_sent_at timestamptz;
alter table appointments add column rebooking_notified_at timestamptz;
alter table appointments add constraint appointments_check_in_has_actor
  check ((checked_in_at is null) = (checked_in_by is null));
alter table appointments add constraint appointments_called_has_actor
  check ((called_at is null) = (called_by is null));
-- Only a person who arrived can be called.
alter table appointments add constraint appointments_called_after_check_in
  check (called_at is null or checked_in_at is not null);

alter table appointment_events drop constraint appointment_events_action_check;
alter table appointment_events add constraint appointment_events_action_check
  check (action in ('booked', 'cancelled', 'rescheduled', 'attended', 'no_show', 'flagged', 'checked_in'));
