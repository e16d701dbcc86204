-- How a unit releases the new days of a service (a "release": the slots of one unit and service that
-- share one opens_at). A unit/service without a row follows the configured default mode
-- (RELEASE_DEFAULT_MODE) with the column defaults below.
--   race     - first come, first served at the opening second (the behaviour before the waiting room);
--   queue    - the waiting room: places taken in the pre-window are drawn at random at opens_at,
--              later arrivals join at the back, people are admitted at a paced rate with a pass;
--   allocate - request and allocate: requests filed in the pre-window are assigned at opens_at.
-- Changes are audited by the domain that writes them (who, when, old and new values).

create table release_settings (
  unit_clues          text not null references units (clues),
  service_code        text not null references services (code),
  mode                text not null check (mode in ('race', 'queue', 'allocate')),
  -- Minutes before opens_at in which anyone who asks gets a place (queue) or files a request (allocate).
  pre_window_minutes  smallint not null default 30 check (pre_window_minutes between 0 and 1440),
  -- How long an admitted person's pass lets them sign in with the code and book.
  pass_minutes        smallint not null default 10 check (pass_minutes between 1 and 120),
  -- The admission pace the unit sustains when latency is normal; the server lowers it under load.
  admit_per_minute    integer not null default 60 check (admit_per_minute between 1 and 100000),
  -- Minutes after opens_at during which the release's web slots are booked only with a pass.
  rush_minutes        smallint not null default 120 check (rush_minutes between 1 and 1440),
  updated_by          bigint references staff_accounts (id),
  updated_at          timestamptz not null default now(),
  primary key (unit_clues, service_code)
);
