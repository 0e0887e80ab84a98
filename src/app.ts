import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { ApiRegistry } from './api/api-registry.ts';
import { registerSecurityHeaders } from './web/security/security-headers.ts';
import type { AppContext } from './context.ts';
import { accountRoutes } from './features/accounts/accounts.routes.tsx';
import { adminRoutes } from './features/admin/admin.routes.tsx';
import { healthRoutes } from './features/health/health.routes.ts';
import { homeRoutes } from './features/home/home.routes.tsx';
import { iconRoutes } from './features/icons/icons.routes.tsx';
import { importerRoutes } from './features/importer/importer.routes.tsx';
import { tagPageRoutes } from './features/tags/tag-pages.routes.tsx';
import { tagsApi } from './features/tags/tags.api.ts';
import { wranglingApi } from './features/tags/wrangling.api.ts';
import { browseApi } from './features/browse/browse.api.ts';
import { browseRoutes } from './features/browse/browse.routes.tsx';
import { bookmarksApi } from './features/bookmarks/bookmarks.api.ts';
import { bookmarkRoutes } from './features/bookmarks/bookmarks.routes.tsx';
import { kudosApi } from './features/kudos/kudos.api.ts';
import { kudosRoutes } from './features/kudos/kudos.routes.tsx';
import { meApi } from './features/profiles/profiles.api.ts';
import { notificationsApi } from './features/notifications/notifications.api.ts';
import { inboxRoutes } from './features/notifications/inbox.routes.tsx';
import { subscriptionsApi } from './features/subscriptions/subscriptions.api.ts';
import { subscriptionRoutes } from './features/subscriptions/subscriptions.routes.tsx';
import { profileRoutes } from './features/profiles/profiles.routes.tsx';
import { accessRoutes } from './features/journals/access.routes.tsx';
import { commentsApi } from './features/comments/comments.api.ts';
import { commentRoutes } from './features/comments/comments.routes.tsx';
import { communitiesApi } from './features/journals/communities.api.ts';
import { communityRoutes } from './features/journals/communities.routes.tsx';
import { journalsApi } from './features/journals/journals.api.ts';
import { journalRoutes } from './features/journals/journals.routes.tsx';
import { feedRoutes } from './features/journals/feeds.routes.ts';
import { forumsApi } from './features/forums/forums.api.ts';
import { forumRoutes } from './features/forums/forums.routes.tsx';
import { moderationRoutes } from './features/forums/moderation.routes.tsx';
import { workThreadRoutes } from './features/forums/work-threads.routes.tsx';
import { pseudRoutes } from './features/pseuds/pseuds.routes.tsx';
import { readerFiltersApi } from './features/reader-filters/reader-filters.api.ts';
import { readerFilterRoutes } from './features/reader-filters/reader-filters.routes.tsx';
import { reportsApi } from './features/reports/reports.api.ts';
import { reportRoutes } from './features/reports/reports.routes.tsx';
import { searchRoutes } from './features/search/search.routes.tsx';
import { statsApi } from './features/stats/stats.api.ts';
import { statsRoutes } from './features/stats/stats.routes.tsx';
import { tagRoutes } from './features/tags/tags.routes.ts';
import { tokenRoutes } from './features/tokens/tokens.routes.tsx';
import { invitationRoutes } from './features/works/invitations.routes.tsx';
import { worksApi } from './features/works/works.api.ts';
import { workRoutes } from './features/works/works.routes.tsx';
import { workModerationRoutes } from './features/works/work-moderation.routes.tsx';
import { blockingApi } from './features/blocking/blocking.api.ts';
import { blockingRoutes } from './features/blocking/blocking.routes.tsx';
import { historyApi } from './features/history/history.api.ts';
import { historyRoutes } from './features/history/history.routes.tsx';
import { QuireError } from './lib/errors.ts';
import { isUnsafe, registerAuth } from './web/auth.ts';
import { clientAssetRoutes } from './web/client-assets.ts';
import { handleError, isApiRequest } from './web/errors.tsx';
import { Outage } from './web/security/outage.ts';
import { registerRateLimits } from './web/security/rate-limits.ts';
import { BODY_LIMIT, registerBodyLimits } from './web/security/request-limits.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
    /** The database's current outage (disk full, read-only): logged once, see web/security/outage.ts. */
    outage: Outage;
  }
}

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'assets');

export interface BuildOptions {
  /** Rate limits are on by default; tests of other things may raise them. */
  rateLimitMax?: number;
}

