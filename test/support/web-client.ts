import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/platform/db/connect.js';
import { lastSignInCode } from './sms-inbox.js';

/**
 * A minimal browser for app.inject(): keeps cookies, follows redirects after POST, and fills the
 * CSRF token from the page the form was on, like a person submitting it.
 */
export class PortalClient {
  private cookies = new Map<string, string>();
  page = '';
  last?: LightMyRequestResponse;

  /** `remoteAddress`: where the requests come from (each test its own, for per-address limits). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress = '127.0.0.1',
    /** Sent with every request, e.g. an X-Forwarded-For a client forges or a proxy adds. */
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.follow(
      await this.app.inject({
        url,
        remoteAddress: this.remoteAddress,
        headers: this.headers({ accept: 'text/html' }),
      }),
    );
  }

  /** Submits a form of the current page, with its CSRF token unless told otherwise. */
  async post(url: string, form: Record<string, string | string[]>, options: { csrf?: boolean } = {}) {
    // A field given as a list is sent once per value, as a page's checkboxes are.
    const body = new URLSearchParams(
      Object.entries(form).flatMap(([k, v]) => [v].flat().map((x): [string, string] => [k, x])),
    );
    if (options.csrf !== false) body.set('_csrf', this.csrfToken());
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.remoteAddress,
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }),
      payload: body.toString(),
    });
    return this.follow(response);
  }

  csrfToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.page);
    if (!match?.[1]) throw new Error(`no CSRF token on the current page: ${this.page.slice(0, 1000)}`);
    return match[1];
  }

  /** The key the review page's confirm form carries (the booking must come through the review). */
  reviewKey(): string {
    const match = /name="clave" value="([^"]+)"/.exec(this.page);
    if (!match?.[1]) throw new Error('no review key on the current page');
    return match[1];
  }

  /** The href of the first link whose text contains `text`. */
  link(text: string): string {
    for (const match of this.page.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
      if ((match[2] ?? '').replace(/<[^>]+>/g, '').includes(text))
        return (match[1] ?? '').replaceAll('&amp;', '&');
    }
    throw new Error(`no link "${text}" on the page`);
  }

  /** Signs in as the person, reading the code from the outbox like they would read their phone. */
  async signIn(db: Db, person: { curp: string; birthDate: string; id: number }) {
    await this.get('/entrar');
    const [year, month, day] = person.birthDate.split('-') as [string, string, string];
    await this.post('/entrar', {
      curp: person.curp,
      'nacimiento-day': day,
      'nacimiento-month': month,
      'nacimiento-year': year,
    });
    const code = await lastCode(db);
    return this.post('/entrar/codigo', { codigo: code });
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private headers(extra: Record<string, string>) {
    const cookie = this.cookieHeader();
    const all = { ...this.extraHeaders, ...extra };
    return cookie ? { ...all, cookie } : all;
  }

  private async follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    for (const c of response.cookies) {
      if (c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (response.statusCode === 303 || response.statusCode === 302) {
      return this.get(String(response.headers.location));
    }
    this.last = response;
    this.page = response.body;
    return response;
  }
}

/** The code the person's phone received last (see sms-inbox.ts). */
export const lastCode = (db: Db): Promise<string> => lastSignInCode(db);
