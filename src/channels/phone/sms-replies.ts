import type { FastifyInstance, FastifyRequest } from 'fastify';
import { create } from 'xmlbuilder2';
import { changeLink } from '../../booking/change-link.js';
import { formatFolio } from '../../booking/folio.js';
import { LOOP_SMS } from '../../platform/i18n/access-loop-messages.js';
import { formatDateTime } from '../../platform/i18n/dates.js';
import { REBOOKING_SMS } from '../../platform/i18n/rebooking-messages.js';
import { answerSms, type SmsReplyOutcome } from '../../reminders/sms-reply.js';
import { callerNumber } from './caller-number.js';
import type { PhoneDeps } from './conduct.js';
import { TWIML_CONTENT_TYPE } from './twiml.js';

const MAX_BODY = 1600;

function wording(outcome: SmsReplyOutcome, publicUrl: string): string {
  switch (outcome.kind) {
    case 'unknown_keyword':
      return LOOP_SMS.unknownKeyword;
    case 'nothing_pending':
      return LOOP_SMS.nothingPending;
    case 'offer_declined':
      return LOOP_SMS.offerDeclined;
    case 'refused':
      return LOOP_SMS.refused;
    case 'change':
      return LOOP_SMS.change(`${publicUrl}/citas`);
    case 'proposal_declined':
      return REBOOKING_SMS.declined(changeLink(publicUrl, outcome.appointmentId));
  }
  const a = outcome.appointment;
  const when = formatDateTime(a.startsAt, a.timeZone);
  if (outcome.kind === 'confirmed') return LOOP_SMS.confirmed(when);
  if (outcome.kind === 'cancelled') return LOOP_SMS.cancelled(when);
  if (outcome.kind === 'proposal_kept') return REBOOKING_SMS.kept(when, formatFolio(a.folio));
  return LOOP_SMS.offerTaken(when, formatFolio(a.folio));
}

/**
 * The gateway's inbound SMS webhook in Twilio Messaging's shape (From, Body), signed like the voice
 * webhooks; the answer is a TwiML <Message>. Registered inside phoneRoutes, after its signature
 * check and form parser.
 */
export function smsReplyRoutes(
  app: FastifyInstance,
  deps: PhoneDeps,
  verify: (request: FastifyRequest) => Promise<void>,
) {
  const { db, config, clock } = deps;
  app.post('/phone/twiml/sms', { preValidation: verify, schema: { hide: true } }, async (request, reply) => {
    const params = (request.body ?? {}) as Record<string, unknown>;
    const from = callerNumber(typeof params.From === 'string' ? params.From : null);
    const body = typeof params.Body === 'string' ? params.Body.slice(0, MAX_BODY) : '';
    const outcome: SmsReplyOutcome = from
      ? await answerSms(db, { from, body, cutoffMinutes: config.changeCutoffMinutes }, clock())
      : { kind: 'nothing_pending' };
    const twiml = create({ version: '1.0', encoding: 'UTF-8' })
      .ele('Response')
      .ele('Message')
      .txt(wording(outcome, config.accessLoop.publicUrl))
      .up()
      .end({ prettyPrint: false });
    return reply.type(TWIML_CONTENT_TYPE).send(twiml);
  });
}
