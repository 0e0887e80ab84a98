import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../features/sessions/sessions.service.ts';

/** What every page's layout needs to know about the request. Views never query. */
export interface PageContext {
  viewer: Viewer | null;
  /** Unread notifications, shown in the header (null when not counted). */
  unread: number | null;
  csrfToken: string;
  path: string;
  flash: string | null;
  siteName: string;
}

/**
 * The CSRF token is made on first use: a page without a form (a guest reading a work) sets
 * no cookie, so it can be cached and served like a static page.
 */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  let token: string | undefined;
  return {
    viewer: request.viewer,
    unread: request.unreadNotices,
    get csrfToken() {
      token ??= reply.generateCsrf();
      return token;
    },
    path: request.url,
    flash: request.flash,
    siteName: 'Quire',
  };
}
