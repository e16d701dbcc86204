-- The portal answers every sign-in start alike, so a CURP cannot be checked against the registry:
-- when the data do not match a person with a phone who may receive a code, the session still gets
-- a pending sign-in, a decoy with no person behind it whose code is never sent and never signs in.

alter table sign_in_codes alter column beneficiary_id drop not null;
