import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { unauthorized } from '../lib/errors.ts';
import {
  resolveSession,
  resolveSessionWithUnread,
  type ResolvedSession,
  type Viewer,
} from '../features/sessions/sessions.service.ts';
import { authenticateToken } from '../features/tokens/tokens.service.ts';

export const SESSION_COOKIE = 'quire_session';
const FLASH_COOKIE = 'quire_flash';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
    sessionId: string | null;
    /** Unread notifications, for the header of pages (null: not counted, e.g. the API). */
    unreadNotices: number | null;
    flash: string | null;
  }
  interface FastifyReply {
    flash(message: string): FastifyReply;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is asking: a session cookie (pages, and the API's read-only calls from our own
 * pages) or `Authorization: Bearer <token>` (the API). Also the one-shot flash message.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('viewer', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('unreadNotices', null);
  app.decorateRequest('flash', null);
  app.decorateReply('flash', function (this: FastifyReply, message: string) {
    return this.setCookie(FLASH_COOKIE, message, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      secure: ctx.config.secureCookies,
    });
  });

  app.addHook('onRequest', async (request, reply) => {
    const flash = request.cookies[FLASH_COOKIE];
    if (flash) {
      const unsigned = request.unsignCookie(flash);
      request.flash = unsigned.valid ? unsigned.value : null;
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
    }
    const authorization = request.headers.authorization;
    if (authorization && request.url.startsWith('/api/')) {
      const [scheme, token] = authorization.split(' ');
      const viewer = scheme?.toLowerCase() === 'bearer' && token ? await authenticateToken(ctx, token) : null;
      if (!viewer) throw unauthorized('The API token is missing, revoked or not valid.');
      request.viewer = viewer;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    // Cookies never authorise the API's writes: those need a token (so they need no CSRF check).
    if (request.url.startsWith('/api/') && !SAFE_METHODS.has(request.method)) return;
    // Pages show the unread notifications in the header: one bounded, indexed count, read with the
    // session in one statement (sessions.repository.ts).
    const page = !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
    const session: (ResolvedSession & { unread?: number }) | null = page
      ? await resolveSessionWithUnread(ctx, token)
      : await resolveSession(ctx, token);
    if (session) {
      request.viewer = session.viewer;
      request.sessionId = session.id;
      if (session.unread !== undefined) request.unreadNotices = session.unread;
    } else {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });
}

export function setSessionCookie(
  reply: FastifyReply,
  ctx: AppContext,
  token: string,
  maxAgeSeconds?: number,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The signed-in viewer, or a 401 (pages show a log-in link). */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw unauthorized();
  return request.viewer;
}

export function isUnsafe(method: string): boolean {
  return !SAFE_METHODS.has(method);
}
