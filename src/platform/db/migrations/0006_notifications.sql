-- The notification outbox: written in the same transaction as the event it announces, delivered
-- later by a worker through an adapter (log, HTTP SMS gateway). A failed message stays visible.

create table notifications (
  id               bigint generated always as identity primary key,
  channel          text not null check (channel in ('sms')),
  recipient        text not null check (recipient ~ '^[0-9]{10}$'),
  beneficiary_id   bigint references beneficiaries (id),
  kind             text not null check (kind in ('otp', 'booked', 'cancelled', 'rescheduled', 'callback', 'notice')),
  body             text not null check (length(body) between 1 and 480),
  -- The part of the body that may be printed by the log adapter (the code of an OTP); the rest is
  -- masked because it names people and places.
  printable        text,
  status           text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts         smallint not null default 0,
  next_attempt_at  timestamptz not null default now(),
  last_error       text,
  provider_id      text,
  created_at       timestamptz not null default now(),
  sent_at          timestamptz
);
create index notifications_due on notifications (next_attempt_at) where status = 'pending';
create index notifications_beneficiary on notifications (beneficiary_id, created_at);
