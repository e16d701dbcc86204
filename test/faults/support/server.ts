// `citas serve` in its own process, run from the TypeScript sources, to be killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Whether the process is still running (no unhandled error took it down). */
  alive(): boolean;
  /** What the process wrote to stderr, for a failure message. */
  stderr(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `citas serve` on `port` and waits until /livez answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', './test/faults/support/run-typescript.mjs', 'src/cli/main.ts', 'serve'],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        // The head file defaults to ./data, the checkout's own `npm start` database: a test server's
        // heads there would read as tampering to the next `npm start`.
        AUDIT_HEAD_FILE: 'off',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`citas serve exited before listening: ${stderr}`);
    const live = await fetch(`${url}/livez`).catch(() => null);
    if (live?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    alive: () => !exited,
    stderr: () => stderr,
    kill: async (signal) => {
      if (exited) return;
      child.kill(signal);
      await exit;
    },
  };
}
