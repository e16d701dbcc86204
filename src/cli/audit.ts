import { userInfo } from 'node:os';
import { recordAudit } from '../identity/audit.js';
import type { Db } from '../platform/db/connect.js';

/** The operating-system account that ran the command: the nearest thing to "who" on a terminal. */
function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'desconocido';
  }
}

/** Records a change of who may do what made from the command line (tokens, accounts). */
export function auditCli(db: Db, action: string, detail: Record<string, unknown>): Promise<void> {
  return recordAudit(db, {
    actor: { kind: 'system', id: `cli:${operator()}` },
    action,
    channel: 'cli',
    result: 'ok',
    detail,
  });
}
