import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PostgreSQL database each test file's database is created from (CREATE … TEMPLATE). */
    postgresTemplate: string | null;
    /** A file holding a migrated PGlite data directory (dumpDataDir) each in-memory test database loads. */
    pgliteImage: string | null;
  }
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query(statement);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fails the run early when PostgreSQL was asked for but cannot be reached. */
async function checkPostgres(url: string) {
  try {
    await adminQuery(url, 'select 1');
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is unreachable: ${(error as Error).message}`);
  }
}

/** Migrates one database for the whole run; test files copy it instead of migrating their own. */
async function postgresTemplate(adminUrl: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `citas_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  return { name, drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
}

/** Migrates one in-memory PGlite database for the whole run and writes its image to a file. */
async function pgliteImage(): Promise<{ file: string; drop: () => Promise<void> }> {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  let image: Blob | undefined;
  try {
    await migrate(database);
    image = await database.image?.();
  } finally {
    await database.close();
  }
  if (!image) throw new Error('PGlite gave no image of its data directory');
  const dir = await mkdtemp(join(tmpdir(), 'citas-pglite-image-'));
  const file = join(dir, 'image.tar');
  await writeFile(file, Buffer.from(await image.arrayBuffer()));
  return { file, drop: () => rm(dir, { recursive: true, force: true }) };
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const drops: Array<() => Promise<void>> = [];
  if (project.name === 'postgres' && adminUrl) {
    await checkPostgres(adminUrl);
    // Straight to the server, not through a pooler: a database a pooler still holds sessions on
    // cannot be copied.
    const template = await postgresTemplate(process.env.TEST_DATABASE_ADMIN_URL ?? adminUrl);
    drops.push(template.drop);
    project.provide('postgresTemplate', template.name);
  }
  if (project.name === 'pglite' && !adminUrl)
    console.log('TEST_DATABASE_URL not set: integration tests run on PGlite only.');
  if (project.name === 'pglite' || project.name === 'browser') {
    const image = await pgliteImage();
    drops.push(image.drop);
    project.provide('pgliteImage', image.file);
  }
  return async () => {
    for (const drop of drops) await drop();
  };
}
