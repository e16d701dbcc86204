import type { ApiContext } from '../context.js';

export function openapiRoutes({ app }: ApiContext) {
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
