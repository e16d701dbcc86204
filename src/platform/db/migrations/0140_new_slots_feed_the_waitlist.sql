-- Slots that are born bookable feed the waitlist's backfill like slots that free up (issue 15).
-- The trigger of 0100 sees a slot only when an UPDATE makes it free; a slot INSERTed already open
-- (the horizon roll bringing in a day whose release moment has passed, a template added mid-day,
-- an import) changed no row, so nobody waiting heard of it. This statement-level trigger notes
-- those at the units and services somebody waits for, once per INSERT statement (the roll inserts
-- a unit's whole horizon in one statement). Slots that open later are noted when their moment
-- passes by the backfill pass (noteReleasedSlots); counter-pool slots stay for walk-ins; whether
-- a slot suits a person (window, rights, lead time) is the backfill's choice, as for freed slots.
create function note_new_slot_vacancies() returns trigger language plpgsql as $$
begin
  insert into slot_vacancies (slot_id)
    select n.id from new_slots n
    where n.status = 'free' and n.pool <> 'counter' and n.opens_at <= now() and n.starts_at > now()
      and exists (select 1 from waitlist_entries e
                  where e.unit_clues = n.unit_clues and e.service_code = n.service_code)
  on conflict do nothing;
  return null;
end
$$;

create trigger slots_note_new_vacancies after insert on slots
  referencing new table as new_slots
  for each statement execute function note_new_slot_vacancies();
