import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { loadConfig } from '../config.js';
import { INTERCHANGE_HEADER } from '../registry/import/interchange-row.js';
import { IMPORT_NOT_APPLIED_EXIT_CODE, importBeneficiariesCommand } from './import.js';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'citas-import-cli-'));
});
afterAll(async () => {
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('citas import beneficiaries', () => {
  it('exits non-zero and says why when the circuit breaker keeps the file out', async () => {
    const file = join(dir, 'padron.csv');
    await writeFile(file, `${INTERCHANGE_HEADER.join(',')}\nnot,a,row\n`);
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const { import: settings } = loadConfig({});
    await importBeneficiariesCommand(database, file, settings, { acceptRejections: false });
    expect(process.exitCode).toBe(IMPORT_NOT_APPLIED_EXIT_CODE);
    expect(String(stderr.mock.calls[0]?.[0])).toContain(
      'NO APLICADA: se rechazó el 100 % de las filas, más del 5 %',
    );

    process.exitCode = undefined;
    await importBeneficiariesCommand(database, file, settings, { acceptRejections: true });
    expect(process.exitCode).toBeUndefined();
  });
});
