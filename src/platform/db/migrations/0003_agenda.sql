-- Agendas: templates written in the unit's local time, closures, absences, and the generated slots.

create table agenda_templates (
  id              bigint generated always as identity primary key,
  resource_id     bigint not null references resources (id),
  service_code    text not null references services (code),
  weekdays        smallint[] not null check (weekdays <@ array[1, 2, 3, 4, 5, 6, 7]::smallint[] and cardinality(weekdays) > 0),
  start_time      time not null,
  end_time        time not null check (end_time > start_time),
  slot_minutes    smallint not null check (slot_minutes between 5 and 240),
  horizon_days    smallint not null check (horizon_days between 1 and 120),
  release_time    time not null,
  share_web       smallint not null check (share_web between 0 and 100),
  share_phone     smallint not null check (share_phone between 0 and 100),
  share_counter   smallint not null check (share_counter between 0 and 100),
  valid_from      date not null,
  valid_until     date,
  check (share_web + share_phone + share_counter = 100),
  check (valid_until is null or valid_until >= valid_from)
);
create index agenda_templates_resource on agenda_templates (resource_id);

-- A closure with no unit applies to the whole country (national holidays).
create table closures (
  id          bigint generated always as identity primary key,
  unit_clues  text references units (clues),
  day         date not null,
  reason      text not null,
  created_at  timestamptz not null default now()
);
create unique index closures_national_day on closures (day) where unit_clues is null;
create unique index closures_unit_day on closures (unit_clues, day) where unit_clues is not null;

create table absences (
  id           bigint generated always as identity primary key,
  resource_id  bigint not null references resources (id),
  starts_at    timestamptz not null,
  ends_at      timestamptz not null check (ends_at > starts_at),
  reason       text not null,
  created_at   timestamptz not null default now()
);
create index absences_resource on absences (resource_id, starts_at);

create table slots (
  id            bigint generated always as identity primary key,
  template_id   bigint not null references agenda_templates (id),
  resource_id   bigint not null references resources (id),
  unit_clues    text not null references units (clues),
  service_code  text not null references services (code),
  local_date    date not null,
  shift         text not null check (shift in ('M', 'V')),
  starts_at     timestamptz not null,
  ends_at       timestamptz not null check (ends_at > starts_at),
  opens_at      timestamptz not null,                   -- when the slot is released for booking
  pool          text not null check (pool in ('web', 'phone', 'counter')),
  status        text not null default 'free' check (status in ('free', 'booked', 'blocked')),
  blocked_reason text,
  unique (resource_id, starts_at),
  check ((status = 'blocked') = (blocked_reason is not null))
);
create index slots_free_by_unit_service on slots (unit_clues, service_code, starts_at) where status = 'free';
create index slots_unit_day on slots (unit_clues, local_date);
