// VoiceXML 2.1 for a turn, for carrier and on-premise IVR platforms: one form per document; a
// <field> with an inline SRGS DTMF grammar whose <filled> submits the keys back, and whose
// <noinput>/<nomatch> submit the silence or the wrong key; <transfer type="bridge"> to the agent
// line; <disconnect> to end.
import { create } from 'xmlbuilder2';
import type { Turn } from './conduct.js';
import type { Expect } from './dialog/questions.js';
import { AGENT_RING_SECONDS, type StepUrl } from './twiml.js';

type XMLBuilder = ReturnType<typeof create>;

export const VXML_CONTENT_TYPE = 'application/voicexml+xml; charset=utf-8';
export const VXML_NAMESPACE = 'http://www.w3.org/2001/vxml';

function document(): XMLBuilder {
  const vxml = create({ version: '1.0', encoding: 'UTF-8' }).ele(VXML_NAMESPACE, 'vxml', {
    version: '2.1',
    'xml:lang': 'es-MX',
  });
  vxml.ele('property', { name: 'inputmodes', value: 'dtmf' });
  return vxml;
}

/** The sentences of a turn as one prompt, with a short pause between them. */
function prompt(parent: XMLBuilder, lines: string[]) {
  const element = parent.ele('prompt');
  lines.forEach((line, i) => {
    if (i > 0) element.ele('break', { time: '300ms' });
    element.txt(line);
  });
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

function grammar(field: XMLBuilder, expect: Expect) {
  const rule = field
    .ele('grammar', { mode: 'dtmf', version: '1.0', root: 'answer' })
    .ele('rule', { id: 'answer', scope: 'public' });
  if (expect.kind === 'keys') {
    const choices = rule.ele('one-of');
    for (const key of expect.keys) choices.ele('item').txt(key);
  } else {
    const digits = rule.ele('item', { repeat: String(expect.length) }).ele('one-of');
    for (const digit of DIGITS) digits.ele('item').txt(digit);
  }
}

export function renderVxml(turn: Turn, url: StepUrl): string {
  const vxml = document();
  const form = vxml.ele('form', { id: 'step' });
  switch (turn.kind) {
    case 'ask': {
      const field = form.ele('field', { name: 'Digits' });
      field.ele('property', { name: 'timeout', value: turn.expect.kind === 'keys' ? '6s' : '8s' });
      grammar(field, turn.expect);
      prompt(field, turn.say);
      field.ele('noinput').ele('submit', { next: url(turn.seq, 'silence'), method: 'post' });
      field.ele('nomatch').ele('submit', { next: url(turn.seq, 'invalid'), method: 'post' });
      field.ele('filled').ele('submit', { next: url(turn.seq), method: 'post', namelist: 'Digits' });
      break;
    }
    case 'dial': {
      const transfer = form.ele('transfer', {
        name: 'agent',
        dest: `tel:${turn.number}`,
        type: 'bridge',
        connecttimeout: `${AGENT_RING_SECONDS}s`,
      });
      prompt(transfer, turn.say);
      if (turn.seq !== null) {
        transfer
          .ele('filled')
          .ele('submit', { next: url(turn.seq, 'agent'), method: 'post', namelist: 'agent' });
      } else {
        form.ele('block').ele('disconnect');
      }
      break;
    }
    case 'hang-up': {
      const block = form.ele('block');
      prompt(block, turn.say);
      block.ele('disconnect');
      break;
    }
  }
  return vxml.end({ prettyPrint: false });
}

/**
 * The first document of a call: VoiceXML has no standard call id in the request, so it reads the
 * caller's and the dialled number from the session and submits them to start the dialog.
 */
export function renderVxmlStart(startUrl: string): string {
  const vxml = document();
  vxml.ele('var', { name: 'From', expr: 'session.connection.remote.uri' });
  vxml.ele('var', { name: 'To', expr: 'session.connection.local.uri' });
  vxml
    .ele('form', { id: 'start' })
    .ele('block')
    .ele('submit', { next: startUrl, method: 'post', namelist: 'From To' });
  return vxml.end({ prettyPrint: false });
}
