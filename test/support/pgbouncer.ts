// A throwaway PgBouncer in transaction mode (.ci/pgbouncer.ini) on a free port, in front of a
// PostgreSQL server. PgBouncer refuses to run as root: under root it runs as the `postgres` user.
import { execFile } from 'node:child_process';
import { access, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../faults/support/cluster.js';

const run = promisify(execFile);
const TEMPLATE = fileURLToPath(new URL('../../.ci/pgbouncer.ini', import.meta.url));
const BINARIES = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'];

export interface PgBouncer {
  /** `upstreamUrl` with its host and port replaced by PgBouncer's. */
  url(upstreamUrl: string): string;
  stop(): Promise<void>;
}

/** The PgBouncer binary, or null when it is not installed (.ci/run installs it). */
export async function pgbouncerBinary(): Promise<string | null> {
  for (const path of BINARIES)
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  return null;
}

export async function startPgBouncer(upstreamUrl: string): Promise<PgBouncer> {
  const binary = await pgbouncerBinary();
  if (!binary) throw new Error('PgBouncer is not installed (apt-get install pgbouncer)');
  const upstream = new URL(upstreamUrl);
  const dir = await mkdtemp(join(tmpdir(), 'citas-pgbouncer-'));
  const port = await freePort();
  const config = (await readFile(TEMPLATE, 'utf8'))
    .replaceAll('@UPSTREAM_HOST@', upstream.hostname)
    .replaceAll('@UPSTREAM_PORT@', upstream.port || '5432')
    .replaceAll('@LISTEN_PORT@', String(port))
    .replaceAll('@RUN_DIR@', dir);
  await writeFile(join(dir, 'pgbouncer.ini'), config);
  await writeFile(join(dir, 'users.txt'), `"${decodeURIComponent(upstream.username) || 'postgres'}" ""\n`);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout);
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout);
    for (const file of ['', 'pgbouncer.ini', 'users.txt']) await chown(join(dir, file), uid, gid);
  }
  const args = ['-d', join(dir, 'pgbouncer.ini')];
  await (asRoot ? run('runuser', ['-u', 'postgres', '--', binary, ...args]) : run(binary, args));
  await listening(port);
  const pid = await pidOf(join(dir, 'pgbouncer.pid'));
  return {
    url: (url) => {
      const through = new URL(url);
      through.hostname = '127.0.0.1';
      through.port = String(port);
      return through.toString();
    },
    stop: async () => {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The daemon writes its pid file after it forks, which may be after the port is open. */
async function pidOf(file: string): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (/^\d+\s*$/.test(text)) return Number(text.trim());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`PgBouncer wrote no pid file at ${file}`);
}

async function listening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`PgBouncer did not listen on port ${port}`);
}
