import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.js';

// The audit chain: every entry gets one seal, HMAC-chained to the one before with a key the
// database never sees, so whoever owns the database can change, drop or reorder entries only in
// ways `verifyAuditLog` points at. Seals and entries are append-only and never rewritten: an entry
// whose seal disappeared is not sealed again.

/** Where the chain stands: its last seal's sequence number and hash. Published outside the database. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export type Tampering =
  /** A sealed entry's content, or a seal, changed. */
  | { reason: 'hash' | 'link'; chainSeq: number; id: number }
  /** A seal is missing from the sequence. */
  | { reason: 'gap'; chainSeq: number }
  /** A sealed entry is gone. */
  | { reason: 'missing'; chainSeq: number; id: number }
  /** An entry left out of the chain: neither sealed nor queued, or queued again after its seal went. */
  | { reason: 'unsealed'; id: number }
  /** A head published earlier is no longer in the chain: its tail was cut or rewritten. */
  | { reason: 'head'; chainSeq: number };

export class AuditTamperedError extends Error {
  constructor(readonly finding: Tampering) {
    super(`audit chain tampered with: ${JSON.stringify(finding)}`);
  }
}

export const GENESIS = '0'.repeat(64);
/** Tables the application's role may only INSERT into and SELECT from. */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_seals'] as const;
const SEAL_LOCK = 7316025;
/**
 * How long an entry may take to commit after it was written. Entries are sealed in the order they
 * are queued, so one committed late may sit below sealed ones for a moment; one older than this
 * below a sealed entry was taken out of the chain.
 */
export const LATE_COMMIT_GRACE_MS = 10 * 60_000;

const ENTRY_COLUMNS = [
  'a.id',
  'a.at',
  'a.actor_kind',
  'a.actor_id',
  'a.action',
  'a.subject_beneficiary_id',
  'a.unit_clues',
  'a.channel',
  'a.source_ip',
  'a.result',
  'a.detail',
] as const;

interface ChainEntry {
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

/** The seal of an entry chained to its predecessor; every recorded field takes part. */
export function chainHash(key: string, prevHash: string, seq: number, entry: ChainEntry): string {
  const canonical = JSON.stringify([
    seq,
    entry.id,
    entry.at.toISOString(),
    entry.actor_kind,
    entry.actor_id,
    entry.action,
    entry.subject_beneficiary_id,
    entry.unit_clues,
    entry.channel,
    entry.source_ip,
    entry.result,
    canonicalJson(entry.detail),
  ]);
  return createHmac('sha256', key).update(prevHash).update(canonical).digest('hex');
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

/** The chain's last seal, or null before the first. */
export async function chainHead(db: Db): Promise<ChainHead | null> {
  const tip = await db
    .selectFrom('audit_seals')
    .select(['chain_seq', 'hash'])
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return tip ? { seq: tip.chain_seq, hash: tip.hash } : null;
}

/** Whether `head` is still in the chain as it was published. */
async function holdsHead(db: Db, head: ChainHead): Promise<boolean> {
  const seal = await db
    .selectFrom('audit_seals')
    .select('hash')
    .where('chain_seq', '=', head.seq)
    .executeTakeFirst();
  return seal?.hash === head.hash;
}

/**
 * Seals the queued entries, in queue order, after the chain's last seal. One sealer at a time, across
 * processes (advisory lock). Refuses — throwing AuditTamperedError, sealing nothing — when the
 * head this process last knew (published) is gone, or when a queued entry was already sealed or
 * sits old below sealed ones: sealing then would launder a cut.
 */
export async function sealAuditLog(
  db: Db,
  key: string,
  options: { knownHead?: ChainHead | null; now?: Date; batch?: number } = {},
): Promise<{ sealed: number; head: ChainHead | null }> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
    const known = options.knownHead;
    if (known && known.seq > 0 && !(await holdsHead(trx, known)))
      throw new AuditTamperedError({ reason: 'head', chainSeq: known.seq });
    const tip = await chainHead(trx);
    const queued = await trx
      .selectFrom('audit_pending as p')
      .leftJoin('audit_log as a', 'a.id', 'p.id')
      .leftJoin('audit_seals as s', 's.audit_id', 'p.id')
      .select([...ENTRY_COLUMNS, 'p.id as queuedId', 's.chain_seq as sealedAs'])
      .orderBy('p.id')
      .limit(options.batch ?? 5000)
      .execute();
    if (queued.length === 0) return { sealed: 0, head: tip };
    const highestSealed = await trx
      .selectFrom('audit_seals')
      .select((eb) => eb.fn.max('audit_id').as('id'))
      .executeTakeFirst();
    const lateBefore = now.getTime() - LATE_COMMIT_GRACE_MS;
    for (const entry of queued) {
      if (entry.sealedAs !== null || entry.id === null)
        throw new AuditTamperedError({ reason: 'unsealed', id: entry.queuedId });
      if (Number(highestSealed?.id ?? 0) > entry.id && (entry.at as Date).getTime() < lateBefore)
        throw new AuditTamperedError({ reason: 'unsealed', id: entry.id });
    }
    let seq = tip?.seq ?? 0;
    let prev = tip?.hash ?? GENESIS;
    const seals = queued.map((entry) => {
      seq++;
      const hash = chainHash(key, prev, seq, entry as ChainEntry);
      const seal = { chain_seq: seq, audit_id: entry.queuedId, prev_hash: prev, hash };
      prev = hash;
      return seal;
    });
    await trx.insertInto('audit_seals').values(seals).execute();
    await trx
      .deleteFrom('audit_pending')
      .where(
        'id',
        'in',
        queued.map((entry) => entry.queuedId),
      )
      .execute();
    return { sealed: seals.length, head: { seq, hash: prev } };
  });
}

