// The crowd's phones: a fake SMS gateway on loopback that the server's SMS worker hands messages to
// (SMS_ADAPTER=http), as the real gateway would; a person reads their sign-in code off it. Codes are
// never stored by the server, so the gateway is the only place a code can be read, as in production.
import http from 'node:http';

interface Received {
  at: number;
  code: string;
}

interface Waiter {
  askedAt: number;
  resolve: (code: string | null) => void;
  timer: NodeJS.Timeout;
}

/** The six digits of a sign-in code SMS (SMS.otp); other messages (confirmations) carry none alone. */
const CODE = /código de acceso es (\d{6})/;

export class PhoneInbox {
  private readonly received = new Map<string, Received[]>();
  private readonly waiting = new Map<string, Waiter>();
  /** How long each code took from asking to arriving at the phone, in ms. */
  readonly delays: number[] = [];
  /** Idempotency keys handed over so far, and how many messages came again under a key already seen. */
  private readonly keys = new Set<string>();
  handedOver = 0;
  sentTwice = 0;

  private constructor(private readonly server: http.Server) {}

  /** Listens as the gateway at http://127.0.0.1:PORT/ (any path), form or JSON bodies. */
  static async listen(port: number): Promise<PhoneInbox> {
    let inbox: PhoneInbox | undefined;
    const server = http.createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        const fields = request.headers['content-type']?.includes('json')
          ? (JSON.parse(body) as Record<string, string>)
          : Object.fromEntries(new URLSearchParams(body));
        inbox?.count(String(request.headers['idempotency-key'] ?? ''));
        inbox?.deliver(String(fields.To ?? '').replace(/^\+52/, ''), String(fields.Body ?? ''));
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ sid: `SM${Date.now()}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    inbox = new PhoneInbox(server);
    return inbox;
  }

  /**
   * The first code this phone receives after `askedAt` (performance.now() just before asking), or
   * null when none arrives within `timeoutMs`. Earlier codes were for earlier tries.
   */
  next(phone: string, askedAt: number, timeoutMs = 60_000): Promise<string | null> {
    const ready = this.take(phone, askedAt);
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        askedAt,
        resolve,
        timer: setTimeout(() => {
          this.waiting.delete(phone);
          resolve(null);
        }, timeoutMs),
      };
      this.waiting.set(phone, waiter);
    });
  }

  async close() {
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private count(key: string) {
    this.handedOver++;
    if (this.keys.has(key)) this.sentTwice++;
    else this.keys.add(key);
  }

  private deliver(phone: string, body: string) {
    const code = CODE.exec(body)?.[1];
    if (!code) return;
    const list = this.received.get(phone) ?? this.received.set(phone, []).get(phone);
    list?.push({ at: performance.now(), code });
    const waiter = this.waiting.get(phone);
    if (!waiter) return;
    const ready = this.take(phone, waiter.askedAt);
    if (!ready) return;
    this.waiting.delete(phone);
    clearTimeout(waiter.timer);
    waiter.resolve(ready);
  }

  private take(phone: string, askedAt: number): string | null {
    const list = this.received.get(phone) ?? [];
    const index = list.findIndex((r) => r.at >= askedAt);
    if (index < 0) return null;
    const [found] = list.splice(0, index + 1).slice(-1);
    if (!found) return null;
    this.delays.push(found.at - askedAt);
    return found.code;
  }
}
