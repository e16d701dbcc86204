// TwiML (Twilio; also SignalWire's and Telnyx TeXML's dialect of it) for a turn. Only verbs and
// attributes all three document are used: <Say language>, <Gather input numDigits timeout
// finishOnKey action method>, <Redirect method>, <Dial action method timeout>, <Hangup>.
import { create } from 'xmlbuilder2';
import type { Turn } from './conduct.js';
import type { Expect } from './dialog/questions.js';

type XMLBuilder = ReturnType<typeof create>;

export type StepEvent = 'silence' | 'invalid' | 'agent';

/** Absolute URLs of the next step of this call (some platforms accept only absolute ones). */
export type StepUrl = (seq: number, event?: StepEvent) => string;

export const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** Seconds the caller has to press a key (and between the digits of a number). */
const KEY_TIMEOUT = '6';
const DIGITS_TIMEOUT = '8';
/** Seconds the agent line may ring before counting as unanswered. */
export const AGENT_RING_SECONDS = 30;

function gatherAttributes(expect: Expect, action: string): Record<string, string> {
  const common = { input: 'dtmf', action, method: 'POST' };
  // A menu takes one key, and "#" must arrive as a key rather than end the input empty.
  if (expect.kind === 'keys') return { ...common, numDigits: '1', timeout: KEY_TIMEOUT, finishOnKey: '' };
  return { ...common, numDigits: String(expect.length), timeout: DIGITS_TIMEOUT, finishOnKey: '#' };
}

export function renderTwiml(turn: Turn, url: StepUrl, voice: string | null): string {
  const response = create({ version: '1.0', encoding: 'UTF-8' }).ele('Response');
  const say = (parent: XMLBuilder, text: string) =>
    parent.ele('Say', voice ? { language: 'es-MX', voice } : { language: 'es-MX' }).txt(text);

  switch (turn.kind) {
    case 'ask': {
      // Prompts inside <Gather>: a caller who knows the menu can press a key without listening.
      const gather = response.ele('Gather', gatherAttributes(turn.expect, url(turn.seq)));
      for (const line of turn.say) say(gather, line);
      // <Gather> without input falls through to the next verb: that is how silence reaches us.
      response.ele('Redirect', { method: 'POST' }).txt(url(turn.seq, 'silence'));
      break;
    }
    case 'dial': {
      for (const line of turn.say) say(response, line);
      const attributes: Record<string, string> = { timeout: String(AGENT_RING_SECONDS) };
      if (turn.seq !== null) Object.assign(attributes, { action: url(turn.seq, 'agent'), method: 'POST' });
      response.ele('Dial', attributes).txt(turn.number);
      if (turn.seq === null) response.ele('Hangup');
      break;
    }
    case 'hang-up':
      for (const line of turn.say) say(response, line);
      response.ele('Hangup');
      break;
  }
  return response.end({ prettyPrint: false });
}
