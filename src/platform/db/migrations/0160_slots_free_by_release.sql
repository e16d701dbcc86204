-- Availability answers are remembered until the next slot of their unit and service is released
-- (src/agenda/availability-memory.ts): this finds that instant with one index probe. A booking
-- costs it nothing (a slot leaving 'free' leaves a partial index without an insert).
create index slots_free_by_release on slots (unit_clues, service_code, opens_at) where status = 'free';
