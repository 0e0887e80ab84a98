import type { FastifyInstance } from 'fastify';

/** Every request body, unless its route is in LONG_TEXT_ROUTES. */
export const BODY_LIMIT = 2 * 1024 * 1024;

/**
 * Routes that carry a chapter or an entry (510,000 and 500,000 characters at most). A browser
 * sends a form urlencoded: a character outside ASCII is up to 3 UTF-8 bytes and each byte becomes
 * `%XX`, so a chapter at its limit in Chinese or Russian is ~4.6 MB on the wire (JSON's `\uXXXX`
 * is 6 bytes a character: ~3.1 MB). 6 MB leaves room for the work's other fields; the fields' own
 * maxima (zod) still decide what is too long, with a message beside the field.
 */
export const LONG_TEXT_BODY_LIMIT = 6 * 1024 * 1024;
export const LONG_TEXT_ROUTES = [
  'POST /works',
  'POST /works/:id/chapters',
  'POST /works/:id/chapters/:chapterId/edit',
  'POST /import/post',
  'POST /journals/:name/post',
  'POST /entries/:id/edit',
  'POST /api/v1/works',
  'POST /api/v1/works/:id/chapters',
  'PATCH /api/v1/works/:id/chapters/:chapterId',
  'POST /api/v1/journals/:name/entries',
];

/** Gives the long-text routes their larger body limit as they are added. Call before any route. */
export function registerBodyLimits(app: FastifyInstance) {
  const long = new Set(LONG_TEXT_ROUTES);
  app.addHook('onRoute', (route) => {
    if ([route.method].flat().some((method) => long.has(`${method} ${route.url}`)))
      route.bodyLimit ??= LONG_TEXT_BODY_LIMIT;
  });
}
