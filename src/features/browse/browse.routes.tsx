import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { zodFieldErrors } from '../../lib/validation.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { browseQuerySchema } from './browse.schema.ts';
import { type BrowseResult, browseWorks, noFacets } from './browse.service.ts';
import { BrowsePage } from './browse.views.tsx';

const nothing = (): BrowseResult => ({
  total: 0,
  page: 1,
  pages: 1,
  works: [],
  facets: noFacets(),
  notes: [],
});

/** /works: every listable work, filtered by the URL's parameters (the same as GET /api/v1/works). */
export function browseRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/works', async (request, reply) => {
    const params = (request.query ?? {}) as Record<string, string | string[] | undefined>;
    const parsed = browseQuerySchema.safeParse(params);
    const page = pageContext(request, reply);
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error);
      return sendPage(
        reply,
        <BrowsePage page={page} params={params} result={nothing()} errors={errors} />,
        422,
      );
    }
    const result = await browseWorks(ctx, request.viewer, parsed.data);
    return sendPage(reply, <BrowsePage page={page} params={params} result={result} />);
  });
}
