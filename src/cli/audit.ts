import { userInfo } from 'node:os';
import { type ChainHead, chainHead, sealAuditLog, verifyAuditLog } from '../audit/chain.js';
import { appendHead, formatHead, parseHead, readHeads } from '../audit/heads.js';
import { recordAudit } from '../audit/record.js';
import type { Config } from '../config.js';
import type { Db } from '../platform/db/connect.js';

/** The operating-system account that ran the command: the nearest thing to "who" on a terminal. */
function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'desconocido';
  }
}

type AuditConfig = Pick<Config, 'secrets' | 'auditHeadFile'>;

/**
 * Seals what is queued and publishes the new head, checking first that the last head published is
 * still in the chain (else AuditTamperedError, and nothing is sealed). `knownHead`: what this
 * process published last; the head file's last line when it has not published yet.
 */
export async function sealAndPublish(
  db: Db,
  config: AuditConfig,
  knownHead: ChainHead | null,
  now = new Date(),
): Promise<ChainHead | null> {
  const known =
    knownHead ?? (config.auditHeadFile ? ((await readHeads(config.auditHeadFile)).at(-1) ?? null) : null);
  const { sealed, head } = await sealAuditLog(db, config.secrets.auditChainKey, { knownHead: known, now });
  if (sealed > 0 && head && config.auditHeadFile) await appendHead(config.auditHeadFile, head, now);
  return head ?? known;
}

/** Records a change of who may do what made from the command line (tokens, accounts), sealed at once. */
export async function auditCli(
  db: Db,
  config: AuditConfig,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await recordAudit(db, {
    actor: { kind: 'system', id: `cli:${operator()}` },
    action,
    channel: 'cli',
    result: 'ok',
    detail,
  });
  await sealAndPublish(db, config, null);
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** The heads `--head` names (a head, or a file of them) plus those of the configured head file. */
async function headsToCheck(config: AuditConfig, headArgument: string | undefined): Promise<ChainHead[]> {
  const given = headArgument ? (parseHead(headArgument) ?? (await readHeads(headArgument))) : [];
  const published = config.auditHeadFile ? await readHeads(config.auditHeadFile) : [];
  return [...(Array.isArray(given) ? given : [given]), ...published];
}

/** `citas audit verify [--head FILE|SEQ:HASH]`: 0 when the chain holds, 3 when it was tampered with. */
export async function auditVerifyCommand(
  db: Db,
  config: AuditConfig,
  headArgument: string | undefined,
  output: Output,
  now = new Date(),
): Promise<number> {
  const heads = await headsToCheck(config, headArgument);
  if (headArgument && heads.length === 0) {
    output.err(`Error: --head no es SECUENCIA:HASH ni un archivo con cabezas: ${headArgument}\n`);
    return 2;
  }
  const verdict = await verifyAuditLog(db, config.secrets.auditChainKey, { heads, now });
  if (!verdict.ok) {
    output.err(
      `Bitácora ALTERADA: ${JSON.stringify(verdict.brokenAt)} (${verdict.checked} entradas íntegras antes).\n`,
    );
    return 3;
  }
  output.out(
    `Bitácora íntegra: ${verdict.checked} entradas verificadas, ${heads.length} cabezas publicadas coinciden, ${verdict.pending} por sellar.\n`,
  );
  return 0;
}

/** `citas audit head`: the chain's latest (sequence:hash), to publish elsewhere. */
export async function auditHeadCommand(db: Db, output: Output): Promise<number> {
  const head = await chainHead(db);
  output.out(`${head ? formatHead(head) : '0:'.padEnd(66, '0')}\n`);
  return 0;
}
