-- The waiting room of a release (the slots of one unit and service sharing one opens_at): the
-- places people took, the recorded draw that ordered the pre-window's places, and the passes of
-- the people admitted. Everything lives here, so a restart in the middle of a release loses no place.

create table waiting_room_releases (
  id                   bigint generated always as identity primary key,
  unit_clues           text not null references units (clues),
  service_code         text not null references services (code),
  opens_at             timestamptz not null,
  created_at           timestamptz not null default now(),
  -- The draw, recorded so an auditor can replay it: the seed and the place ids in drawn order. The
  -- input is the ids of the places taken before opens_at, ascending.
  drawn_at             timestamptz,
  draw_seed            text check (draw_seed ~ '^[0-9a-f]{64}$'),
  draw_order           jsonb check (jsonb_typeof(draw_order) = 'array'),
  -- Admission pacing: when admissions were last counted and the fraction of a person carried over.
  last_admission_at    timestamptz,
  admission_credit     double precision not null default 0,
  unique (unit_clues, service_code, opens_at),
  check ((drawn_at is null) = (draw_seed is null) and (drawn_at is null) = (draw_order is null))
);

create table waiting_room_places (
  id               bigint generated always as identity primary key,
  release_id       bigint not null references waiting_room_releases (id),
  -- SHA-256 of the CURP: the queue accepts any well-formed CURP and keeps no one's in clear.
  curp_hash        text not null check (curp_hash ~ '^[0-9a-f]{64}$'),
  -- The person this place may book for at this release; null when the CURP and birth date name no
  -- one who can (the place advances like any other and admits into nothing).
  beneficiary_id   bigint references beneficiaries (id),
  -- SHA-256 of the secret in the waiting page's address.
  token_hash       text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  joined_at        timestamptz not null,
  -- Order in the line: drawn places by draw_rank (1 = first), then the rest by queued_at.
  draw_rank        integer check (draw_rank > 0),
  queued_at        timestamptz not null,
  status           text not null default 'waiting' check (status in ('waiting', 'admitted', 'used', 'expired')),
  admitted_at      timestamptz,
  pass_expires_at  timestamptz,
  used_at          timestamptz,
  -- One place per person and release, whatever the cookies, tabs or addresses.
  constraint waiting_room_places_one_per_person unique (release_id, curp_hash),
  check ((status = 'waiting') = (admitted_at is null)),
  check ((admitted_at is null) = (pass_expires_at is null))
);
create index waiting_room_places_line on waiting_room_places (release_id, status, draw_rank, queued_at, id);
create index waiting_room_places_passes on waiting_room_places (beneficiary_id, release_id) where status = 'admitted';

-- A release's web slots, counted at every admission.
create index slots_release on slots (unit_clues, service_code, opens_at);
