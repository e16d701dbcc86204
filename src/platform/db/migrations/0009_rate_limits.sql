-- Fixed-window request counters shared by every server process (per IP, token, CURP, phone, …).
-- Old windows are deleted by the server's housekeeping.

create unlogged table rate_limit_windows (
  key           text not null,
  window_start  timestamptz not null,
  hits          integer not null,
  primary key (key, window_start)
);
