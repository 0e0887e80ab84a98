import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { hasAdultConsent } from '../../web/adult-consent.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { entrySearchSchema, searchEntries } from './entry-search.read.ts';
import { JournalSearchPage, SiteEntrySearchPage } from './entry-search.views.tsx';
import type { JournalChrome } from './journals.views.tsx';
import type { JournalRow } from './journals.repository.ts';
import * as journals from './journals.service.ts';

type Chrome = (request: FastifyRequest, reply: FastifyReply, journal: JournalRow) => Promise<JournalChrome>;

/** Searching entries: one journal's (`/journals/:name/search`) and every journal's (`/entries/search`). */
export function entrySearchRoutes(app: FastifyInstance, ctx: AppContext, chrome: Chrome) {
  /** Reads the page's query leniently: a search too long is cut (the query language says so). */
  const parse = (request: FastifyRequest) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const text = (value: unknown, max: number) =>
      typeof value === 'string' ? value.slice(0, max) : undefined;
    return entrySearchSchema.parse({
      q: text(query.q, 5000),
      page: query.page,
      journal: text(query.journal, 100),
    });
  };

  app.get<{ Params: { name: string } }>('/journals/:name/search', async (request, reply) => {
    const journal = await journals.journalNamed(ctx, request.params.name);
    const { q, page } = parse(request);
    const result = await searchEntries(ctx, request.viewer, q, { journal, page });
    return sendPage(
      reply,
      <JournalSearchPage chrome={await chrome(request, reply, journal)} result={result} />,
    );
  });

  app.get('/entries/search', async (request, reply) => {
    const { q, page, journal: name } = parse(request);
    const journal = name ? await journals.journalNamed(ctx, name) : undefined;
    const result = await searchEntries(ctx, request.viewer, q, { journal, page });
    return sendPage(
      reply,
      <SiteEntrySearchPage
        page={pageContext(request, reply)}
        result={result}
        showAdult={hasAdultConsent(request)}
      />,
    );
  });
}
