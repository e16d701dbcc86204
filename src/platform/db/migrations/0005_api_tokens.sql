-- Staff bearer tokens; only a SHA-256 of the secret is stored, the secret is printed once.

create table api_tokens (
  id          bigint generated always as identity primary key,
  name        text not null,
  role        text not null check (role in ('agent', 'admin')),
  unit_clues  text references units (clues),
  token_hash  text not null unique,
  created_at  timestamptz not null default now(),
  revoked_at  timestamptz
);
