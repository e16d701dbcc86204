-- Staff who sign in to the console with an e-mail and a password (agents of the telephone line,
-- administrators). Only an argon2id hash of the password is kept. Repeated wrong passwords lock
-- the account for a while, so a password cannot be guessed by trying many.

create table staff_accounts (
  id                bigint generated always as identity primary key,
  email             text not null unique check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  name              text not null check (length(name) between 1 and 200),
  role              text not null check (role in ('agent', 'admin')),
  unit_clues        text references units (clues),
  password_hash     text not null check (password_hash like '$argon2id$%'),
  failed_sign_ins   smallint not null default 0,
  locked_until      timestamptz,
  created_at        timestamptz not null default now(),
  disabled_at       timestamptz
);
