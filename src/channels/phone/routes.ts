// The two webhooks of the national number: TwiML and VoiceXML over the same dialog. Every request
// that reaches them is answered with TwiML or VoiceXML, whatever it carries (webhook-input.ts): a
// platform drops the call on any other answer. The one refusal is a request that fails the
// platform's signature or secret: it does not come from the platform, and it learns nothing.
import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../platform/db/errors.js';
import { DomainError, isDomainError } from '../../platform/domain-error.js';
import { problem, sendProblem } from '../../platform/http/problem.js';
import { callerNumber } from './caller-number.js';
import {
  type CallRequest,
  callEnded,
  conductTurn,
  failureTurn,
  type PhoneDeps,
  type Turn,
  unavailableTurn,
  unreadableTurn,
} from './conduct.js';
import { smsReplyRoutes } from './sms-replies.js';
import { renderTwiml, type StepEvent, TWIML_CONTENT_TYPE } from './twiml.js';
import { hasVxmlSecret, isSignedByTwilio } from './verify.js';
import { renderVxml, renderVxmlStart, VXML_CONTENT_TYPE } from './vxml.js';
import {
  callSidOf,
  type Keys,
  keysOf,
  type Params,
  paramsOf,
  stepOf,
  text,
  vxmlCallIdOf,
} from './webhook-input.js';

const TWILIO_CONNECTED = new Set(['completed', 'answered']);
const TWILIO_FINAL_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
/** VoiceXML <transfer> results that mean the caller spoke with someone. */
const VXML_CONNECTED = /_disconnect$/;
/** Twilio may be set to call with GET or POST; other methods reach the catch-all goodbye. */
const WEBHOOK_METHODS: ('GET' | 'POST')[] = ['GET', 'POST'];

/** The URLs of a turn's next steps: `base` plus the step, the call's key and the event. */
const stepUrls =
  (base: string) =>
  (turn: Turn) =>
  (seq: number, next?: StepEvent): string =>
    `${base}s=${seq}${turn.kind === 'hang-up' ? '' : `&k=${turn.key}`}${next ? `&event=${next}` : ''}`;

function inputOf(
  seq: number | null,
  event: StepEvent | null,
  keys: Keys,
  connected: boolean,
): CallRequest['input'] {
  if (seq === null) return null;
  if (event === 'agent') return { kind: 'agent-call-ended', connected };
  if (event === 'invalid') return { kind: 'keys', digits: '' };
  if (event === 'silence' || keys.kind === 'none') return { kind: 'silence' };
  if (keys.kind === 'junk') return keys;
  return { kind: 'keys', digits: keys.digits };
}

/** The platform's parameters: the form body of a POST, or the query string of a GET. */
const platformParams = (request: FastifyRequest): Params => ({
  ...paramsOf(request.query),
  ...paramsOf(request.body),
});

const isVxml = (request: FastifyRequest) => request.url.startsWith('/phone/vxml');
const noUrl = () => '';

