import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.js';

export interface AppliedImport {
  inserted: number;
  updated: number;
  /** Booked future appointments now past their person's eligibility, flagged for the unit. */
  flagged: number;
}

/**
 * The set-based judgement of the rows staged for `importId`: refuses what only the whole file and the
 * registry can tell (a CURP twice, an affiliation number someone else holds, a family member whose
 * holder is nowhere). Returns how many rows it refused.
 */
export async function refuseStagedRows(trx: Db, importId: number): Promise<number> {
  await sql`
    update beneficiary_import_rows r set reject_reason = 'DUPLICATE_IN_FILE'
    from (select line, row_number() over (partition by curp order by line) as n
            from beneficiary_import_rows where import_id = ${importId} and reject_reason is null) d
    where r.import_id = ${importId} and r.line = d.line and d.n > 1`.execute(trx);

  // Two plain joins (a union, not an OR) so that each can be a hash join over the whole file.
  await sql`
    update beneficiary_import_rows r set reject_reason = 'AFFILIATION_TAKEN'
    from (select s.line from beneficiary_import_rows s
            join beneficiaries b on b.affiliation_number = s.affiliation_number and b.curp <> s.curp
           where s.import_id = ${importId} and s.reject_reason is null
          union
          select d.line from (select line, row_number() over (partition by affiliation_number order by line) as n
                                from beneficiary_import_rows
                               where import_id = ${importId} and reject_reason is null
                                 and affiliation_number is not null) d
           where d.n > 1) taken
    where r.import_id = ${importId} and r.line = taken.line`.execute(trx);

  await sql`
    update beneficiary_import_rows r set reject_reason = 'HOLDER_NOT_FOUND'
    where r.import_id = ${importId} and r.reject_reason is null and r.holder_curp is not null
      and not exists (select 1 from beneficiary_import_rows h
                       where h.import_id = ${importId} and h.curp = r.holder_curp
                         and h.reject_reason is null and h.holder_curp is null)
      and not exists (select 1 from beneficiaries b where b.curp = r.holder_curp and b.holder_id is null)`.execute(
    trx,
  );

  const refused = await trx
    .selectFrom('beneficiary_import_rows')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('import_id', '=', importId)
    .where('reject_reason', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(refused.n);
}

/**
 * Applies the staged rows that were not refused: upserts them, holders first, and flags the
 * appointments that fall after a person's new eligibility end. Run it in the transaction of
 * refuseStagedRows.
 */
export async function applyStagedImport(trx: Db, importId: number, now: Date): Promise<AppliedImport> {
  const holders = await upsert(trx, importId, true);
  const members = await upsert(trx, importId, false);
  const flagged = await flagAppointmentsPastEligibility(trx, importId, now);
  return {
    inserted: holders.inserted + members.inserted,
    updated: holders.updated + members.updated,
    flagged,
  };
}

/**
 * Updates changed people and inserts new ones, as two set-wise joins (hash joins over the whole
 * file rather than a million index probes). A row equal to what is stored is not written at all (no
 * new `updated_at`), which is what makes a re-import change nothing. An affiliation number is never
 * withdrawn by a row that leaves it empty.
 */
async function upsert(trx: Db, importId: number, holders: boolean) {
  const updated = await sql`
    update beneficiaries b set
      affiliation_number = coalesce(r.affiliation_number, b.affiliation_number),
      given_names = r.given_names, first_surname = r.first_surname, second_surname = r.second_surname,
      birth_date = r.birth_date, sex = r.sex, phone = r.phone, email = r.email, category = r.category,
      holder_id = h.id, unit_clues = r.unit_clues, consultorio = r.consultorio, shift = r.shift,
      eligible_until = r.eligible_until, updated_at = now()
    from beneficiary_import_rows r
    left join beneficiaries h on h.curp = r.holder_curp
    where r.import_id = ${importId} and r.reject_reason is null and (r.holder_curp is null) = ${holders}
      and b.curp = r.curp
      and (coalesce(r.affiliation_number, b.affiliation_number), r.given_names, r.first_surname,
           r.second_surname, r.birth_date, r.sex, r.phone, r.email, r.category, h.id, r.unit_clues,
           r.consultorio, r.shift, r.eligible_until)
          is distinct from
          (b.affiliation_number, b.given_names, b.first_surname, b.second_surname, b.birth_date, b.sex, b.phone,
           b.email, b.category, b.holder_id, b.unit_clues, b.consultorio, b.shift, b.eligible_until)`.execute(
    trx,
  );
  const inserted = await sql`
    insert into beneficiaries
      (curp, affiliation_number, given_names, first_surname, second_surname, birth_date, sex, phone, email,
       category, holder_id, unit_clues, consultorio, shift, eligible_until)
    select r.curp, r.affiliation_number, r.given_names, r.first_surname, r.second_surname, r.birth_date, r.sex,
           r.phone, r.email, r.category, h.id, r.unit_clues, r.consultorio, r.shift, r.eligible_until
      from beneficiary_import_rows r
      left join beneficiaries h on h.curp = r.holder_curp
     where r.import_id = ${importId} and r.reject_reason is null and (r.holder_curp is null) = ${holders}
       and not exists (select 1 from beneficiaries b where b.curp = r.curp)`.execute(trx);
  return { inserted: Number(inserted.numAffectedRows ?? 0), updated: Number(updated.numAffectedRows ?? 0) };
}

/**
 * People keep their history when their eligibility ends: their booked appointments after the new
 * end are kept, flagged `needs_rebooking` with the reason, and the flag is recorded in the history.
 */
async function flagAppointmentsPastEligibility(trx: Db, importId: number, now: Date): Promise<number> {
  const result = await sql<{ flagged: number }>`
    with flagged as (
      update appointments a
         set needs_rebooking = true,
             rebooking_reason = 'Vigencia de derechos hasta el ' || to_char(b.eligible_until, 'YYYY-MM-DD'),
             updated_at = ${now}
        from beneficiaries b, slots s, beneficiary_import_rows r
       where r.import_id = ${importId} and r.reject_reason is null and b.curp = r.curp
         and a.beneficiary_id = b.id and s.id = a.slot_id
         and a.status = 'booked' and not a.needs_rebooking and a.starts_at > ${now}
         and s.local_date > b.eligible_until
      returning a.id, a.rebooking_reason
    ), events as (
      insert into appointment_events (appointment_id, at, action, actor, channel, detail)
      select id, ${now}, 'flagged', ${`import:${importId}`}, 'system', rebooking_reason from flagged
    )
    select count(*)::int as flagged from flagged`.execute(trx);
  return Number(result.rows[0]?.flagged ?? 0);
}
