import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { hasAdultConsent } from '../../web/adult-consent.ts';
import { requireViewer } from '../../web/auth.ts';
import { submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { readingPage } from './journals.read.ts';
import { readingQuerySchema } from './journals.schema.ts';
import * as filters from './reading-filters.service.ts';
import { readingFilterSchema, unknownFilter } from './reading-filters.service.ts';
import { type FailedFilterForm, ReadingFiltersPage, ReadingPage } from './reading.views.tsx';

const HOME = '/reading/filters';

const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Reading filter');
  return id;
};

/** The submitted form as the schema reads it: checkboxes give one value or many. */
const filterInput = (body: unknown) => {
  const fields = (body ?? {}) as Record<string, unknown>;
  return { name: fields.name, journals: fields.journals };
};

/** The reading page (through a filter or not) and managing reading filters. */
export function readingRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/reading', async (request, reply) => {
    const viewer = requireViewer(request);
    const parsed = readingQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success)
      throw unknownFilter(String((request.query as { filter?: unknown }).filter).slice(0, 100));
    const { page, filter } = parsed.data;
    const [reading, own] = await Promise.all([
      readingPage(ctx, viewer, page, filter || undefined),
      filters.readingFiltersOf(ctx, viewer),
    ]);
    return sendPage(
      reply,
      <ReadingPage
        page={pageContext(request, reply)}
        entries={reading.entries}
        journals={reading.journals}
        pageNumber={page}
        more={reading.more}
        showAdult={hasAdultConsent(request)}
        filters={own.filters.map((f) => f.name)}
        filter={reading.filter}
      />,
    );
  });

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    failed?: FailedFilterForm,
  ) {
    const own = await filters.readingFiltersOf(ctx, viewer);
    return sendPage(
      reply,
      <ReadingFiltersPage page={pageContext(request, reply)} {...own} failed={failed} />,
      failed ? 422 : 200,
    );
  }

  /** Shows the page again with the refused form as typed, or goes back to it with a message. */
  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    form: number | 'new',
    action: (viewer: Viewer, input: unknown) => Promise<{ name: string }>,
    message: (name: string) => string,
  ) {
    const viewer = requireViewer(request);
    const input = filterInput(request.body);
    const outcome = await submitForm(readingFilterSchema, input, () => action(viewer, input));
    if (outcome.ok) return reply.flash(message(outcome.result.name)).redirect(HOME, 303);
    const journalIds = [input.journals ?? []].flat().map(Number).filter(Number.isInteger);
    return show(request, reply, viewer, {
      form,
      name: typeof input.name === 'string' ? input.name : '',
      journalIds,
      errors: outcome.errors,
    });
  }

  app.get(HOME, async (request, reply) => show(request, reply, requireViewer(request)));

  app.post(HOME, async (request, reply) =>
    save(
      request,
      reply,
      'new',
      (viewer, input) => filters.createReadingFilter(ctx, viewer, input),
      (name) => `Filter “${name}” made.`,
    ),
  );

  app.post<{ Params: { id: string } }>(`${HOME}/:id`, async (request, reply) => {
    const id = idOf(request.params.id);
    return save(
      request,
      reply,
      id,
      (viewer, input) => filters.saveReadingFilter(ctx, viewer, id, input),
      (name) => `Filter “${name}” saved.`,
    );
  });

  app.post<{ Params: { id: string } }>(`${HOME}/:id/delete`, async (request, reply) => {
    const viewer = requireViewer(request);
    const name = await filters.deleteReadingFilter(ctx, viewer, idOf(request.params.id));
    return reply.flash(`Filter “${name}” deleted.`).redirect(HOME, 303);
  });
}
