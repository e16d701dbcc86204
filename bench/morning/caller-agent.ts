// A caller of the voice menu as a pure decision: what a TwiML answer says (readTwiml) and which keys
// the caller presses after hearing it (callerNext). The crowd posts the webhooks, signed as Twilio.
import { PHONE } from '../../src/platform/i18n/phone-messages.js';
import type { Result } from './portal-agents.js';

export interface Heard {
  /** The platform got no TwiML (an error status): it plays its own error and hangs up. */
  failed: boolean;
  text: string;
  /** Where the keys go (the <Gather action>), if the call listens. */
  action: string | null;
}

const decodeEntities = (s: string) =>
  s.replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"');

export function readTwiml(status: number, xml: string): Heard {
  if (status !== 200) return { failed: true, text: '', action: null };
  const text = [...xml.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)]
    .map((m) => decodeEntities(m[1] ?? ''))
    .join(' ');
  const action = /<Gather[^>]*action="([^"]+)"/.exec(xml)?.[1];
  return { failed: false, text, action: action ? decodeEntities(action) : null };
}

export type CallerAct =
  | { press: string; waitMs: number }
  /** Hang up and call again later. */
  | { redial: true; waitMs: number }
  | { stop: Result; note?: string };

export interface CallerMemory {
  /** Calls the platform could not carry (an error answer). */
  failures: number;
  /** Calls that found no times after the release. */
  emptyAfterRelease: number;
  taken: number;
}

/** How long the caller listens: the menu speaks about 14 characters a second; some press early. */
const listening = (text: string, random: () => number) =>
  Math.min(8000, Math.round(text.length * 70 * (0.4 + 0.6 * random())));

/**
 * Identifies with the birth date, asks to book, takes one of the three times read, confirms; on
 * "no times" before the release hangs up and calls back soon, after it gives up on the second try;
 * when the line fails (the platform got an error) calls back a few seconds later.
 */
export function callerNext(
  heard: Heard,
  me: CallerMemory,
  who: { birthDate: string },
  m: { sinceReleaseMs: number; random: () => number },
): [CallerAct, CallerMemory] {
  const t = heard.text;
  const wait = listening(t, m.random);
  if (heard.failed) {
    const failures = me.failures + 1;
    if (failures > 5)
      return [
        { stop: 'gave-up', note: 'the line kept failing' },
        { ...me, failures },
      ];
    return [
      { redial: true, waitMs: 5000 + Math.round(m.random() * 5000) },
      { ...me, failures },
    ];
  }
  if (t.includes(PHONE.booked)) return [{ stop: 'won' }, me];
  if (t.includes('Ya tienes una cita de')) return [{ stop: 'won', note: 'already had one' }, me];
  if (!heard.action) return [{ stop: 'lost', note: `hung up: ${t.slice(0, 60)}` }, me];
  if (t.includes(PHONE.askBirthDateKnownCaller) || t.includes(PHONE.askBirthDate)) {
    const [year = '', month = '', day = ''] = who.birthDate.split('-');
    return [{ press: `${day}${month}${year}`, waitMs: wait }, me];
  }
  if (t.includes('Para confirmar, marca uno')) return [{ press: '1', waitMs: wait }, me];
  if (t.includes(PHONE.refused.SLOT_TAKEN)) {
    const taken = me.taken + 1;
    if (taken > 5)
      return [
        { stop: 'gave-up', note: 'taken too often' },
        { ...me, taken },
      ];
    if (t.includes(PHONE.noSlots))
      return [
        { stop: 'lost', note: 'nothing left' },
        { ...me, taken },
      ];
    return [
      { press: '1', waitMs: wait },
      { ...me, taken },
    ];
  }
  const offered = t.match(/Para el /g)?.length ?? 0;
  if (offered > 0)
    return [{ press: String(1 + Math.floor(m.random() * Math.min(3, offered))), waitMs: wait }, me];
  if (t.includes(PHONE.noSlots)) {
    if (m.sinceReleaseMs < 0) return [{ redial: true, waitMs: 3000 + Math.round(m.random() * 7000) }, me];
    const seen = me.emptyAfterRelease + 1;
    if (seen >= 2)
      return [
        { stop: 'lost', note: 'nothing left' },
        { ...me, emptyAfterRelease: seen },
      ];
    return [
      { redial: true, waitMs: 2000 + Math.round(m.random() * 3000) },
      { ...me, emptyAfterRelease: seen },
    ];
  }
  if (t.includes(PHONE.menu)) return [{ press: '1', waitMs: wait }, me];
  return [{ stop: 'lost', note: `unexpected: ${t.slice(0, 80)}` }, me];
}
