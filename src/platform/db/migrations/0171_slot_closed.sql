-- Two reasons flag an appointment for rebooking, and they differ in what its slot is worth: a
-- closure, an absence or a template change closed the slot itself (cancelling or moving the
-- appointment leaves it blocked), while rights that end before the day (the nightly import) leave a
-- good slot that goes back to everyone. `slot_closed` says which; before it, the release blocked
-- the slot either way, losing a bookable place each time a person without rights cancelled.
alter table appointments add column slot_closed boolean not null default false;
update appointments set slot_closed = true
  where needs_rebooking and rebooking_reason not like 'Vigencia de derechos%';
alter table appointments add constraint appointments_slot_closed_flagged check (not slot_closed or needs_rebooking);
