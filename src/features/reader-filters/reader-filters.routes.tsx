import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { notFound } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import * as filters from './reader-filters.service.ts';
import { ReaderFiltersPage } from './reader-filters.views.tsx';

type IdParams = { Params: { id: string } };
const HOME = '/account/blocklist';

/** A local path to go back to after a change made from a listing; anything else goes home. */
function localReturn(value: unknown): string {
  const target = typeof value === 'string' ? value : '';
  return /^\/(?![/\\])[^\s]*$/.test(target) && target.length <= 2000 ? target : HOME;
}

/** Tag names from the page's comma-separated field or a listing's repeated hidden fields. */
function tagNames(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
  return items.map((s) => s.trim()).filter(Boolean);
}

const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound();
  return id;
};

/** A reader's blocklist (tags and creators hidden from every listing) and saved filters. */
export function readerFilterRoutes(app: FastifyInstance, ctx: AppContext) {
  async function showPage(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    failed?: { errors: FieldErrors; status: number },
  ) {
    const [blocklist, saved] = await Promise.all([
      filters.blocklistOf(ctx, viewer),
      filters.savedFilters(ctx, viewer),
    ]);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = failed
      ? { ...keptValues(body), ...(Array.isArray(body.tags) ? { tags: tagNames(body.tags).join(', ') } : {}) }
      : {};
    return sendPage(
      reply,
      <ReaderFiltersPage
        page={pageContext(request, reply)}
        blocklist={blocklist}
        saved={saved}
        values={values}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  app.get(HOME, async (request, reply) => showPage(request, reply, requireViewer(request)));

  app.post(`${HOME}/tags`, async (request, reply) => {
    const viewer = requireViewer(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await submitForm(filters.blockTagsSchema, { tags: tagNames(body.tags) }, (data) =>
      filters.blockTags(ctx, viewer, data),
    );
    if (!outcome.ok) return showPage(request, reply, viewer, outcome);
    const n = outcome.result;
    return reply
      .flash(`${n === 1 ? 'One tag is' : `${n} tags are`} now on your blocklist.`)
      .redirect(localReturn(body.return), 303);
  });

  app.post<IdParams>(`${HOME}/tags/:id/delete`, async (request, reply) => {
    const viewer = requireViewer(request);
    await filters.unblockTag(ctx, viewer, idOf(request.params.id));
    return reply.flash('Removed from your blocklist.').redirect(HOME, 303);
  });

  app.post(`${HOME}/creators`, async (request, reply) => {
    const viewer = requireViewer(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await submitForm(filters.blockCreatorSchema, body, (data) =>
      filters.blockCreator(ctx, viewer, data),
    );
    if (!outcome.ok) return showPage(request, reply, viewer, outcome);
    return reply
      .flash(`Works by ${outcome.result} are now hidden from your listings.`)
      .redirect(localReturn(body.return), 303);
  });

  app.post<IdParams>(`${HOME}/creators/:id/delete`, async (request, reply) => {
    const viewer = requireViewer(request);
    await filters.unblockCreator(ctx, viewer, idOf(request.params.id));
    return reply.flash('Removed from your blocklist.').redirect(HOME, 303);
  });

  app.post('/account/saved-filters', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(filters.saveFilterSchema, request.body, (data) =>
      filters.saveFilter(ctx, viewer, data),
    );
    if (!outcome.ok) return showPage(request, reply, viewer, outcome);
    return reply.flash(`Filter “${outcome.result.name}” saved.`).redirect(outcome.result.query, 303);
  });

  app.post<IdParams>('/account/saved-filters/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    await filters.deleteFilter(ctx, viewer, idOf(request.params.id));
    return reply.flash('Saved filter deleted.').redirect(HOME, 303);
  });
}
