-- The clinic network: federal entities, units (CLUES), the service catalog and the resources that serve.

create table states (
  code        text primary key check (code ~ '^[A-Z]{2}$'),  -- CURP entity code
  inegi       smallint not null unique check (inegi between 1 and 32),
  name        text not null
);

insert into states (code, inegi, name) values
  ('AS', 1, 'Aguascalientes'), ('BC', 2, 'Baja California'), ('BS', 3, 'Baja California Sur'),
  ('CC', 4, 'Campeche'), ('CL', 5, 'Coahuila'), ('CM', 6, 'Colima'), ('CS', 7, 'Chiapas'),
  ('CH', 8, 'Chihuahua'), ('DF', 9, 'Ciudad de México'), ('DG', 10, 'Durango'), ('GT', 11, 'Guanajuato'),
  ('GR', 12, 'Guerrero'), ('HG', 13, 'Hidalgo'), ('JC', 14, 'Jalisco'), ('MC', 15, 'Estado de México'),
  ('MN', 16, 'Michoacán'), ('MS', 17, 'Morelos'), ('NT', 18, 'Nayarit'), ('NL', 19, 'Nuevo León'),
  ('OC', 20, 'Oaxaca'), ('PL', 21, 'Puebla'), ('QT', 22, 'Querétaro'), ('QR', 23, 'Quintana Roo'),
  ('SP', 24, 'San Luis Potosí'), ('SL', 25, 'Sinaloa'), ('SR', 26, 'Sonora'), ('TC', 27, 'Tabasco'),
  ('TS', 28, 'Tamaulipas'), ('TL', 29, 'Tlaxcala'), ('VZ', 30, 'Veracruz'), ('YN', 31, 'Yucatán'),
  ('ZS', 32, 'Zacatecas');

create table units (
  clues         text primary key check (clues ~ '^[A-Z]{5}[0-9]{6}$'),
  name          text not null check (length(name) between 3 and 200),
  type          text not null check (type in ('CMF', 'UMF', 'CH', 'HG', 'HR', 'ADM')),
  state_code    text not null references states (code),
  municipality  text not null,
  time_zone     text not null check (time_zone like 'America/%'),
  address       text not null,
  phone         text not null,
  created_at    timestamptz not null default now()
);
create index units_state on units (state_code);

create table services (
  code                  text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name                  text not null,
  kind                  text not null check (kind in ('medical', 'administrative')),
  slot_minutes          smallint not null check (slot_minutes between 5 and 240),
  requires_adscription  boolean not null,
  requires_referral     boolean not null default false,
  sort_order            smallint not null default 100
);

create table unit_services (
  unit_clues    text not null references units (clues),
  service_code  text not null references services (code),
  primary key (unit_clues, service_code)
);

create table resources (
  id          bigint generated always as identity primary key,
  unit_clues  text not null references units (clues),
  name        text not null,
  kind        text not null check (kind in ('consultorio', 'desk', 'room')),
  shift       text not null check (shift in ('M', 'V')),
  active      boolean not null default true,
  unique (unit_clues, name, shift)
);
