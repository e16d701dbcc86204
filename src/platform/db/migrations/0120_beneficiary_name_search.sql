-- Staff find people the way callers say them: without accents, in any case, by any part of the name,
-- in any order. `name_key` is the full name folded (accents and Ñ plain, lower case; the same fold as
-- foldName in registry/name-search.ts), and a trigram index answers `name_key like '%fragment%'`
-- without reading the registry. pg_trgm is a trusted extension: the database owner may create it.
create extension if not exists pg_trgm;

alter table beneficiaries add column name_key text generated always as (
  lower(translate(given_names || ' ' || first_surname || ' ' || second_surname,
    'ÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãéèêëíìîïóòôöõúùûüñç',
    'AAAAAEEEEIIIIOOOOOUUUUNCaaaaaeeeeiiiiooooouuuunc'))
) stored;

create index beneficiaries_name_key on beneficiaries using gin (name_key gin_trgm_ops);
