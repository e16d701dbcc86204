import { describe, expect, it } from 'vitest';
import { checkTwiml, checkVxml, parseXml } from '../../../test/support/voice-markup.js';
import { loadConfig } from '../../config.js';
import { PHONE } from '../../platform/i18n/phone-messages.js';
import { failureTurn, type Turn } from './conduct.js';
import { renderTwiml } from './twiml.js';
import { renderVxml, renderVxmlStart } from './vxml.js';

const url = (seq: number, event?: string) =>
  `https://citas.example.mx/phone/x?s=${seq}${event ? `&event=${event}` : ''}`;
const twiml = (turn: Turn, voice: string | null = null) => {
  const root = parseXml(renderTwiml(turn, url, voice));
  checkTwiml(root);
  return root;
};
const vxml = (turn: Turn) => {
  const root = parseXml(renderVxml(turn, url));
  checkVxml(root);
  return root;
};

describe('the markup of a turn', () => {
  it('asks a menu question as a one-key Gather with the prompts inside, and silence as a Redirect', () => {
    const turn: Turn = {
      kind: 'ask',
      seq: 4,
      key: 'mk3x',
      say: ['Hola & adiós <3'],
      expect: { kind: 'keys', keys: ['1', '0', '*'] },
    };
    const [gather, redirect] = twiml(turn, 'Polly.Mia').children;
    expect(gather?.attrs).toMatchObject({ numDigits: '1', finishOnKey: '', action: url(4) });
    expect(gather?.children[0]).toMatchObject({ text: 'Hola & adiós <3', attrs: { voice: 'Polly.Mia' } });
    expect(redirect?.text).toBe(url(4, 'silence'));
    const field = vxml(turn).children.find((c) => c.name === 'form')?.children[0];
    expect(field?.name).toBe('field');
  });

  it('says the privacy notice before the first question, in both markups', () => {
    const turn: Turn = {
      kind: 'ask',
      seq: 1,
      key: 'mk3x',
      say: [PHONE.greeting(9), PHONE.privacy, PHONE.askAffiliation],
      expect: { kind: 'digits', length: 10 },
    };
    const says = twiml(turn)
      .children[0]?.children.filter((c) => c.name === 'Say')
      .map((c) => c.text);
    expect(says).toEqual([PHONE.greeting(9), PHONE.privacy, PHONE.askAffiliation]);
    const spoken = JSON.stringify(vxml(turn));
    expect(spoken.indexOf(PHONE.privacy)).toBeGreaterThan(0);
    expect(spoken.indexOf(PHONE.privacy)).toBeLessThan(spoken.indexOf(PHONE.askAffiliation));
  });

  it('transfers after a failure with no way back: the call ends when the agent hangs up', () => {
    const config = loadConfig({ PHONE_AGENT_NUMBER: '+525540001001' });
    const turn = failureTurn(config);
    expect(turn).toMatchObject({ kind: 'dial', seq: null, number: '+525540001001' });
    expect(twiml(turn).children.map((c) => c.name)).toEqual(['Say', 'Say', 'Dial', 'Hangup']);
    const form = vxml(turn).children.find((c) => c.name === 'form');
    expect(form?.children.map((c) => c.name)).toEqual(['transfer', 'block']);
    expect(failureTurn(loadConfig({}))).toEqual({
      kind: 'hang-up',
      say: [PHONE.technicalFailure, PHONE.callAgain],
    });
  });

  it('starts a VoiceXML call by submitting the session’s numbers', () => {
    const root = parseXml(renderVxmlStart('https://citas.example.mx/phone/vxml/voice?start=1'));
    checkVxml(root);
    expect(root.children.filter((c) => c.name === 'var').map((c) => c.attrs.expr)).toEqual([
      'session.connection.remote.uri',
      'session.connection.local.uri',
    ]);
  });
});
