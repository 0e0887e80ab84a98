import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../features/sessions/sessions.service.ts';

/** What every page's layout needs to know about the request. Views never query. */
export interface PageContext {
  viewer: Viewer | null;
  csrfToken: string;
  path: string;
  flash: string | null;
  siteName: string;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    viewer: request.viewer,
    csrfToken: reply.generateCsrf(),
    path: request.url,
    flash: request.flash,
    siteName: 'Quire',
  };
}
