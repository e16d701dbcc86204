import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { aBeneficiary, aClinic, freeSlots, type TestClinic } from '../../../test/support/factories.js';
import { affiliationNumber } from '../affiliation.js';
import { buildCurp } from '../curp.js';
import { importBeneficiaries } from './import-beneficiaries.js';
import { INTERCHANGE_HEADER } from './interchange-row.js';

let database: TestDatabase;
let clinic: TestClinic;
let dir: string;
let registryHolder: string;
const taken = affiliationNumber(4242);

beforeAll(async () => {
  database = await createTestDatabase();
  clinic = await aClinic(database.db);
  registryHolder = (await aBeneficiary(database.db, clinic)).curp;
  await aBeneficiary(database.db, clinic, { affiliation_number: taken });
  dir = await mkdtemp(join(tmpdir(), 'citas-import-'));
});
afterAll(async () => {
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

const curpOf = (givenNames: string, birthDate: string, sex: 'H' | 'M') =>
  buildCurp({
    givenNames,
    firstSurname: 'Núñez',
    secondSurname: 'Peña',
    birthDate,
    sex,
    state: 'QR',
    differentiator: 1,
  });

const holder = curpOf('Begoña', '1980-02-03', 'M');
const child = curpOf('Iñaki', '2010-05-06', 'H');
const person = (
  curp: string,
  birthDate: string,
  sex: string,
  tipo: string,
  titular: string,
  until = '2030-12-31',
) => [
  curp,
  '',
  'Nombre Ñandú',
  'Núñez',
  'Peña',
  birthDate,
  sex,
  '',
  '',
  tipo,
  titular,
  clinic.clues,
  'Consultorio 1',
  'M',
  until,
];

function fileRows(childUntil = '2030-12-31') {
  const badCheckDigit = `${holder.slice(0, 17)}${(Number(holder[17]) + 1) % 10}`;
  return [
    INTERCHANGE_HEADER,
    person(holder, '1980-02-03', 'M', 'trabajador', ''), // line 2
    person(child, '2010-05-06', 'H', 'hijo', holder, childUntil), // 3: holder earlier in the file
    person(curpOf('Ramón', '1950-07-08', 'H'), '1950-07-08', 'H', 'padre', registryHolder), // 4: holder in the registry
    person(curpOf('Inés', '2012-09-10', 'M'), '2012-09-10', 'M', 'hijo', curpOf('Nadie', '1970-01-01', 'H')), // 5
    person(holder, '1980-02-03', 'M', 'trabajador', ''), // 6: twice in the file
    [
      curpOf('Joaquín', '1975-11-12', 'H'),
      taken,
      ...person('', '1975-11-12', 'H', 'trabajador', '').slice(2),
    ], // 7
    person(badCheckDigit, '1980-02-03', 'M', 'trabajador', ''), // 8
    [holder, 'too few columns'], // 9
  ];
}

async function writeCsv(name: string, rows: readonly (readonly unknown[])[], gzip = false) {
  const path = join(dir, name);
  const text = stringify(rows.map((r) => [...r]));
  await writeFile(path, gzip ? gzipSync(text) : text);
  return path;
}

// These files are mostly bad rows by design, one of each reason: the circuit breaker is let through.
const run = (file: string, now = new Date()) =>
  importBeneficiaries(database, { file, rejectsFile: `${file}.rechazos.csv`, now, maxRejectedPercent: 100 });

describe('importing beneficiaries', () => {
  it('upserts the valid rows and writes every refused one with its line and reason', async () => {
    const file = await writeCsv('padron.csv', fileRows());
    const summary = await run(file);
    expect(summary).toMatchObject({
      read: 8,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 5,
      flagged: 0,
    });
    expect(summary.rejectedByReason).toEqual({
      AFFILIATION_TAKEN: 1,
      COLUMN_COUNT: 1,
      CURP_CHECK_DIGIT: 1,
      DUPLICATE_IN_FILE: 1,
      HOLDER_NOT_FOUND: 1,
    });
    const rejects: string[][] = parse(await readFile(`${file}.rechazos.csv`), { relax_column_count: true });
    expect(rejects[0]?.slice(0, 3)).toEqual(['linea', 'motivo', 'curp']);
    expect(
      rejects
        .slice(1)
        .map((r) => [r[0], r[1]])
        .sort(),
    ).toEqual([
      ['5', 'HOLDER_NOT_FOUND'],
      ['6', 'DUPLICATE_IN_FILE'],
      ['7', 'AFFILIATION_TAKEN'],
      ['8', 'CURP_CHECK_DIGIT'],
      ['9', 'COLUMN_COUNT'],
    ]);
    const stored = await database.db
      .selectFrom('beneficiaries as b')
      .leftJoin('beneficiaries as h', 'h.id', 'b.holder_id')
      .select(['b.curp', 'h.curp as holder'])
      .where('b.curp', '=', child)
      .executeTakeFirstOrThrow();
    expect(stored.holder).toBe(holder);
    const staged = await database.db.selectFrom('beneficiary_import_rows').select('line').execute();
    expect(staged).toEqual([]);
  });

  it('changes nothing when the same file comes again, gzip-compressed or not', async () => {
    const before = await database.db
      .selectFrom('beneficiaries')
      .select(['curp', 'updated_at'])
      .orderBy('curp')
      .execute();
    const plain = await run(await writeCsv('padron-2.csv', fileRows()));
    const gzipped = await run(await writeCsv('padron-3.csv.gz', fileRows(), true));
    for (const summary of [plain, gzipped]) {
      expect(summary).toMatchObject({ read: 8, inserted: 0, updated: 0, unchanged: 3, rejected: 5 });
    }
    const after = await database.db
      .selectFrom('beneficiaries')
      .select(['curp', 'updated_at'])
      .orderBy('curp')
      .execute();
    expect(after).toEqual(before);
  });

  it('keeps appointments past a new eligibility end, flagged for the unit, once', async () => {
    const [slotId] = await freeSlots(database.db, clinic, 1, { pool: 'phone' });
    const slot = await database.db
      .selectFrom('slots')
      .selectAll()
      .where('id', '=', slotId as number)
      .executeTakeFirstOrThrow();
    const member = await database.db
      .selectFrom('beneficiaries')
      .select('id')
      .where('curp', '=', child)
      .executeTakeFirstOrThrow();
    await database.db.updateTable('slots').set({ status: 'booked' }).where('id', '=', slot.id).execute();
    const appointment = await database.db
      .insertInto('appointments')
      .values({
        folio: 'ACDEFHJK',
        beneficiary_id: member.id,
        slot_id: slot.id,
        service_code: slot.service_code,
        unit_clues: slot.unit_clues,
        starts_at: slot.starts_at,
        ends_at: slot.ends_at,
        channel: 'agent',
        created_by: 'test',
        updated_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const lastDay = DateTime.fromISO(slot.local_date).minus({ days: 1 }).toISODate() as string;
    const changed = await run(await writeCsv('padron-4.csv', fileRows(lastDay)));
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 2, flagged: 1 });
    const flagged = await database.db
      .selectFrom('appointments')
      .select(['status', 'needs_rebooking', 'rebooking_reason'])
      .where('id', '=', appointment.id)
      .executeTakeFirstOrThrow();
    expect(flagged).toEqual({
      status: 'booked',
      needs_rebooking: true,
      rebooking_reason: `Vigencia de derechos hasta el ${lastDay}`,
    });
    const events = await database.db
      .selectFrom('appointment_events')
      .select(['action', 'channel'])
      .where('appointment_id', '=', appointment.id)
      .execute();
    expect(events).toEqual([{ action: 'flagged', channel: 'system' }]);

    const again = await run(await writeCsv('padron-5.csv', fileRows(lastDay)));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, flagged: 0 });
  });

  it('refuses a file whose header is not the interchange format, staging nothing', async () => {
    const file = await writeCsv('otro.csv', [
      ['curp', 'nombre'],
      [holder, 'Begoña'],
    ]);
    await expect(run(file)).rejects.toMatchObject({ code: 'IMPORT_HEADER_INVALID' });
    const staged = await database.db.selectFrom('beneficiary_import_rows').select('line').execute();
    expect(staged).toEqual([]);
  });
});