export interface ChainVerdict {
  ok: boolean;
  /** Seals verified before the first finding (all of them when ok). */
  checked: number;
  /** Entries queued for sealing, not yet sealed. */
  pending: number;
  head: ChainHead | null;
  brokenAt?: Tampering;
}

/**
 * Recomputes the whole chain with the key and checks that every published head is still in it and
 * that no entry was left out of it. Reads only: verifying never seals.
 */
export async function verifyAuditLog(
  db: Db,
  key: string,
  options: { heads?: ChainHead[]; now?: Date; pageSize?: number } = {},
): Promise<ChainVerdict> {
  const now = options.now ?? new Date();
  const published = new Map((options.heads ?? []).map((h) => [h.seq, h.hash]));
  const pending = Number(
    (
      await db
        .selectFrom('audit_pending')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  const broken = (brokenAt: Tampering): ChainVerdict => ({
    ok: false,
    checked,
    pending,
    head: checked > 0 ? { seq: checked, hash: prev } : null,
    brokenAt,
  });
  for (;;) {
    const rows = await db
      .selectFrom('audit_seals as s')
      .leftJoin('audit_log as a', 'a.id', 's.audit_id')
      .select([...ENTRY_COLUMNS, 's.chain_seq', 's.audit_id', 's.prev_hash', 's.hash'])
      .where('s.chain_seq', '>=', expectedSeq)
      .orderBy('s.chain_seq')
      .limit(options.pageSize ?? 5000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = row.chain_seq;
      if (seq !== expectedSeq) return broken({ reason: 'gap', chainSeq: expectedSeq });
      if (row.id === null) return broken({ reason: 'missing', chainSeq: seq, id: row.audit_id });
      if (row.prev_hash !== prev) return broken({ reason: 'link', chainSeq: seq, id: row.id });
      if (chainHash(key, prev, seq, row as ChainEntry) !== row.hash)
        return broken({ reason: 'hash', chainSeq: seq, id: row.id });
      const publishedHash = published.get(seq);
      if (publishedHash !== undefined && publishedHash !== row.hash)
        return broken({ reason: 'head', chainSeq: seq });
      prev = row.hash;
      expectedSeq++;
      checked++;
    }
  }
  const beyond = [...published.keys()].filter((seq) => seq >= expectedSeq).sort((a, b) => a - b)[0];
  if (beyond !== undefined) return broken({ reason: 'head', chainSeq: beyond });
  const leftOut = await sql<{ id: number }>`
    select a.id from audit_log a
     where not exists (select 1 from audit_seals s where s.audit_id = a.id)
       and (not exists (select 1 from audit_pending p where p.id = a.id)
            or (a.at < ${new Date(now.getTime() - LATE_COMMIT_GRACE_MS)}
                and a.id < (select max(audit_id) from audit_seals)))
     order by a.id limit 1`.execute(db);
  const requeued = await db
    .selectFrom('audit_pending as p')
    .innerJoin('audit_seals as s', 's.audit_id', 'p.id')
    .select('p.id')
    .limit(1)
    .executeTakeFirst();
  const outId = leftOut.rows[0]?.id ?? requeued?.id;
  if (outId !== undefined) return broken({ reason: 'unsealed', id: outId });
  return { ok: true, checked, pending, head: checked > 0 ? { seq: checked, hash: prev } : null };
}
