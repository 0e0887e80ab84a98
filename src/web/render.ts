import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a page view to a complete HTML document (escaping by default). */
export function renderPage(view: VNode): string {
  return `<!doctype html>\n${renderToString(view)}`;
}

/** Renders a page view and sends it as HTML. */
export function sendPage(reply: FastifyReply, view: VNode, status = 200): FastifyReply {
  return sendHtml(reply, renderPage(view), status);
}

export function sendHtml(reply: FastifyReply, html: string | Buffer, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
