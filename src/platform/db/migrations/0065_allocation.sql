-- Request and allocate (release_settings.mode = 'allocate'): people file requests in the window
-- before a release; at the release a seeded, recorded draw assigns the release's slots.

-- One row per release in allocate mode (the slots of one unit and service that share one opens_at).
create table allocation_releases (
  id             bigint generated always as identity primary key,
  unit_clues     text not null references units (clues),
  service_code   text not null references services (code),
  -- The release moment: the slots' opens_at before they were held for the draw.
  opens_at       timestamptz not null,
  -- From when requests are accepted (opens_at minus the pre-window).
  requests_from  timestamptz not null check (requests_from <= opens_at),
  -- The draw: 32 random bytes in hex, its exact input (requests with the days the booking rules let
  -- each person take, and slots) and when it was made; recorded so an auditor can replay it.
  seed           text check (seed ~ '^[0-9a-f]{64}$'),
  draw_input     jsonb,
  drawn_at       timestamptz,
  -- Every assignment booked or refused and the slots left over opened to everyone.
  completed_at   timestamptz,
  created_at     timestamptz not null default now(),
  unique (unit_clues, service_code, opens_at),
  check ((seed is null) = (drawn_at is null) and (seed is null) = (draw_input is null)),
  check (completed_at is null or drawn_at is not null)
);
create index allocation_releases_pending on allocation_releases (opens_at) where completed_at is null;

-- The web and phone slots of a release, kept from every channel (their opens_at moved to their own
-- start) until the draw books them or opens them again.
create table allocation_held_slots (
  slot_id     bigint primary key references slots (id),
  release_id  bigint not null references allocation_releases (id),
  opened_at   timestamptz
);
create index allocation_held_slots_release on allocation_held_slots (release_id) where opened_at is null;

-- One request per person and release, whatever the channel: the CURP's SHA-256 is the key, so a
-- CURP that is nobody's (a decoy, no beneficiary) is answered and stored alike and draws nothing.
create table allocation_requests (
  id              bigint generated always as identity primary key,
  release_id      bigint not null references allocation_releases (id),
  curp_digest     text not null check (curp_digest ~ '^[0-9a-f]{64}$'),
  beneficiary_id  bigint references beneficiaries (id),
  channel         text not null check (channel in ('web', 'ivr', 'agent')),
  -- Acceptable days of the release ('YYYY-MM-DD', text so both drivers read plain strings); empty
  -- accepts any.
  days            text[] not null default '{}'
                  check (array_to_string(days, ',') ~ '^([0-9]{4}-[0-9]{2}-[0-9]{2}(,|$))*$'),
  -- Acceptable shift; null accepts either.
  shift           text check (shift in ('M', 'V')),
  filed_by        text not null,
  filed_at        timestamptz not null default now(),
  unique (release_id, curp_digest)
);
create index allocation_requests_beneficiary on allocation_requests (beneficiary_id) where beneficiary_id is not null;

-- The draw's result, one row per request of a person: the place in the random order and the slot
-- given (no place: the booking rules barred the person before the draw). Written with the seed in
-- one transaction; each booking then settles its row.
create table allocation_outcomes (
  request_id      bigint primary key references allocation_requests (id),
  release_id      bigint not null references allocation_releases (id),
  position        integer check (position > 0),
  slot_id         bigint references slots (id),
  -- pending: a slot to book; booked; not_granted: no slot left the person accepts; refused: a
  -- booking rule says no (refusal_code).
  status          text not null check (status in ('pending', 'booked', 'not_granted', 'refused')),
  refusal_code    text,
  appointment_id  uuid references appointments (id),
  settled_at      timestamptz,
  unique (release_id, position),
  check ((status = 'pending') = (settled_at is null)),
  check (status <> 'pending' or slot_id is not null),
  check (position is not null or status = 'refused'),
  check ((status = 'booked') = (appointment_id is not null)),
  check ((status = 'refused') = (refusal_code is not null))
);
create unique index allocation_outcomes_one_per_slot on allocation_outcomes (slot_id) where slot_id is not null;
create index allocation_outcomes_pending on allocation_outcomes (release_id, position) where status = 'pending';
