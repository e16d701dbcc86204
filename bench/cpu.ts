// CPU time spent during a phase, from /proc: the whole machine's, and the server process's own. On
// two shared cores these say where a booking's cost goes, which throughput alone cannot.
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Busy ticks of all CPUs since boot (everything but idle and I/O wait). */
function machineBusyTicks(): number {
  const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const ticks = fields.map(Number);
  const total = ticks.reduce((sum, n) => sum + n, 0);
  return total - (ticks[3] ?? 0) - (ticks[4] ?? 0);
}

/** User + system ticks of one process (its threads included). */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export interface CpuSpent {
  /** Milliseconds of CPU used by the whole machine during the phase. */
  machineMs: number;
  /** Of which the server process's. */
  serverMs?: number;
}

/** Starts measuring; the returned function ends the measure. */
export function measureCpu(serverPid?: number): () => CpuSpent {
  const machine = machineBusyTicks();
  const server = serverPid === undefined ? 0 : processTicks(serverPid);
  return () => ({
    machineMs: (machineBusyTicks() - machine) * TICK_MS,
    ...(serverPid === undefined ? {} : { serverMs: (processTicks(serverPid) - server) * TICK_MS }),
  });
}
