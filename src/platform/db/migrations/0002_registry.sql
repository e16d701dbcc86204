-- Beneficiaries (derechohabientes): holders and their family members, each adscribed to one unit.

create table beneficiaries (
  id                  bigint generated always as identity primary key,
  curp                text not null unique check (curp ~ '^[A-Z]{4}[0-9]{6}[HMX][A-Z]{2}[A-Z]{3}[A-Z0-9][0-9]$'),
  affiliation_number  text unique check (affiliation_number ~ '^[0-9]{10}$'),
  given_names         text not null,
  first_surname       text not null,
  second_surname      text not null default '',
  birth_date          date not null,
  sex                 text not null check (sex in ('H', 'M', 'X')),
  phone               text check (phone ~ '^[0-9]{10}$'),
  email               text,
  category            text not null check (category in ('trabajador', 'pensionado', 'conyuge', 'hijo', 'padre', 'madre')),
  holder_id           bigint references beneficiaries (id),
  unit_clues          text not null references units (clues),
  consultorio         text not null,
  shift               text not null check (shift in ('M', 'V')),
  eligible_until      date not null,
  updated_at          timestamptz not null default now(),
  -- Holders are workers or pensioners; everybody else hangs from a holder.
  check ((category in ('trabajador', 'pensionado')) = (holder_id is null))
);
create index beneficiaries_holder on beneficiaries (holder_id) where holder_id is not null;
create index beneficiaries_unit on beneficiaries (unit_clues);
create index beneficiaries_phone on beneficiaries (phone) where phone is not null;
create index beneficiaries_surname on beneficiaries (first_surname, second_surname, given_names);
