-- Nightly eligibility imports: one row per run (its summary), and an unlogged staging table the file
-- is copied into before one set-based upsert. Staging rows are deleted when their import finishes;
-- unlogged, because a crash mid-import simply means running the import again.

create table beneficiary_imports (
  id           bigint generated always as identity primary key,
  file_name    text not null,
  started_at   timestamptz not null default now(),
  finished_at  timestamptz,
  read         integer not null default 0,
  inserted     integer not null default 0,
  updated      integer not null default 0,
  unchanged    integer not null default 0,
  rejected     integer not null default 0,
  flagged      integer not null default 0,
  rejected_by_reason jsonb not null default '{}'
);

create unlogged table beneficiary_import_rows (
  import_id           bigint not null,
  line                integer not null,
  curp                text not null,
  affiliation_number  text,
  given_names         text not null,
  first_surname       text not null,
  second_surname      text not null,
  birth_date          date not null,
  sex                 text not null,
  phone               text,
  email               text,
  category            text not null,
  holder_curp         text,
  unit_clues          text not null,
  consultorio         text not null,
  shift               text not null,
  eligible_until      date not null,
  reject_reason       text
);
create index beneficiary_import_rows_import on beneficiary_import_rows (import_id, curp);
