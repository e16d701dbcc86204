-- The console's template editor (issue 16): a retired template generates no more slots. Its row
-- stays, because the slots it generated (and the appointments on them) still point at it.
alter table agenda_templates add column retired_at timestamptz;