describe('an affiliation number without a check digit', () => {
  /** Ten digits whose last one is not the Luhn digit of the other nine. */
  const withoutCheckDigit = (serial: number) => {
    const checked = affiliationNumber(serial);
    return `${checked.slice(0, 9)}${(Number(checked[9]) + 1) % 10}`;
  };
  const registryWithoutCheckDigits = () => [
    INTERCHANGE_HEADER,
    ...['Alba', 'Berta', 'Clara', 'Diana'].map((name, i) => {
      const birthDate = `1990-0${i + 1}-1${i}`;
      const curp = curpOf(name, birthDate, 'M');
      return [curp, withoutCheckDigit(7000 + i), ...person(curp, birthDate, 'M', 'trabajador', '').slice(2)];
    }),
  ];

  it('is imported by default: the format promises only ten digits', async () => {
    const file = await writeCsv('sin-digito.csv', registryWithoutCheckDigits());
    const summary = await importBeneficiaries(database, {
      file,
      rejectsFile: `${file}.rechazos.csv`,
      now: new Date(),
    });
    expect(summary).toMatchObject({ read: 4, inserted: 4, rejected: 0, applied: true });
  });

  it('is refused when the check digit is asked for (and then the breaker keeps the file out)', async () => {
    const file = await writeCsv('sin-digito-2.csv', registryWithoutCheckDigits());
    const summary = await importBeneficiaries(database, {
      file,
      rejectsFile: `${file}.rechazos.csv`,
      now: new Date(),
      affiliationCheckDigit: true,
    });
    expect(summary).toMatchObject({
      rejected: 4,
      rejectedByReason: { AFFILIATION_INVALID: 4 },
      applied: false,
    });
  });
});

