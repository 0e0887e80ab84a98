import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { createFeedToken, feedTokenOf, feedTokenViewer, revokeFeedToken } from './feed-tokens.service.ts';
import { FEED_TYPES, type FeedFormat, feedEntries, renderFeed } from './feeds.ts';
import { FeedsPage } from './feeds.views.tsx';
import { journalNamed } from './journals.service.ts';

type FeedParams = { Params: { name: string; tag?: string } };

/**
 * Atom and RSS feeds of journals (personal and community) and of their tags, and the page where a
 * reader makes or revokes their private feed key.
 *
 * A feed never looks at the session cookie: without `?token=` it is the guest's feed (the same
 * bytes for everyone, so it may be cached publicly); with one, it is exactly what the key's reader
 * may see. A wrong or revoked key is "not found", never quietly the public feed instead.
 */
export function feedRoutes(app: FastifyInstance, ctx: AppContext) {
  async function readerOf(request: FastifyRequest): Promise<{ viewer: Viewer; token: string } | null> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    if (!Object.hasOwn(query, 'token')) return null;
    const token = query.token;
    const viewer = typeof token === 'string' ? await feedTokenViewer(ctx, token) : null;
    if (!viewer) throw notFound('Feed');
    return { viewer, token: token as string };
  }

  async function serveFeed(request: FastifyRequest<FeedParams>, reply: FastifyReply, format: FeedFormat) {
    const reader = await readerOf(request);
    const journal = await journalNamed(ctx, request.params.name);
    const { entries, tag } = await feedEntries(ctx, reader?.viewer ?? null, journal, request.params.tag);
    const xml = renderFeed(format, {
      baseUrl: ctx.config.baseUrl,
      journal,
      entries,
      tag,
      token: reader?.token,
    });
    if (reader) reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
    else reply.header('cache-control', 'public, max-age=300');
    return reply.type(FEED_TYPES[format]).send(xml);
  }

  for (const format of ['atom', 'rss'] as const) {
    app.get<FeedParams>(`/journals/:name/feed.${format}`, (request, reply) =>
      serveFeed(request, reply, format),
    );
    app.get<FeedParams>(`/journals/:name/tags/:tag/feed.${format}`, (request, reply) =>
      serveFeed(request, reply, format),
    );
  }

  async function showPage(request: FastifyRequest, reply: FastifyReply, viewer: Viewer, newToken?: string) {
    const key = await feedTokenOf(ctx, viewer);
    return sendPage(
      reply,
      h(FeedsPage, {
        page: pageContext(request, reply),
        baseUrl: ctx.config.baseUrl,
        username: viewer.username,
        current: key ?? null,
        newToken,
      }) as VNode,
    );
  }

  app.get('/account/feeds', async (request, reply) => showPage(request, reply, requireViewer(request)));

  app.post('/account/feeds', async (request, reply) => {
    const viewer = requireViewer(request);
    const token = await createFeedToken(ctx, viewer);
    // Shown once, on this response only.
    reply.header('cache-control', 'no-store');
    return showPage(request, reply, viewer, token);
  });

  app.post('/account/feeds/revoke', async (request, reply) => {
    const viewer = requireViewer(request);
    const revoked = await revokeFeedToken(ctx, viewer);
    return reply
      .flash(revoked ? 'Your private feed key has been revoked.' : 'You had no private feed key.')
      .redirect('/account/feeds', 303);
  });
}
