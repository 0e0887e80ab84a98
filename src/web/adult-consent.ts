import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie that remembers a reader agreed to see adult content (works and journal entries alike). */
export const ADULT_COOKIE = 'quire_adult';

/** The reader has agreed: a preference, this request (`?view_adult=true`), or the cookie. */
export function hasAdultConsent(request: FastifyRequest): boolean {
  return (
    Boolean(request.viewer?.viewAdult) ||
    (request.query as Record<string, string | undefined>).view_adult === 'true' ||
    request.cookies[ADULT_COOKIE] === '1'
  );
}

/** After `?view_adult=true`, the answer is remembered for later pages. */
export function rememberAdultConsent(request: FastifyRequest, reply: FastifyReply, secure: boolean): void {
  if ((request.query as Record<string, string | undefined>).view_adult !== 'true') return;
  reply.setCookie(ADULT_COOKIE, '1', { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
