// What a webhook request says, read leniently. A telephony platform turns any answer that is not
// TwiML/VoiceXML into "an application error has occurred" and drops the call, so nothing a request
// carries is refused here: each part is read when it is well formed and otherwise taken as absent,
// and keys no telephone can send are reported as junk (the caller hears the question again).
import type { StepEvent } from './twiml.js';

export type Params = Record<string, unknown>;

/** The keys a DTMF keypad sends; VoiceXML platforms put spaces between them. */
const DTMF = /^[0-9*#]{1,80}$/;
const SEQ = /^[1-9][0-9]{0,6}$/;
const KEY = /^[0-9a-z]{1,16}$/;
const CALL_SID = /^[A-Za-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EVENTS: ReadonlySet<string> = new Set<StepEvent>(['silence', 'invalid', 'agent']);
const TEXT_MAX = 200;

/** Form fields, query parameters or a JSON object alike; anything else (a string, an array) is empty. */
export const paramsOf = (value: unknown): Params =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Params) : {};

/** A single text value, or undefined for a missing, repeated, non-text or overlong one. */
export function text(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value.length <= TEXT_MAX ? value : undefined;
}

/** The step a request answers (`s`), the call's key (`k`) and the event, each null when unreadable. */
export function stepOf(query: Params): { seq: number | null; key: string | null; event: StepEvent | null } {
  const s = text(query, 's');
  const k = text(query, 'k');
  const event = text(query, 'event');
  return {
    seq: s !== undefined && SEQ.test(s) ? Number(s) : null,
    key: k !== undefined && KEY.test(k) ? k : null,
    event: event !== undefined && EVENTS.has(event) ? (event as StepEvent) : null,
  };
}

export const callSidOf = (params: Params): string | null => {
  const sid = text(params, 'CallSid');
  return sid !== undefined && CALL_SID.test(sid) ? sid : null;
};

export const vxmlCallIdOf = (query: Params): string | null => {
  const id = text(query, 'call');
  return id !== undefined && UUID.test(id) ? id : null;
};

export type Keys = { kind: 'none' } | { kind: 'keys'; digits: string } | { kind: 'junk' };

/** The keys pressed: none, DTMF keys, or something no keypad sends (letters, thousands of keys). */
export function keysOf(params: Params): Keys {
  const raw = params.Digits;
  if (raw === undefined || raw === '') return { kind: 'none' };
  if (typeof raw !== 'string') return { kind: 'junk' };
  const digits = raw.length <= TEXT_MAX ? raw.replaceAll(' ', '') : raw;
  if (digits === '') return { kind: 'none' };
  return DTMF.test(digits) ? { kind: 'keys', digits } : { kind: 'junk' };
}
