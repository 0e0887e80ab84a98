import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { zodFieldErrors } from '../../lib/validation.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { getProfile } from '../profiles/profiles.service.ts';
import { findTag } from '../tags/tag-pages.repository.ts';
import { loadBlurbs } from '../works/blurbs.ts';
import { listByCreator } from '../works/works.repository.ts';
import { browseQuerySchema } from './browse.schema.ts';
import { readerSettings } from './reader-settings.ts';
import { type BrowseResult, type BrowseScope, browseWorks, noFacets } from './browse.service.ts';
import { BrowsePage, CreatorDrafts, type Listing, TagIntro, withParams } from './browse.views.tsx';

type Params = Record<string, string | string[] | undefined>;

const nothing = (): BrowseResult => ({
  total: 0,
  page: 1,
  pages: 1,
  works: [],
  facets: noFacets(),
  notes: [],
  blocklist: null,
});

/**
 * Every listing of works is one filtered listing with a scope: all works (`/works`), a tag's works
 * (`/tags/:id/works`, synonyms and subtags included) and a creator's works
 * (`/users/:username/works`). The URL's parameters are the filters, the same as the JSON API's.
 */
export function browseRoutes(app: FastifyInstance, ctx: AppContext) {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    listing: Listing,
    scope: BrowseScope = {},
  ) {
    const params = (request.query ?? {}) as Params;
    const parsed = browseQuerySchema.safeParse(params);
    const page = pageContext(request, reply);
    const reader = await readerSettings(ctx.db, request.viewer);
    if (request.viewer) listing.savedFilters = reader.savedFilters;
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error);
      return sendPage(
        reply,
        <BrowsePage page={page} listing={listing} params={params} result={nothing()} errors={errors} />,
        422,
      );
    }
    const result = await browseWorks(ctx, request.viewer, parsed.data, scope, reader);
    return sendPage(reply, <BrowsePage page={page} listing={listing} params={params} result={result} />);
  }

  app.get('/works', (request, reply) => show(request, reply, { heading: 'Works', path: '/works' }));

  app.get<{ Params: { id: string } }>('/tags/:id/works', async (request, reply) => {
    const id = Number(request.params.id);
    const tag = Number.isInteger(id) && id > 0 ? await findTag(ctx.db, id) : undefined;
    if (!tag) throw notFound('Tag');
    if (tag.merger_id)
      return reply.redirect(withParams(`/tags/${tag.merger_id}/works`, request.query as Params), 301);
    const path = `/tags/${tag.id}/works`;
    const heading = tag.type === 'fandom' ? `${tag.name} works` : `Works tagged “${tag.name}”`;
    return show(request, reply, { heading, path, intro: <TagIntro tag={tag} /> }, { tag: tag.id });
  });

  app.get<{ Params: { username: string } }>('/users/:username/works', async (request, reply) => {
    const profile = await getProfile(ctx, request.params.username);
    const own = request.viewer?.id === profile.user.id;
    const drafts = own
      ? (await listByCreator(ctx.db, request.viewer, profile.user.id, 200)).filter((w) => w.posted === 0)
      : [];
    const listing: Listing = {
      heading: `Works by ${profile.user.username}`,
      path: `/users/${encodeURIComponent(profile.user.username)}/works`,
      before: drafts.length > 0 ? <CreatorDrafts works={await loadBlurbs(ctx.db, drafts)} /> : undefined,
    };
    return show(request, reply, listing, { creator: profile.user.id });
  });
}
