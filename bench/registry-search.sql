-- The console's registry search on a national seed (README, "Registry search"): the plans and
-- timings of what searchBeneficiaries sends, for a national agent and for one unit's reception.
-- psql "$DATABASE_URL" -f bench/registry-search.sql
\timing on
analyze beneficiaries;
select count(*) as people from beneficiaries;
select count(*) filter (where name_key like '%hernandez%') as hernandez,
       count(*) filter (where name_key like '%maria%' and name_key like '%hernandez%') as maria_hernandez,
       count(*) filter (where name_key like '%sofia%' and name_key like '%castro%') as sofia_castro
  from beneficiaries;

-- One `like` per distinct fragment, at most 500 matches read, then sorted: what searchBeneficiaries
-- sends for a name (registry/beneficiaries.ts, name-search.ts).
prepare by_one(text) as
  select * from (select id, curp, given_names, first_surname, second_surname from beneficiaries
                  where name_key like $1 limit 500) found
   order by first_surname, second_surname, given_names limit 25;
prepare by_two(text, text) as
  select * from (select id, curp, given_names, first_surname, second_surname from beneficiaries
                  where name_key like $1 and name_key like $2 limit 500) found
   order by first_surname, second_surname, given_names limit 25;
prepare by_two_at(text, text, text) as
  select * from (select id, curp, given_names, first_surname, second_surname from beneficiaries
                  where unit_clues = $3 and name_key like $1 and name_key like $2 limit 500) found
   order by first_surname, second_surname, given_names limit 25;
prepare by_phone(text) as
  select id from beneficiaries where phone = $1 order by first_surname, second_surname, given_names limit 25;

explain (analyze, buffers, costs off) execute by_one('%hernandez%');
explain (analyze, buffers, costs off) execute by_two('%hernandez%', '%maria%');
explain (analyze, buffers, costs off) execute by_two('%castro%', '%sofia%');
explain (analyze, buffers, costs off) execute by_two('%zuniga%', '%eulalia%');
select unit_clues as unit from beneficiaries order by id limit 1 \gset
select phone from beneficiaries where phone is not null order by id limit 1 \gset
explain (analyze, buffers, costs off) execute by_two_at('%hernandez%', '%maria%', :'unit');
explain (analyze, buffers, costs off) execute by_phone(:'phone');
