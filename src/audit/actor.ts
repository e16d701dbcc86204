import type { AuditActorKind } from '../platform/db/schema.js';

const KINDS: ReadonlySet<string> = new Set(['staff', 'token', 'beneficiary', 'ivr', 'system']);

/**
 * Actors travel as labels ('token:7', 'staff:3', 'beneficiary:42', 'ivr:CA…') so that appointments
 * and their history keep who acted in one column; the audit trail stores the two parts.
 */
export function parseActor(label: string): { kind: AuditActorKind; id: string } {
  const at = label.indexOf(':');
  const kind = at > 0 ? label.slice(0, at) : '';
  if (!KINDS.has(kind)) return { kind: 'system', id: label };
  return { kind: kind as AuditActorKind, id: label.slice(at + 1) };
}
