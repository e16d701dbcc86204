-- Call-backs: a caller who would otherwise wait for a busy agent line leaves their number (and,
-- when identified, who they are); an agent takes the request, calls back and closes it. One open
-- request per phone number, so calling again does not queue the same person twice.

create table callback_requests (
  id              bigint generated always as identity primary key,
  phone           text not null check (phone ~ '^[0-9]{10}$'),
  beneficiary_id  bigint references beneficiaries (id),
  call_id         text not null,
  reason          text not null check (reason in ('busy', 'unanswered')),
  status          text not null default 'pending' check (status in ('pending', 'taken', 'done', 'unreachable')),
  requested_at    timestamptz not null,
  taken_by        bigint references staff_accounts (id),
  taken_at        timestamptz,
  closed_at       timestamptz,
  check ((status = 'pending') = (taken_by is null)),
  check ((status in ('done', 'unreachable')) = (closed_at is not null))
);
create unique index callback_requests_one_open_per_phone on callback_requests (phone)
  where status in ('pending', 'taken');
create index callback_requests_open on callback_requests (requested_at) where status in ('pending', 'taken');
