import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/connect.js';
import { copyLine } from '../../platform/db/copy-text.js';
import { DomainError } from '../../platform/domain-error.js';
import { type Progress, silentProgress } from '../../platform/progress.js';
import { applyStagedImport, refuseStagedRows } from './apply-import.js';
import { checkInterchangeRow, INTERCHANGE_HEADER, type RejectReason } from './interchange-row.js';
import { tooManyRejected } from './rejection-breaker.js';

export interface ImportOptions {
  /** A UTF-8 CSV in the interchange format, gzip-compressed when it ends in .gz. */
  file: string;
  /** Where refused rows go, with their line number and reason; created even when empty. */
  rejectsFile: string;
  now: Date;
  progress?: Progress;
  /** Refuse affiliation numbers without a valid Luhn check digit (off by default: see affiliation.ts). */
  affiliationCheckDigit?: boolean;
  /** Above this share of refused rows, in percent (default 5), nothing is applied… */
  maxRejectedPercent?: number;
  /** …unless the operator explicitly accepts it for this run. */
  acceptRejections?: boolean;
}

export const DEFAULT_MAX_REJECTED_PERCENT = 5;

export interface ImportSummary {
  importId: number;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  flagged: number;
  /**
   * False when the circuit breaker stopped the run: more rows were refused than allowed, so nothing
   * was inserted, updated or flagged.
   */
  applied: boolean;
  maxRejectedPercent: number;
}

const STAGING_COLUMNS = [
  'import_id',
  'line',
  'curp',
  'affiliation_number',
  'given_names',
  'first_surname',
  'second_surname',
  'birth_date',
  'sex',
  'phone',
  'email',
  'category',
  'holder_curp',
  'unit_clues',
  'consultorio',
  'shift',
  'eligible_until',
] as const;

const REJECTS_HEADER = ['linea', 'motivo', ...INTERCHANGE_HEADER];
const REJECT_PAGE = 10_000;

/**
 * The nightly eligibility import. The file is streamed (never held whole): each row is checked, the
 * good ones are copied into a staging table, then one transaction refuses what needs the whole file
 * or the registry, upserts the rest and flags appointments past a new eligibility end. Importing the
 * same file again changes nothing.
 */
