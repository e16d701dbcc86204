import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import type { AuditActorKind } from '../platform/db/schema.js';
import { maskCurp } from '../platform/privacy/mask.js';

/** What an auditor narrows the trail to; every field is optional and they combine with AND. */
export interface AuditFilter {
  /** A console account, by id or by e-mail (disabled accounts included). */
  staff?: { id: number } | { email: string };
  /** Entries about this person. */
  beneficiaryId?: number;
  /** Entries recorded with this unit (CLUES). */
  unitClues?: string;
  /** From this instant, inclusive. */
  from?: Date;
  /** Until this instant, exclusive. */
  until?: Date;
}

/** One entry as the auditor sees it: the person's CURP is masked here, before it leaves the domain. */
export interface AuditRecord {
  id: number;
  at: Date;
  actorKind: AuditActorKind;
  actorId: string;
  /** The staff account's e-mail when the actor is a console account. */
  actorEmail: string | null;
  action: string;
  subjectBeneficiaryId: number | null;
  subjectCurpMasked: string | null;
  unitClues: string | null;
  channel: string;
  sourceIp: string | null;
  result: 'ok' | 'refused' | 'failed';
  detail: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditRecord[];
  /** The cursor of the next (older) page, or null on the last page. */
  nextBefore: number | null;
}

function filtered(db: Db, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('staff_accounts as s', (join) =>
      join.on(sql<boolean>`a.actor_kind = 'staff' and a.actor_id = s.id::text`),
    )
    .leftJoin('beneficiaries as b', 'b.id', 'a.subject_beneficiary_id');
  const staff = filter.staff;
  if (staff && 'id' in staff) {
    query = query.where('a.actor_kind', '=', 'staff').where('a.actor_id', '=', String(staff.id));
  } else if (staff) {
    // The account's id first, so the trail's actor index does the rest.
    const email = staff.email.trim().toLowerCase();
    query = query
      .where('a.actor_kind', '=', 'staff')
      .where('a.actor_id', 'in', (eb) =>
        eb.selectFrom('staff_accounts').select(sql<string>`id::text`.as('id')).where('email', '=', email),
      );
  }
  if (filter.beneficiaryId !== undefined)
    query = query.where('a.subject_beneficiary_id', '=', filter.beneficiaryId);
  if (filter.unitClues) query = query.where('a.unit_clues', '=', filter.unitClues.trim().toUpperCase());
  if (filter.from) query = query.where('a.at', '>=', filter.from);
  if (filter.until) query = query.where('a.at', '<', filter.until);
  return query.select([
    'a.id',
    'a.at',
    'a.actor_kind',
    'a.actor_id',
    's.email',
    'a.action',
    'a.subject_beneficiary_id',
    'b.curp',
    'a.unit_clues',
    'a.channel',
    'a.source_ip',
    'a.result',
    'a.detail',
  ]);
}

/**
 * Entries matching `filter`, newest first, `limit` at a time. Keyset pagination on (at, id), the
 * order the existing indexes on actor, person and time already keep: a page costs the same however
 * deep the auditor goes. `before` is the id of the last entry of the previous page.
 */
export async function searchAuditLog(
  db: Db,
  filter: AuditFilter,
  page: { before?: number; limit: number },
): Promise<AuditPage> {
  let query = filtered(db, filter);
  if (page.before !== undefined) {
    query = query.where(
      sql<boolean>`(a.at, a.id) < (select c.at, c.id from audit_log c where c.id = ${page.before})`,
    );
  }
  const rows = await query
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const entries = rows.slice(0, page.limit).map(
    (r): AuditRecord => ({
      id: r.id,
      at: r.at,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      actorEmail: r.email,
      action: r.action,
      subjectBeneficiaryId: r.subject_beneficiary_id,
      subjectCurpMasked: r.curp ? maskCurp(r.curp) : null,
      unitClues: r.unit_clues,
      channel: r.channel,
      sourceIp: r.source_ip,
      result: r.result,
      detail: r.detail,
    }),
  );
  const last = entries.at(-1);
  return { entries, nextBefore: rows.length > page.limit && last ? last.id : null };
}
