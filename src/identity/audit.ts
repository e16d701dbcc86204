import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';
import type { AuditActorKind } from '../platform/db/schema.js';

export interface AuditEntry {
  actor: { kind: AuditActorKind; id: string };
  /** What was done, e.g. 'beneficiary.read', 'appointment.book', 'staff.sign_in'. */
  action: string;
  subjectBeneficiaryId?: number | null;
  unitClues?: string | null;
  channel: string;
  sourceIp?: string | null;
  result: 'ok' | 'refused' | 'failed';
  /** Codes and ids only: never names, phones or CURPs in clear. */
  detail?: Record<string, unknown>;
}

/** Appends one entry; call it in the transaction of the act it records when there is one. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      action: entry.action,
      subject_beneficiary_id: entry.subjectBeneficiaryId ?? null,
      unit_clues: entry.unitClues ?? null,
      channel: entry.channel,
      source_ip: entry.sourceIp ?? null,
      result: entry.result,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

const GENESIS = '0'.repeat(64);
const SEAL_LOCK = 7316025;

interface ChainRow {
  id: number;
  at: Date;
  actor_kind: string;
  actor_id: string;
  action: string;
  subject_beneficiary_id: number | null;
  unit_clues: string | null;
  channel: string;
  source_ip: string | null;
  result: string;
  detail: unknown;
}

/** The hash of a row chained to its predecessor; every recorded field takes part. */
export function chainHash(prevHash: string, seq: number, row: ChainRow): string {
  const canonical = JSON.stringify([
    seq,
    row.id,
    row.at.toISOString(),
    row.actor_kind,
    row.actor_id,
    row.action,
    row.subject_beneficiary_id,
    row.unit_clues,
    row.channel,
    row.source_ip,
    row.result,
    canonicalJson(row.detail),
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonicalJson((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const CHAIN_COLUMNS = [
  'id',
  'at',
  'actor_kind',
  'actor_id',
  'action',
  'subject_beneficiary_id',
  'unit_clues',
  'channel',
  'source_ip',
  'result',
  'detail',
] as const;

/**
 * Links the entries not yet sealed into the hash chain, in sealing order. Appending stays cheap
 * (no global lock on the booking path); a background job seals every few seconds. One sealer at a
 * time, across processes, by an advisory lock.
 */
export async function sealAuditLog(db: Db, batch = 5000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
    const last = await trx
      .selectFrom('audit_log')
      .select(['chain_seq', 'hash'])
      .where('chain_seq', 'is not', null)
      .orderBy('chain_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = last?.chain_seq ?? 0;
    let prev = last?.hash ?? GENESIS;
    const rows = await trx
      .selectFrom('audit_log')
      .select(CHAIN_COLUMNS)
      .where('hash', 'is', null)
      .orderBy('id')
      .limit(batch)
      .execute();
    for (const row of rows) {
      seq++;
      const hash = chainHash(prev, seq, row);
      await trx
        .updateTable('audit_log')
        .set({ chain_seq: seq, prev_hash: prev, hash })
        .where('id', '=', row.id)
        .execute();
      prev = hash;
    }
    return rows.length;
  });
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first entry whose hash or link does not hold. */
  brokenAt?: { chainSeq: number; id: number; reason: 'hash' | 'link' | 'gap' };
}

/** Recomputes the whole chain; any edited, removed or reordered sealed entry breaks it. */
export async function verifyAuditLog(db: Db, pageSize = 5000): Promise<ChainVerdict> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select([...CHAIN_COLUMNS, 'chain_seq', 'prev_hash', 'hash'])
      .where('chain_seq', '>=', expectedSeq)
      .orderBy('chain_seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const seq = row.chain_seq as number;
      if (seq !== expectedSeq)
        return { ok: false, checked, brokenAt: { chainSeq: expectedSeq, id: row.id, reason: 'gap' } };
      if (row.prev_hash !== prev)
        return { ok: false, checked, brokenAt: { chainSeq: seq, id: row.id, reason: 'link' } };
      if (chainHash(prev, seq, row) !== row.hash)
        return { ok: false, checked, brokenAt: { chainSeq: seq, id: row.id, reason: 'hash' } };
      prev = row.hash as string;
      expectedSeq++;
      checked++;
    }
  }
}
