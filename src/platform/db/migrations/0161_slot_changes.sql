-- Every change of a slot that availability shows — except a booking, which the appointment events
-- already record in the same statement — is noted here: a slot held for a waitlist offer or
-- blocked by a closure, a slot freed or reopened, a release instant moved, slots removed. Each process reads it
-- with the events (src/agenda/slot-changes.ts) to forget the availability answers it remembered.
-- The trigger's WHEN clause keeps a booking (free → booked) from calling anything.
create table slot_changes (
  id            bigint generated always as identity primary key,
  unit_clues    text not null,
  service_code  text not null,
  at            timestamptz not null default now()
);
create index slot_changes_at on slot_changes (at);

create function note_slot_change() returns trigger language plpgsql as $$
begin
  insert into slot_changes (unit_clues, service_code) values (new.unit_clues, new.service_code);
  return new;
end
$$;

create trigger slots_note_change after update of status, opens_at on slots
  for each row
  when ((old.status is distinct from new.status and not (old.status = 'free' and new.status = 'booked'))
        or old.opens_at is distinct from new.opens_at)
  execute function note_slot_change();

-- Removals come in bulk (an agenda rewritten): one row per unit and service, not per slot.
create function note_slots_removed() returns trigger language plpgsql as $$
begin
  insert into slot_changes (unit_clues, service_code)
    select distinct unit_clues, service_code from removed;
  return null;
end
$$;

create trigger slots_note_removal after delete on slots
  referencing old table as removed
  for each statement execute function note_slots_removed();
