import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { stringify } from 'csv-stringify';
import { affiliationNumber } from '../../registry/affiliation.js';
import { INTERCHANGE_HEADER } from '../../registry/import/interchange-row.js';
import type { PlannedUnit } from './network.js';
import { syntheticPeople } from './people.js';

/** Affiliation numbers of people written to interchange files, apart from the seeded ones. */
const AFFILIATION_FIRST_SERIAL = 500_000_000;

/**
 * Writes `count` synthetic people in the interchange format (gzip when the name ends in .gz),
 * each holder before their family: the input of import tests and of the import benchmark.
 */
export async function writeInterchangeFile(
  path: string,
  units: readonly PlannedUnit[],
  options: { count: number; seed: number; today: string },
): Promise<void> {
  const csv = stringify();
  const done = path.endsWith('.gz')
    ? pipeline(csv, createGzip({ level: 1 }), createWriteStream(path))
    : pipeline(csv, createWriteStream(path));
  const write = async (record: readonly unknown[]) => {
    if (!csv.write(record)) await once(csv, 'drain');
  };
  await write(INTERCHANGE_HEADER);
  let holderCurp = '';
  for (const p of syntheticPeople(units, options)) {
    if (p.holderIndex === null) holderCurp = p.curp;
    await write([
      p.curp,
      affiliationNumber(AFFILIATION_FIRST_SERIAL + p.index),
      p.givenNames,
      p.firstSurname,
      p.secondSurname,
      p.birthDate,
      p.sex,
      p.phone ?? '',
      p.email ?? '',
      p.category,
      p.holderIndex === null ? '' : holderCurp,
      p.unitClues,
      p.consultorio,
      p.shift,
      p.eligibleUntil,
    ]);
  }
  csv.end();
  await done;
}