export async function importBeneficiaries(
  database: Database,
  options: ImportOptions,
): Promise<ImportSummary> {
  const { db } = database;
  const size = await stat(options.file).then(
    (s) => s.size,
    () => {
      throw new DomainError('IMPORT_FILE_NOT_FOUND', 'cannot read the import file');
    },
  );
  const units = new Set((await db.selectFrom('units').select('clues').execute()).map((u) => u.clues));
  const run = await db
    .insertInto('beneficiary_imports')
    .values({ file_name: options.file })
    .returning('id')
    .executeTakeFirstOrThrow();
  const importId = run.id;

  const rules = { affiliationCheckDigit: options.affiliationCheckDigit ?? false };
  const maxRejectedPercent = options.maxRejectedPercent ?? DEFAULT_MAX_REJECTED_PERCENT;
  const rejects = stringify();
  const rejectsDone = pipeline(rejects, createWriteStream(options.rejectsFile));
  const counts = new Map<string, number>();
  let read = 0;
  const refuse = async (line: number, reason: RejectReason, fields: readonly string[]) => {
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
    await write(rejects, [line, reason, ...fields]);
  };

  try {
    await write(rejects, REJECTS_HEADER);
    const bar = (options.progress ?? silentProgress).phase('Importación', size, 'bytes');
    const source = createReadStream(options.file);
    source.on('data', (chunk) => bar.advance(chunk.length));
    const parser = parse({
      bom: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    });
    const parsing = options.file.endsWith('.gz')
      ? pipeline(source, createGunzip(), parser)
      : pipeline(source, parser);
    // Awaited after the copy; until then a failure must not go unhandled.
    parsing.catch(() => undefined);

    async function* stagedLines(): AsyncGenerator<string> {
      let header = true;
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        if (header) {
          header = false;
          if (record.join(',') !== INTERCHANGE_HEADER.join(','))
            throw new DomainError('IMPORT_HEADER_INVALID', 'the header is not the interchange format');
          continue;
        }
        read++;
        const check = checkInterchangeRow(record, units, rules);
        if (!check.ok) {
          await refuse(info.lines, check.reason, record);
          continue;
        }
        const r = check.row;
        yield copyLine([
          importId,
          info.lines,
          r.curp,
          r.affiliationNumber,
          r.givenNames,
          r.firstSurname,
          r.secondSurname,
          r.birthDate,
          r.sex,
          r.phone,
          r.email,
          r.category,
          r.holderCurp,
          r.unitClues,
          r.consultorio,
          r.shift,
          r.eligibleUntil,
        ]);
      }
    }
    await database.copyInto('beneficiary_import_rows', STAGING_COLUMNS, stagedLines());
    await parsing;
    bar.finish();
    // Fresh statistics, or the planner takes a million staged rows for a handful and loops.
    await sql`analyze beneficiary_import_rows`.execute(db);

    const refusedEarlier = [...counts.values()].reduce((a, b) => a + b, 0);
    const applied = await db.transaction().execute(async (trx) => {
      // Hash joins over the whole file want memory; only this transaction gets it.
      await sql`set local work_mem = '256MB'`.execute(trx);
      const refused = refusedEarlier + (await refuseStagedRows(trx, importId));
      if (tooManyRejected(read, refused, maxRejectedPercent) && !options.acceptRejections) return null;
      return applyStagedImport(trx, importId, options.now);
    });
    await writeDatabaseRejects(database, importId, refuse);
    rejects.end();
    await rejectsDone;

    const rejected = [...counts.values()].reduce((a, b) => a + b, 0);
    const summary: ImportSummary = {
      importId,
      read,
      inserted: applied?.inserted ?? 0,
      updated: applied?.updated ?? 0,
      unchanged: applied ? read - rejected - applied.inserted - applied.updated : 0,
      rejected,
      rejectedByReason: Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
      flagged: applied?.flagged ?? 0,
      applied: applied !== null,
      maxRejectedPercent,
    };
    await db
      .updateTable('beneficiary_imports')
      .set({
        finished_at: new Date(),
        read: summary.read,
        inserted: summary.inserted,
        updated: summary.updated,
        unchanged: summary.unchanged,
        rejected: summary.rejected,
        flagged: summary.flagged,
        rejected_by_reason: JSON.stringify(summary.rejectedByReason),
        applied: summary.applied,
      })
      .where('id', '=', importId)
      .execute();
    return summary;
  } finally {
    if (!rejects.writableEnded) rejects.end();
    await rejectsDone.catch(() => undefined);
    await db.deleteFrom('beneficiary_import_rows').where('import_id', '=', importId).execute();
  }
}

/** The rows the database refused, page by page in line order, to the rejects file. */
async function writeDatabaseRejects(
  database: Database,
  importId: number,
  refuse: (line: number, reason: RejectReason, fields: readonly string[]) => Promise<void>,
) {
  let after = 0;
  for (;;) {
    const page = await database.db
      .selectFrom('beneficiary_import_rows')
      .selectAll()
      .where('import_id', '=', importId)
      .where('reject_reason', 'is not', null)
      .where('line', '>', after)
      .orderBy('line')
      .limit(REJECT_PAGE)
      .execute();
    for (const r of page) {
      await refuse(r.line, r.reject_reason as RejectReason, [
        r.curp,
        r.affiliation_number ?? '',
        r.given_names,
        r.first_surname,
        r.second_surname,
        r.birth_date,
        r.sex,
        r.phone ?? '',
        r.email ?? '',
        r.category,
        r.holder_curp ?? '',
        r.unit_clues,
        r.consultorio,
        r.shift,
        r.eligible_until,
      ]);
      after = r.line;
    }
    if (page.length < REJECT_PAGE) return;
  }
}

async function write(stream: Writable, record: readonly unknown[]) {
  if (!stream.write(record)) await once(stream, 'drain');
}