describe('the circuit breaker', () => {
  /** One good row (a woman born on `birthDate`) and three broken ones. */
  const badRegistry = (birthDate: string) => {
    const good = person(curpOf('Ana', birthDate, 'M'), birthDate, 'M', 'trabajador', '');
    const bad = [holder, 'too few columns'];
    return [INTERCHANGE_HEADER, good, bad, bad, bad];
  };
  const stored = (curp: string) =>
    database.db.selectFrom('beneficiaries').select('id').where('curp', '=', curp).executeTakeFirst();

  it('applies nothing when more than 5 % of the rows are refused, and records why', async () => {
    const file = await writeCsv('roto.csv', badRegistry('1985-03-01'));
    const summary = await importBeneficiaries(database, {
      file,
      rejectsFile: `${file}.rechazos.csv`,
      now: new Date(),
    });
    expect(summary).toMatchObject({
      read: 4,
      rejected: 3,
      inserted: 0,
      updated: 0,
      applied: false,
      maxRejectedPercent: 5,
    });
    expect(await stored(curpOf('Ana', '1985-03-01', 'M'))).toBeUndefined();
    const rejects: string[][] = parse(await readFile(`${file}.rechazos.csv`), { relax_column_count: true });
    expect(rejects).toHaveLength(4);
    const run = await database.db
      .selectFrom('beneficiary_imports')
      .select(['applied', 'rejected'])
      .where('id', '=', summary.importId)
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ applied: false, rejected: 3 });
  });

  it('counts the rows the database refuses too (a whole file of duplicates)', async () => {
    const row = person(curpOf('Eva', '1991-01-02', 'M'), '1991-01-02', 'M', 'trabajador', '');
    const file = await writeCsv('duplicados.csv', [INTERCHANGE_HEADER, row, row, row]);
    const summary = await importBeneficiaries(database, {
      file,
      rejectsFile: `${file}.rechazos.csv`,
      now: new Date(),
    });
    expect(summary).toMatchObject({ rejected: 2, applied: false, inserted: 0 });
  });

  it('lets the operator apply the good rows explicitly, or raise the limit', async () => {
    const forced = await writeCsv('roto-forzado.csv', badRegistry('1985-03-02'));
    expect(
      await importBeneficiaries(database, {
        file: forced,
        rejectsFile: `${forced}.rechazos.csv`,
        now: new Date(),
        acceptRejections: true,
      }),
    ).toMatchObject({ inserted: 1, rejected: 3, applied: true });
    expect(await stored(curpOf('Ana', '1985-03-02', 'M'))).toBeDefined();

    const raised = await writeCsv('roto-limite.csv', badRegistry('1985-03-03'));
    expect(
      await importBeneficiaries(database, {
        file: raised,
        rejectsFile: `${raised}.rechazos.csv`,
        now: new Date(),
        maxRejectedPercent: 75,
      }),
    ).toMatchObject({ inserted: 1, applied: true });
  });
});