/** Builds the server: plugins, hooks, the error handler and every feature's routes. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
  });

  // Every route, so tests (and later an admin page) can enumerate them: see web/csrf.test.ts.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.decorate('routeList', routes);
  registerBodyLimits(app);
  const outage = new Outage();
  app.decorate('outage', outage);
  // A write that went through ends an outage (503s while the database could not take writes).
  app.addHook('onResponse', (request, reply, done) => {
    if (outage.active && isUnsafe(request.method) && reply.statusCode < 400) outage.succeeded(request.log);
    done();
  });

  registerSecurityHeaders(app, ctx.config.secureCookies);
  await app.register(fastifyCookie, { secret: ctx.config.sessionSecret });
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT });
  await app.register(fastifyCsrf, {
    cookieKey: 'quire_csrf',
    cookieOpts: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      secure: ctx.config.secureCookies,
    },
  });
  // Counted in the database, so every app process on it shares the counts (web/security/rate-limits.ts).
  await registerRateLimits(app, ctx, options.rateLimitMax ?? ctx.config.rateLimitMax);
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/assets/', maxAge: '1h' });

  registerAuth(app, ctx);

  // CSRF: every state-changing request that a browser can send with our cookies needs the
  // form's token. The API's writes authenticate with bearer tokens only (see web/auth.ts).
  // Multipart forms (uploads) are parsed by their route's scope in its own preValidation hook,
  // so their token is checked once the body is there: at preHandler, still before the handler.
  const needsCsrf = (request: FastifyRequest) =>
    !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !isApiRequest(request);
  const isMultipart = (request: FastifyRequest) =>
    (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
  app.addHook('preValidation', (request, reply, done) => {
    if (!needsCsrf(request) || isMultipart(request)) return done();
    app.csrfProtection(request, reply, done);
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (!needsCsrf(request) || !isMultipart(request)) return done();
    app.csrfProtection(request, reply, done);
  });

  // Cached guest pages follow PostgreSQL's change feed; a write answered here moves them at once,
  // before its notification comes back (db/change-feed.ts).
  app.addHook('onSend', async (request, _reply, payload) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) ctx.changes.wrote();
    return payload;
  });

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    handleError(new QuireError('not_found', 404, 'There is nothing at this address.'), request, reply),
  );

  const api = new ApiRegistry(app);
  const limits = { max: options.rateLimitMax ?? ctx.config.rateLimitMax ?? 10, timeWindow: '1 minute' };
  healthRoutes(app, ctx);
  clientAssetRoutes(app);
  homeRoutes(app, ctx);
  accountRoutes(app, ctx, api, limits);
  pseudRoutes(app, ctx);
  tokenRoutes(app, ctx, api);
  profileRoutes(app, ctx);
  meApi(api, ctx);
  searchRoutes(app, ctx);
  tagRoutes(app, ctx);
  adminRoutes(app, ctx);
  browseRoutes(app, ctx);
  readerFilterRoutes(app, ctx);
  journalRoutes(app, ctx);
  accessRoutes(app, ctx);
  communityRoutes(app, ctx);
  workRoutes(app, ctx);
  workModerationRoutes(app, ctx);
  invitationRoutes(app, ctx);
  importerRoutes(app, ctx);
  tagPageRoutes(app, ctx);
  worksApi(api, ctx);
  historyRoutes(app, ctx);
  historyApi(api, ctx);
  blockingRoutes(app, ctx);
  blockingApi(api, ctx);
  tagsApi(api, ctx);
  wranglingApi(api, ctx);
  browseApi(api, ctx);
  readerFiltersApi(api, ctx);
  journalsApi(api, ctx);
  communitiesApi(api, ctx);
  forumsApi(api, ctx);
  iconRoutes(app, ctx);
  feedRoutes(app, ctx);
  forumRoutes(app, ctx);
  moderationRoutes(app, ctx);
  workThreadRoutes(app, ctx);
  statsRoutes(app, ctx);
  statsApi(api, ctx);
  reportRoutes(app, ctx);
  reportsApi(api, ctx);
  subscriptionRoutes(app, ctx);
  subscriptionsApi(api, ctx);
  inboxRoutes(app, ctx);
  notificationsApi(api, ctx);
  kudosRoutes(app, ctx);
  kudosApi(api, ctx);
  bookmarkRoutes(app, ctx);
  bookmarksApi(api, ctx);
  commentRoutes(app, ctx, limits);
  commentsApi(api, ctx);
  app.get('/api/v1/openapi.json', async () => api.document(ctx.config.baseUrl));
  return app;
}
