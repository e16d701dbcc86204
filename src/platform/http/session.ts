import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import type { WebSessionSubjectKind } from '../db/schema.js';

/** Who a signed-in session belongs to: a beneficiary id or a staff member id. */
export interface SessionSubject {
  kind: WebSessionSubjectKind;
  id: string;
}

export interface WebSession {
  idHash: string;
  /** null until someone signs in. */
  subject: SessionSubject | null;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionOptions {
  /** `__Host-…`: only this exact origin, over HTTPS, for path "/" can set it. */
  cookieName: `__Host-${string}`;
  /** A signed-in session ends after this long without a request. */
  idleMinutes: number;
  /** …and this long after sign-in, however active. */
  maxMinutes: number;
  /** An anonymous session only carries a sign-in form's token; it lives briefly. */
  anonymousMinutes: number;
  clock: () => Date;
  /** Signing in ends the subject's other sessions: one live session per person (the portal). */
  onePerSubject?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session named by the cookie, or null. */
    session: WebSession | null;
  }
}

// Writing last_seen_at on every request would double the writes of a busy page; a minute of
// precision is plenty for a timeout measured in tens of minutes.
const TOUCH_EVERY_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

/** Equal-time comparison, so a guessed token leaks nothing through timing. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Server-side sessions in a `web_sessions` row named by a random cookie. Register `load` as an
 * onRequest hook in the scope that needs sessions (after @fastify/cookie); then `ensure` before
 * rendering a form, `signIn` to rotate to a fresh session bound to a subject, `signOut` to end it.
 */
export function webSessions(db: Db, options: SessionOptions) {
  const cookie = {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'lax' as const,
  };

  async function find(secret: string, now: Date): Promise<WebSession | null> {
    const row = await db
      .selectFrom('web_sessions')
      .selectAll()
      .where('id_hash', '=', sha256(secret))
      .executeTakeFirst();
    if (!row) return null;
    const idleLimit = new Date(now.getTime() - options.idleMinutes * 60_000);
    if (row.expires_at <= now || row.last_seen_at <= idleLimit) return null;
    return {
      idHash: row.id_hash,
      subject:
        row.subject_kind && row.subject_id !== null ? { kind: row.subject_kind, id: row.subject_id } : null,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    };
  }

  async function create(reply: FastifyReply, subject: SessionSubject | null): Promise<WebSession> {
    const now = options.clock();
    const secret = newSecret();
    const minutes = subject ? options.maxMinutes : options.anonymousMinutes;
    const session: WebSession = {
      idHash: sha256(secret),
      subject,
      csrfToken: newSecret(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + minutes * 60_000),
    };
    await db
      .insertInto('web_sessions')
      .values({
        id_hash: session.idHash,
        subject_kind: subject?.kind ?? null,
        subject_id: subject?.id ?? null,
        csrf_token: session.csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: session.expiresAt,
      })
      .execute();
    reply.setCookie(options.cookieName, secret, cookie);
    return session;
  }

  async function drop(request: FastifyRequest) {
    if (request.session) {
      await db.deleteFrom('web_sessions').where('id_hash', '=', request.session.idHash).execute();
    }
    request.session = null;
  }

  return {
    /** onRequest hook: reads the cookie and keeps an active session alive. */
    async load(request: FastifyRequest) {
      request.session = null;
      const secret = request.cookies[options.cookieName];
      if (!secret || secret.length > 100) return;
      const now = options.clock();
      const session = await find(secret, now);
      if (!session) return;
      if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
        await db
          .updateTable('web_sessions')
          .set({ last_seen_at: now })
          .where('id_hash', '=', session.idHash)
          .execute();
        session.lastSeenAt = now;
      }
      request.session = session;
    },

    /** The current session, or a new anonymous one (to carry a form's CSRF token). */
    async ensure(request: FastifyRequest, reply: FastifyReply): Promise<WebSession> {
      request.session ??= await create(reply, null);
      return request.session;
    },

    /**
     * Signs `subject` in on a brand-new session: the old id and CSRF token die here, so a session id
     * planted before sign-in (session fixation) is worth nothing after it.
     */
    async signIn(request: FastifyRequest, reply: FastifyReply, subject: SessionSubject): Promise<WebSession> {
      await drop(request);
      if (options.onePerSubject) {
        // A second browser of the same person (or a script holding two sessions) loses the older one.
        await db
          .deleteFrom('web_sessions')
          .where('subject_kind', '=', subject.kind)
          .where('subject_id', '=', subject.id)
          .execute();
      }
      request.session = await create(reply, subject);
      return request.session;
    },

    async signOut(request: FastifyRequest, reply: FastifyReply) {
      await drop(request);
      reply.clearCookie(options.cookieName, cookie);
    },
  };
}

export type WebSessions = ReturnType<typeof webSessions>;

/** Deletes sessions past their absolute end or idle for longer than `idleMinutes`. */
export async function purgeExpiredSessions(db: Db, now: Date, idleMinutes: number): Promise<number> {
  const idleLimit = new Date(now.getTime() - idleMinutes * 60_000);
  const result = await db
    .deleteFrom('web_sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleLimit)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Makes `request.session` exist on every request of `app` before hooks read it. */
export function decorateSessions(app: FastifyInstance) {
  if (!app.hasRequestDecorator('session')) app.decorateRequest('session', null);
}
