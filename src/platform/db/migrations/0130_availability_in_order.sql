-- Availability reads one unit's free slots of one service over a range of days, earliest first,
-- and stops at the page's limit. This index holds them in exactly that order — local day, start,
-- id; for one unit the local day only grows with the start — so the read is one range scan that
-- stops early, with no sort, whether PostgreSQL plans the prepared statement for its parameters
-- or once for all (a generic plan cannot judge a range of days and used to pick slots_unit_day and
-- sort the whole week). It replaces the partial index on (unit, service, start), which nothing
-- else reads.
create index slots_free_in_order on slots (unit_clues, service_code, local_date, starts_at, id)
  where status = 'free';
drop index slots_free_by_unit_service;
