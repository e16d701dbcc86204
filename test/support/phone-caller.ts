// A caller and a telephony platform in one: places a call to the app's webhooks, then follows each
// answer exactly as the platform would (a key goes to the <Gather> action or the <field>'s submit,
// silence to the <Redirect> or <noinput>, a key outside a VoiceXML grammar to <nomatch>, the end of
// an agent call to the <Dial> action or the <transfer>'s <filled>). Every answer is parsed and
// checked as TwiML or VoiceXML 2.1 before the caller "hears" it.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { twilioSignature, VXML_SECRET_HEADER } from '../../src/channels/phone/verify.js';
import { checkTwiml, checkVxml, parseXml, type XmlElement } from './voice-markup.js';

export type Platform = 'twiml' | 'vxml';

export interface Heard {
  /** Everything said in this answer, in order. */
  text: string;
  /** What the platform does after speaking. */
  next: 'listen' | 'transfer' | 'hang-up';
  /** The number dialled, on a transfer. */
  dialled: string | null;
}

export interface CallOptions {
  /** The caller's 10-digit number; null for a withheld number. */
  from: string | null;
  /** Signs TwiML requests as Twilio does with this auth token. */
  authToken?: string;
  /** Sends this in the VoiceXML secret header. */
  vxmlSecret?: string;
}

const ORIGIN = 'http://localhost:80';
const descendants = (e: XmlElement): XmlElement[] => e.children.flatMap((c) => [c, ...descendants(c)]);
const find = (root: XmlElement, name: string) => descendants(root).find((e) => e.name === name);

export class PhoneCaller {
  private document: XmlElement | null = null;
  private last: { url: string; params: Record<string, string> } | null = null;
  private readonly callSid = `CA${randomBytes(16).toString('hex')}`;
  /** Everything heard during the call, to assert on a whole conversation. */
  readonly transcript: string[] = [];

  constructor(
    private app: FastifyInstance,
    readonly platform: Platform,
    private readonly options: CallOptions,
  ) {}

  /** Places the call and hears the greeting. */
  async dial(): Promise<Heard> {
    if (this.platform === 'twiml') return this.post(`${ORIGIN}/phone/twiml/voice`, this.twilioParams());
    const start = await this.post(`${ORIGIN}/phone/vxml/voice`, {}, false);
    expect(start.next).toBe('hang-up'); // the start document only submits the session's numbers
    const submit = this.required('submit');
    const from = this.options.from ? `tel:+52${this.options.from}` : 'sip:anonymous@invalid';
    return this.post(submit.attrs.next as string, { From: from, To: 'tel:+525540001000' });
  }

  /** Presses keys (all at once, as the caller would within the input timeout). */
  async press(keys: string): Promise<Heard> {
    if (this.platform === 'twiml') {
      const gather = this.required('Gather');
      return this.post(gather.attrs.action as string, { ...this.twilioParams(), Digits: keys });
    }
    const field = this.required('field');
    const handler = grammarAccepts(this.required('grammar'), keys) ? 'filled' : 'nomatch';
    const submit = field.children.find((c) => c.name === handler)?.children.find((c) => c.name === 'submit');
    if (!submit) throw new Error(`no ${handler} submit in the field`);
    // VoiceXML platforms report a DTMF utterance with spaces between the keys.
    const params: Record<string, string> = handler === 'filled' ? { Digits: keys.split('').join(' ') } : {};
    return this.post(submit.attrs.next as string, params);
  }

  /** Says nothing until the input times out. */
  async stayQuiet(): Promise<Heard> {
    if (this.platform === 'twiml') {
      const redirect = this.required('Redirect');
      return this.post(redirect.text, this.twilioParams());
    }
    const submit = find(this.required('noinput'), 'submit');
    return this.post(submit?.attrs.next as string, {});
  }

