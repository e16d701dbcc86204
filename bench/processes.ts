// The server and the load generator as child processes, and the server's memory as it runs.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoadResult, Scenario } from './load.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export interface RunningServer {
  url: string;
  /** The largest resident set size seen so far, in MiB (sampled every 200 ms from /proc). */
  maxRssMb(): number;
  stop(): Promise<void>;
}

/** Resident memory of a process and its children (the server's cluster workers), in MiB. */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const own = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean);
    return own + children.reduce((sum, child) => sum + rssMb(Number(child)), 0);
  } catch {
    return 0;
  }
}

/** Starts the server (`entry`, bench/server.js unless told); `nodeArgs` such as `--cpu-prof` go to its node. */
export async function startServer(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  entry = here('./server.js'),
): Promise<RunningServer> {
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    // Each run's database is new: so is the file its audit heads are published to.
    env: { AUDIT_HEAD_FILE: join(tmpdir(), `citas-bench-heads-${randomUUID()}.log`), ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  // The server prints its address once listening; log lines before or after it are passed on.
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (/^https?:\/\//.test(line)) resolve(line);
      else process.stderr.write(`${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  let max = 0;
  const sampler = setInterval(() => {
    max = Math.max(max, rssMb(child.pid as number));
  }, 200);
  return {
    url,
    maxRssMb: () => Math.round(max),
    stop: async () => {
      clearInterval(sampler);
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export type LoadFigures = Omit<LoadResult, 'createdIds'> & {
  createdIds: string[];
  created: number;
  createdPerSecond: number;
  requestsPerSecond: number;
  connections: number;
  maxInFlight?: number;
};

/** Runs `script` (a file beside this one) in a process of its own on `scenario`; reads back what it wrote. */
export async function runChild<Result>(script: string, scenario: unknown): Promise<Result> {
  const dir = await mkdtemp(join(tmpdir(), 'citas-load-'));
  try {
    const scenarioFile = join(dir, 'scenario.json');
    const resultFile = join(dir, 'result.json');
    await writeFile(scenarioFile, JSON.stringify(scenario));
    const child = spawn(process.execPath, [here(script), scenarioFile, resultFile], { stdio: 'inherit' });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`${script} failed (${code})`);
    return JSON.parse(await readFile(resultFile, 'utf8')) as Result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs one scenario in a separate load-generator process and reads its figures back. */
export async function runLoad(scenario: Scenario): Promise<LoadFigures> {
  const result = await runChild<LoadResult>('./load.js', scenario);
  return {
    ...result,
    created: result.createdIds.length,
    createdPerSecond: result.createdIds.length / result.seconds,
    requestsPerSecond: result.requests / result.seconds,
    connections: scenario.connections,
  };
}

/** A port nobody listens on now (for a server that listens where it is told). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}
