import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChainHead } from './chain.js';

// The chain's head, published outside the database as it grows: one line per sealing round in an
// append-only file (`chattr +a`, or shipped to a log collector), so a cut or rewritten tail no longer
// matches what was published. `citas audit head` prints the same text to copy anywhere.

const HEAD = /^([0-9]+):([0-9a-f]{64})$/;

export const formatHead = (head: ChainHead): string => `${head.seq}:${head.hash}`;

export function parseHead(text: string): ChainHead | null {
  const match = HEAD.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2] as string } : null;
}

/** Every head a file holds (the last word of each line that has one); none when it does not exist. */
export async function readHeads(path: string): Promise<ChainHead[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .map((line) => parseHead(line.trim().split(/\s+/).at(-1) ?? ''))
    .filter((head): head is ChainHead => head !== null);
}

export async function appendHead(path: string, head: ChainHead, now: Date): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${now.toISOString()} ${formatHead(head)}\n`, { mode: 0o640 });
}
