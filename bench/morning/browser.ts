// A browser for the crowd: one cookie jar and one loopback source address (a keep-alive agent bound
// to it), follows 303s like a browser, and reports every request it makes with its latency.
import http from 'node:http';

export interface View {
  status: number;
  /** The path of the page finally shown (after redirects). */
  path: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export interface Exchange {
  /** Method and path with ids blanked: `GET /citas/:id/confirmacion`. */
  page: string;
  status: number;
  ms: number;
}

const TIMEOUT_MS = 30_000;
const blank = (path: string) =>
  `${path.split('?')[0]}`
    .replace(/\/[0-9a-f-]{36}(?=\/|$)/g, '/:id')
    .replace(/\/[0-9]+(?=\/|$)/g, '/:n')
    .replace(/\/[A-Za-z0-9_-]{20,}(?=\/|$)/g, '/:token');

/** POSTs a form (or nothing) and resolves with the status, headers and body; rejects on network errors. */
export function send(
  base: URL,
  agent: http.Agent,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: base.hostname, port: base.port, path, method, agent, headers, timeout: TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

export class Browser {
  private readonly cookies = new Map<string, string>();
  private readonly agent: http.Agent;

  constructor(
    private readonly base: URL,
    readonly address: string,
    private readonly report: (exchange: Exchange) => void,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: address });
  }

  private last: { method: 'GET' | 'POST'; path: string; body?: string } = { method: 'GET', path: '/' };

  get(path: string): Promise<View> {
    this.last = { method: 'GET', path };
    return this.request('GET', path);
  }

  post(path: string, form: Record<string, string>): Promise<View> {
    const body = new URLSearchParams(form).toString();
    this.last = { method: 'POST', path, body };
    return this.request('POST', path, body);
  }

  /** The last request (before any redirect) once more, like the reload button. */
  again(): Promise<View> {
    return this.request(this.last.method, this.last.path, this.last.body);
  }

  close() {
    this.agent.destroy();
  }

  private async request(method: 'GET' | 'POST', path: string, body?: string): Promise<View> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    const started = performance.now();
    let answer: Awaited<ReturnType<typeof send>>;
    try {
      answer = await send(this.base, this.agent, method, path, headers, body);
    } catch (error) {
      this.report({ page: `${method} ${blank(path)}`, status: 0, ms: performance.now() - started });
      throw error;
    }
    this.report({ page: `${method} ${blank(path)}`, status: answer.status, ms: performance.now() - started });
    for (const line of [answer.headers['set-cookie'] ?? []].flat()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = answer.headers.location;
    if ((answer.status === 303 || answer.status === 302) && location) {
      // Reloading after a redirect reloads the page it led to, not the form that was posted.
      this.last = { method: 'GET', path: location };
      return this.request('GET', location);
    }
    return { status: answer.status, path, body: answer.body, headers: answer.headers };
  }
}
