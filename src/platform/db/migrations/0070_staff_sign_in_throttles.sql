-- Staff sign-in tries are counted per account *and* source address, reserved before the password
-- is checked: a burst of concurrent guesses gets no more tries than the limit, and someone guessing
-- from elsewhere cannot lock the account's owner out of their own desk. The owner is told of
-- lock-outs (lockouts_unseen) on their next sign-in. The per-account lock it replaces goes.

create table staff_sign_in_throttles (
  staff_id      bigint not null references staff_accounts (id) on delete cascade,
  source        text not null check (length(source) between 1 and 100),
  window_start  timestamptz not null,
  tries         smallint not null check (tries >= 0),
  primary key (staff_id, source)
);

alter table staff_accounts
  add column lockouts_unseen integer not null default 0 check (lockouts_unseen >= 0),
  drop column failed_sign_ins,
  drop column locked_until;
