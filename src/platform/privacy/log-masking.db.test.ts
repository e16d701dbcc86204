import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import {
  DISGUISED_CURPS,
  DISGUISED_PHONES,
  showsPersonalData,
} from '../../../test/support/disguised-personal-data.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';

const DISGUISES = [...DISGUISED_CURPS, ...DISGUISED_PHONES];

let database: TestDatabase;
const lines: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Runs the scan `npm test` ends with over a directory holding these log files (name → lines). */
function scanLogs(files: Record<string, string[]>) {
  const dir = mkdtempSync(join(tmpdir(), 'citas-scan-'));
  try {
    for (const [name, logLines] of Object.entries(files))
      writeFileSync(join(dir, name), `${logLines.join('\n')}\n`);
    return spawnSync('node', ['scripts/scan-test-logs.mjs', dir], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the server log', () => {
  it('holds no CURP or phone however a request disguises it, in the URL or in a message', async () => {
    const config = loadConfig({
      SEED_DEMO: 'false',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
      LOG_LEVEL: 'debug',
    });
    const app = await buildApp({
      config,
      db: database.db,
      logger: { stream: { write: (line: string) => lines.push(line) } },
    });
    for (const [, text] of DISGUISES) {
      const path = text.startsWith('/') ? text : `/x/${encodeURIComponent(text)}`;
      await app.inject({ url: path });
      app.log.info({ typed: text }, `typed ${text}`);
    }
    await app.close();
    expect(lines.length).toBeGreaterThan(DISGUISES.length * 2);
    expect(lines.filter(showsPersonalData)).toEqual([]);
    expect(scanLogs({ 'server.log': lines }).status).toBe(0);
  });
});

describe('the scan of the test logs', () => {
  it('finds a CURP or a phone however it is disguised, and a phone logged as a number', () => {
    const files = Object.fromEntries(
      DISGUISES.map(([, text], i) => [
        `disguise-${i}.log`,
        [JSON.stringify({ level: 30, time: 1_796_038_492_625, msg: 'request', url: text })],
      ]),
    );
    files['number.log'] = [JSON.stringify({ time: 1_796_038_492_625, to: 5_512_345_678 })];
    const scan = scanLogs(files);
    expect(scan.status).toBe(1);
    const caught = Object.keys(files).filter((name) => scan.stderr.includes(` in ${name}:`));
    expect(caught).toEqual(Object.keys(files));
  });

  it('leaves timestamps, durations, pids and appointment ids alone', () => {
    const clean = {
      time: 1_796_038_492_625,
      pid: 4242,
      responseTime: 12.345678901234,
      url: '/api/v1/appointments/00000000-0000-4000-8000-000000000000',
    };
    expect(scanLogs({ 'clean.log': [JSON.stringify(clean)] }).status).toBe(0);
  });
});
