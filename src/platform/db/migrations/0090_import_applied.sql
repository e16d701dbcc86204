-- An import run that the circuit breaker stopped (too many refused rows) applied nothing; the run is
-- still recorded, with its counts, so that the refusal is on file.

alter table beneficiary_imports add column applied boolean not null default true;