  /** The agent line hands the caller back: after a conversation, or because nobody answered. */
  async agentCallEnds(how: 'talked' | 'unanswered'): Promise<Heard> {
    if (this.platform === 'twiml') {
      const dial = this.required('Dial');
      const status = how === 'talked' ? 'completed' : 'no-answer';
      return this.post(dial.attrs.action as string, { ...this.twilioParams(), DialCallStatus: status });
    }
    const submit = find(this.required('transfer'), 'submit');
    const result = how === 'talked' ? 'far_end_disconnect' : 'noanswer';
    return this.post(submit?.attrs.next as string, { agent: result });
  }

  /** The platform's next webhook reaches another server process (or the same one restarted). */
  switchServer(app: FastifyInstance) {
    this.app = app;
  }

  /** The platform sends its last request again, as it does when an answer is slow to arrive. */
  async retryLast(): Promise<Heard> {
    if (!this.last) throw new Error('nothing was sent yet');
    return this.post(this.last.url, this.last.params);
  }

  private twilioParams(): Record<string, string> {
    return {
      AccountSid: 'AC00000000000000000000000000000000',
      CallSid: this.callSid,
      From: this.options.from ? `+52${this.options.from}` : 'anonymous',
      To: '+525540001000',
      CallStatus: 'in-progress',
      Direction: 'inbound',
    };
  }

  private required(name: string): XmlElement {
    const element =
      this.document && (this.document.name === name ? this.document : find(this.document, name));
    if (!element) throw new Error(`the last answer has no <${name}>: the caller cannot do that now`);
    return element;
  }

  private async post(url: string, params: Record<string, string>, hear = true): Promise<Heard> {
    this.last = { url, params };
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (this.platform === 'twiml' && this.options.authToken)
      headers['x-twilio-signature'] = twilioSignature(this.options.authToken, url, params);
    if (this.platform === 'vxml' && this.options.vxmlSecret)
      headers[VXML_SECRET_HEADER] = this.options.vxmlSecret;
    const target = new URL(url);
    const response = await this.app.inject({
      method: 'POST',
      url: target.pathname + target.search,
      headers,
      payload: new URLSearchParams(params).toString(),
    });
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${response.body}`);
    const expectedType = this.platform === 'twiml' ? 'text/xml' : 'application/voicexml+xml';
    expect(response.headers['content-type']).toContain(expectedType);
    const root = parseXml(response.body);
    if (this.platform === 'twiml') checkTwiml(root);
    else checkVxml(root);
    this.document = root;
    const heard = this.platform === 'twiml' ? hearTwiml(root) : hearVxml(root);
    if (hear) this.transcript.push(heard.text);
    return heard;
  }
}

function hearTwiml(root: XmlElement): Heard {
  const text = descendants(root)
    .filter((e) => e.name === 'Say')
    .map((e) => e.text)
    .join(' ');
  const dial = find(root, 'Dial');
  const next = find(root, 'Gather') ? 'listen' : dial ? 'transfer' : 'hang-up';
  return { text, next, dialled: dial?.text ?? null };
}

function hearVxml(root: XmlElement): Heard {
  const text = descendants(root)
    .filter((e) => e.name === 'prompt')
    .map((e) => e.text)
    .join(' ');
  const transfer = find(root, 'transfer');
  const next = find(root, 'field') ? 'listen' : transfer ? 'transfer' : 'hang-up';
  return { text, next, dialled: transfer ? (transfer.attrs.dest ?? '').replace(/^tel:/, '') : null };
}

/** Whether a DTMF SRGS grammar of the shapes Citas writes (one-of keys, or N repeated digits) matches. */
function grammarAccepts(grammar: XmlElement, keys: string): boolean {
  const rule = grammar.children[0] as XmlElement;
  const top = rule.children[0] as XmlElement;
  if (top.name === 'one-of') return top.children.some((item) => item.text === keys);
  const repeat = Number(top.attrs.repeat);
  return keys.length === repeat && /^[0-9]+$/.test(keys);
}

export const placeCall = async (app: FastifyInstance, platform: Platform, options: CallOptions) => {
  const caller = new PhoneCaller(app, platform, options);
  const greeting = await caller.dial();
  return { caller, greeting };
};
