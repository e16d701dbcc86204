// The two webhooks of the national number: TwiML and VoiceXML over the same dialog.
import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../platform/db/errors.js';
import { DomainError } from '../../platform/domain-error.js';
import { callerNumber } from './caller-number.js';
import {
  type CallRequest,
  callEnded,
  conductTurn,
  failureTurn,
  type PhoneDeps,
  type Turn,
  unavailableTurn,
} from './conduct.js';
import { renderTwiml, type StepEvent, TWIML_CONTENT_TYPE } from './twiml.js';
import { hasVxmlSecret, isSignedByTwilio } from './verify.js';
import { renderVxml, renderVxmlStart, VXML_CONTENT_TYPE } from './vxml.js';

const StepQuery = {
  s: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  k: Type.Optional(Type.String({ pattern: '^[0-9a-z]{1,16}$' })),
  event: Type.Optional(Type.Union([Type.Literal('silence'), Type.Literal('invalid'), Type.Literal('agent')])),
};
const Keys = Type.Optional(Type.String({ pattern: '^[0-9*# ]{0,80}$' }));
const Text = Type.Optional(Type.String({ maxLength: 200 }));
// Platforms send many more fields than these; they are ignored, not refused.
const open = { additionalProperties: true };

const TwimlBody = Type.Object(
  {
    CallSid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
    From: Text,
    Digits: Keys,
    DialCallStatus: Text,
  },
  open,
);
const VxmlBody = Type.Object({ From: Text, Digits: Keys, agent: Text }, open);

const TWILIO_CONNECTED = new Set(['completed', 'answered']);
const TWILIO_FINAL_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
/** VoiceXML <transfer> results that mean the caller spoke with someone. */
const VXML_CONNECTED = /_disconnect$/;

/** The URLs of a turn's next steps: `base` plus the step, the call's key and the event. */
const stepUrls =
  (base: string) =>
  (turn: Turn) =>
  (seq: number, next?: StepEvent): string =>
    `${base}s=${seq}${turn.kind === 'hang-up' ? '' : `&k=${turn.key}`}${next ? `&event=${next}` : ''}`;

function inputOf(
  seq: number | undefined,
  event: StepEvent | undefined,
  digits: string | undefined,
  connected: boolean,
): CallRequest['input'] {
  if (seq === undefined) return null;
  if (event === 'agent') return { kind: 'agent-call-ended', connected };
  if (event === 'invalid') return { kind: 'keys', digits: '' };
  if (event === 'silence' || !digits) return { kind: 'silence' };
  return { kind: 'keys', digits };
}

export async function phoneRoutes(app: FastifyInstance, deps: PhoneDeps) {
  const { config } = deps;
  // The web channels may have registered a form parser for the whole app already.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const origin = (request: FastifyRequest) =>
    config.phone.publicUrl ?? `${request.protocol}://${request.host}`;

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

  api.post(
    '/phone/twiml/voice',
    {
      preValidation: verifyTwilio,
      schema: {
        hide: true,
        querystring: Type.Object(StepQuery, { additionalProperties: false }),
        body: TwimlBody,
      },
    },
    async (request, reply) => {
      const { s, k, event } = request.query;
      const { CallSid, From, Digits, DialCallStatus } = request.body;
      const url = stepUrls(`${origin(request)}/phone/twiml/voice?`);
      const call: CallRequest = {
        platform: 'twiml',
        callId: CallSid,
        caller: callerNumber(From),
        seq: s ?? null,
        key: k ?? null,
        input: inputOf(s, event, Digits, TWILIO_CONNECTED.has(DialCallStatus ?? '')),
      };
      return answer(
        request,
        reply,
        call,
        (turn) => renderTwiml(turn, url(turn), config.phone.twimlVoice),
        TWIML_CONTENT_TYPE,
      );
    },
  );

  // The number's status callback: a call that ended is forgotten at once instead of expiring.
  api.post(
    '/phone/twiml/status',
    {
      preValidation: verifyTwilio,
      schema: {
        hide: true,
        body: Type.Object({ CallSid: TwimlBody.properties.CallSid, CallStatus: Text }, open),
      },
    },
    async (request, reply) => {
      if (TWILIO_FINAL_STATUSES.has(request.body.CallStatus ?? ''))
        await callEnded(deps, request.body.CallSid);
      return reply.code(204).send();
    },
  );

  api.post(
    '/phone/vxml/voice',
    {
      preValidation: async (request) => {
        if (!hasVxmlSecret(request, config.phone, config.production)) refuse();
      },
      schema: {
        hide: true,
        querystring: Type.Object(
          {
            ...StepQuery,
            call: Type.Optional(Type.String({ format: 'uuid' })),
            start: Type.Optional(Type.Literal(1)),
          },
          { additionalProperties: false },
        ),
        body: Type.Optional(VxmlBody),
      },
    },
    async (request, reply) => {
      const { s, k, event, call: callId, start } = request.query;
      const body = request.body ?? {};
      if (!callId && !start) {
        return reply
          .type(VXML_CONTENT_TYPE)
          .send(renderVxmlStart(`${origin(request)}/phone/vxml/voice?start=1`));
      }
      const id = callId ?? randomUUID();
      const url = stepUrls(`${origin(request)}/phone/vxml/voice?call=${id}&`);
      const call: CallRequest = {
        platform: 'vxml',
        callId: id,
        caller: callerNumber(body.From),
        seq: callId ? (s ?? null) : null,
        key: callId ? (k ?? null) : null,
        input: callId ? inputOf(s, event, body.Digits, VXML_CONNECTED.test(body.agent ?? '')) : null,
      };
      return answer(request, reply, call, (turn) => renderVxml(turn, url(turn)), VXML_CONTENT_TYPE);
    },
  );
}
