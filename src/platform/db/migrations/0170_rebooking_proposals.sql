-- A closure's proposed replacement time (README, "Closures, absences and the rebooking worklist").
-- When a closure, an absence or a template change takes an appointment off the agenda, the nearest
-- free equivalent slot is HELD for it (slot status 'held', as a waitlist offer holds one) and the
-- person is told by SMS: they keep it with one tap, choose another time, or let it lapse.

create table rebooking_proposals (
  id              bigint generated always as identity primary key,
  appointment_id  uuid not null references appointments (id),
  beneficiary_id  bigint not null references beneficiaries (id),
  slot_id         bigint not null references slots (id),
  status          text not null default 'open' check (status in ('open', 'kept', 'declined', 'expired', 'withdrawn')),
  proposed_at     timestamptz not null,
  expires_at      timestamptz not null check (expires_at > proposed_at),
  closed_at       timestamptz,
  check ((status = 'open') = (closed_at is null))
);
-- No slot is held for two appointments, and an appointment holds one proposed time at a time.
create unique index rebooking_proposals_one_open_per_slot on rebooking_proposals (slot_id) where status = 'open';
create unique index rebooking_proposals_one_open_per_appointment on rebooking_proposals (appointment_id) where status = 'open';
create index rebooking_proposals_expiry on rebooking_proposals (expires_at) where status = 'open';
create index rebooking_proposals_of_appointment on rebooking_proposals (appointment_id, id);

-- However a flagged appointment leaves its closed slot (kept through the link, moved elsewhere by
-- staff, cancelled), its open proposal ends here: kept when it moved into the proposed slot, else
-- withdrawn with the held slot given back (the slots trigger notes it as a vacancy). A trigger, not
-- the callers, so no path that moves or cancels an appointment can leave a slot held for nobody.
create function settle_rebooking_proposal() returns trigger language plpgsql as $$
begin
  update slots set status = 'free'
    where status = 'held' and id in (
      select p.slot_id from rebooking_proposals p
      where p.appointment_id = new.id and p.status = 'open'
        and not (new.status = 'booked' and p.slot_id = new.slot_id));
  update rebooking_proposals
    set status = case when new.status = 'booked' and slot_id = new.slot_id then 'kept' else 'withdrawn' end,
        closed_at = now()
    where appointment_id = new.id and status = 'open';
  return new;
end
$$;

create trigger appointments_settle_rebooking_proposal after update of slot_id, status on appointments
  for each row when (old.needs_rebooking and (new.slot_id <> old.slot_id or new.status <> old.status))
  execute function settle_rebooking_proposal();
