import pg from 'pg';

/** Fails the run early when PostgreSQL was asked for but cannot be reached. */
async function checkPostgres() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log('TEST_DATABASE_URL not set: integration tests run on PGlite only.');
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is unreachable: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  console.log('Integration tests run on PGlite and on PostgreSQL.');
}

export default async function setup() {
  await checkPostgres();
}
