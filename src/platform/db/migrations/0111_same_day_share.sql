-- Advanced access (issue 16): a share of each template's slots is released on the morning of their
-- own day instead of `horizon_days` before, for every channel's pool alike. 0 keeps the old agenda.
alter table agenda_templates add column share_same_day smallint not null default 0
  check (share_same_day between 0 and 100);
