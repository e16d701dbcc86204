import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FrameworkRefusal, frameworkRefusal } from './framework-refusal.js';
import { refusalProblem, sendProblem } from './problem.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

/** How an HTML channel shows a refusal to a browser on its paths. */
export interface RefusalPages {
  /** Paths of the channel: the prefix itself and everything under it. */
  prefix: string;
  /** Sends the channel's error page (status, Spanish text, never the request's own input). */
  send(request: FastifyRequest, reply: FastifyReply, refusal: FrameworkRefusal): unknown;
  /** The same page as a whole document, for refusals made before any request exists. */
  document(refusal: FrameworkRefusal): string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const API = '/api/';

const wantsHtml = (accept: string | undefined) => accept?.includes('text/html') === true;
const isUnder = (path: string, prefix: string) =>
  prefix === '/' || path === prefix || path.startsWith(`${prefix}/`);

function malformedQuery(): FastifyError {
  return Object.assign(new Error('malformed percent-encoding in the query'), {
    code: 'FST_ERR_BAD_URL',
    statusCode: 400,
  }) as FastifyError;
}

/** A query string every `%` of which is a valid escape of UTF-8 text. */
function wellEncoded(query: string): boolean {
  try {
    decodeURIComponent(query.replaceAll('+', ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * Every refusal of the framework itself, in the project's shape: problem+json for the API and for
 * programs, the channel's Spanish page for a browser on a portal or console path; never the input.
 * Three places answer before a route runs, and each is taken over here: Fastify's router
 * (`frameworkErrors`: bad percent-encoding in the path, a path parameter over `maxParamLength`), its
 * not-found handler (404, or 405 with `Allow` when another method has the route), and Node's HTTP
 * parser (`clientErrorHandler`: headers too large, a malformed request line), which answers on the
 * socket. Routes' own errors go through the scopes' error handlers, which use `frameworkRefusal`.
 */
export class FrameworkRefusals {
  private readonly pages: RefusalPages[] = [];

  /** Fastify options; pass them to Fastify() before the app exists. */
  readonly serverOptions = {
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const refusal = frameworkRefusal(error) ?? { status: 400, code: 'BAD_REQUEST' };
      request.log.info({ code: error.code }, 'request refused by the router');
      return this.answer(request, reply, refusal);
    },
    clientErrorHandler: (error: ConnectionError, socket: Socket) => this.answerOnSocket(error, socket),
  };

  /** Channels with pages, most specific prefix first (the console before the portal's "/"). */
  addPages(pages: RefusalPages): void {
    this.pages.push(pages);
    this.pages.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Root hooks and handlers; call before the channels are registered, so their scopes inherit the hook. */
  register(app: FastifyInstance): void {
    // The router decodes the path strictly but the query leniently (a bad escape stays as text).
    app.addHook('onRequest', async (request) => {
      const at = request.url.indexOf('?');
      if (at >= 0 && !wellEncoded(request.url.slice(at + 1))) throw malformedQuery();
    });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?', 1)[0] ?? '';
      const allowed = METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
      if (allowed.length === 0) return this.answer(request, reply, { status: 404, code: 'NOT_FOUND' });
      reply.header('allow', allowed.join(', '));
      return this.answer(request, reply, { status: 405, code: 'METHOD_NOT_ALLOWED' });
    });
  }

  /** Answers a refusal in the shape the request's channel and client expect. */
  answer(request: FastifyRequest, reply: FastifyReply, refusal: FrameworkRefusal) {
    const page = this.pageFor(request.url, request.headers.accept);
    return page ? page.send(request, reply, refusal) : sendProblem(reply, refusalProblem(refusal));
  }

  private pageFor(url: string, accept: string | undefined): RefusalPages | undefined {
    if (url.startsWith(API) || !wantsHtml(accept)) return undefined;
    const path = url.split('?', 1)[0] ?? '';
    return this.pages.find((p) => isUnder(path, p.prefix));
  }

  /** Node's parser refused the request: answer on the socket, then close it (as Node would). */
  private answerOnSocket(error: ConnectionError, socket: Socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const refusal =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? { status: 431, code: 'HEADERS_TOO_LARGE' }
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? { status: 408, code: 'REQUEST_TIMEOUT' }
          : { status: 400, code: 'BAD_REQUEST' };
    // Typed as Buffer's JSON form, but Node hands over the Buffer itself.
    const raw: unknown = error.rawPacket;
    const head = Buffer.isBuffer(raw) ? raw.subarray(0, 8192).toString('latin1') : '';
    const [, url = ''] = /^[A-Z]+ (\S+) HTTP\//.exec(head) ?? [];
    const accept = /\r\naccept:([^\r\n]*)/i.exec(head)?.[1];
    const page = this.pageFor(url, accept);
    const [type, body] = page
      ? ['text/html; charset=utf-8', page.document(refusal)]
      : ['application/problem+json; charset=utf-8', JSON.stringify(refusalProblem(refusal))];
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Type: ${type}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n` +
          `Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\r\nX-Content-Type-Options: nosniff\r\n` +
          `Connection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  }
}
