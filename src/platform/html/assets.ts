import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/**
 * The stylesheet, served at a URL that names its content hash (so browsers keep it for a year and a
 * release is fetched at once), compressed once at start. Registered once on the root app; every
 * HTML channel links to the returned href. Read when the app is built, never at import.
 */
export function registerStylesheet(app: FastifyInstance): { href: string } {
  const css = readFileSync(new URL('./citas.css', import.meta.url));
  const variants = { br: brotliCompressSync(css), gzip: gzipSync(css, { level: 9 }), identity: css };
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
  const href = `/assets/citas-${hash}.css`;
  app.get(href, { schema: { hide: true } }, async (request, reply) => {
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : 'identity';
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply
      .type('text/css; charset=utf-8')
      .header('vary', 'accept-encoding')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(variants[encoding]);
  });
  return { href };
}