export async function phoneRoutes(app: FastifyInstance, deps: PhoneDeps) {
  const { config } = deps;
  // The web channels may have registered a form parser for the whole app already.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
  const origin = (request: FastifyRequest) =>
    config.phone.publicUrl ?? `${request.protocol}://${request.host}`;

  /** A goodbye that says where to call again, in the platform's markup. */
  const goodbye = (request: FastifyRequest, reply: FastifyReply) =>
    isVxml(request)
      ? reply.type(VXML_CONTENT_TYPE).send(renderVxml(unreadableTurn(), noUrl))
      : reply.type(TWIML_CONTENT_TYPE).send(renderTwiml(unreadableTurn(), noUrl, config.phone.twimlVoice));

  // A body the parsers refuse (too large, malformed, of another type) reaches no handler: it still
  // gets a goodbye, never a 4xx the platform would read as a broken application.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error) && error.code === 'PHONE_REQUEST_UNVERIFIED')
      return sendProblem(reply, problem(error.code));
    request.log.info({ code: error.code, status: error.statusCode }, 'unreadable phone request: goodbye');
    return goodbye(request, reply);
  });

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    call: CallRequest,
    render: (turn: Turn) => string,
    type: string,
  ) {
    let turn: Turn;
    try {
      turn = await conductTurn(deps, call);
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        request.log.warn({ err }, 'phone turn: database unavailable');
        reply.header('retry-after', String(config.overload.retryAfterSeconds));
        turn = unavailableTurn(config);
      } else {
        request.log.error({ err }, 'phone turn failed');
        turn = failureTurn(config);
      }
    }
    return reply.type(type).send(render(turn));
  }

  const refuse = () => {
    throw new DomainError('PHONE_REQUEST_UNVERIFIED', 'missing or wrong signature or secret');
  };
  const verifyTwilio = async (request: FastifyRequest) => {
    if (!isSignedByTwilio(request, config.phone, config.production)) refuse();
  };

  smsReplyRoutes(app, deps, verifyTwilio);

  app.route({
    method: WEBHOOK_METHODS,
    url: '/phone/twiml/voice',
    preValidation: verifyTwilio,
    schema: { hide: true },
    handler: async (request, reply) => {
      const params = platformParams(request);
      const callId = callSidOf(params);
      if (!callId) return goodbye(request, reply);
      const { seq, key, event } = stepOf(paramsOf(request.query));
      const url = stepUrls(`${origin(request)}/phone/twiml/voice?`);
      const connected = TWILIO_CONNECTED.has(text(params, 'DialCallStatus') ?? '');
      const call: CallRequest = {
        platform: 'twiml',
        callId,
        caller: callerNumber(text(params, 'From')),
        seq,
        key,
        input: inputOf(seq, event, keysOf(params), connected),
      };
      return answer(
        request,
        reply,
        call,
        (turn) => renderTwiml(turn, url(turn), config.phone.twimlVoice),
        TWIML_CONTENT_TYPE,
      );
    },
  });

  // The number's status callback: a call that ended is forgotten at once instead of expiring.
  app.route({
    method: WEBHOOK_METHODS,
    url: '/phone/twiml/status',
    preValidation: verifyTwilio,
    schema: { hide: true },
    handler: async (request, reply) => {
      const params = platformParams(request);
      const callId = callSidOf(params);
      if (callId && TWILIO_FINAL_STATUSES.has(text(params, 'CallStatus') ?? ''))
        await callEnded(deps, callId);
      return reply.code(204).send();
    },
  });

  app.route({
    method: WEBHOOK_METHODS,
    url: '/phone/vxml/voice',
    preValidation: async (request) => {
      if (!hasVxmlSecret(request, config.phone, config.production)) refuse();
    },
    schema: { hide: true },
    handler: async (request, reply) => {
      const query = paramsOf(request.query);
      const params = platformParams(request);
      const callId = vxmlCallIdOf(query);
      const start = text(query, 'start') === '1';
      if (!callId && !start) {
        // A call id that is there but unreadable cannot be continued; none at all starts a call.
        if (query.call !== undefined) return goodbye(request, reply);
        return reply
          .type(VXML_CONTENT_TYPE)
          .send(renderVxmlStart(`${origin(request)}/phone/vxml/voice?start=1`));
      }
      const id = callId ?? randomUUID();
      const url = stepUrls(`${origin(request)}/phone/vxml/voice?call=${id}&`);
      const { seq, key, event } = callId ? stepOf(query) : { seq: null, key: null, event: null };
      const connected = VXML_CONNECTED.test(text(params, 'agent') ?? '');
      const call: CallRequest = {
        platform: 'vxml',
        callId: id,
        caller: callerNumber(text(params, 'From')),
        seq,
        key,
        input: inputOf(seq, event, keysOf(params), connected),
      };
      return answer(request, reply, call, (turn) => renderVxml(turn, url(turn)), VXML_CONTENT_TYPE);
    },
  });

  // Any other path or method under /phone: the platform misconfigured, or a probe. A goodbye.
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/phone/*',
    schema: { hide: true },
    handler: async (request, reply) => goodbye(request, reply),
  });
}
