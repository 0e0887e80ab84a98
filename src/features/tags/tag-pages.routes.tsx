import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type FieldErrors, notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { fandomNamed, fandomsByMedia, findTag, tagFamily, unwrangledTags } from './tag-pages.repository.ts';
import { worksWithTag } from './tag-works.ts';
import { MediaPage, queueQuery, TagPage, tagUrl, WrangleTagPage, WranglingPage } from './tag-pages.views.tsx';
import {
  BULK_MAX,
  bulkWrangle,
  bulkWrangleSchema,
  canWrangle,
  wrangleSchema,
  wrangleTag,
} from './wrangling.service.ts';

const PER_PAGE = 20;
/** The queue shows as many tags as one bulk action may take. */
const QUEUE_LIMIT = BULK_MAX;
const TYPES = ['fandom', 'relationship', 'character', 'freeform'] as const;

const tagIdOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Tag');
  return id;
};
const names = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The ticked rows of the queue's bulk form (one ticked box comes as a string, more as a list). */
const tickedIds = (form: Record<string, unknown>) =>
  [form.tagIds ?? []]
    .flat()
    .map((v) => Number(v))
    .filter((id) => Number.isInteger(id) && id > 0);

/** The bulk form's fields as the service's input: the fields of the chosen action, as the API takes them. */
function bulkInput(form: Record<string, unknown>) {
  return {
    tagIds: [form.tagIds ?? []].flat().map((v) => Number(v)),
    action: form.action,
    synonymOf: String(form.synonymOf ?? ''),
    fandoms: names(form.fandoms),
    metatags: names(form.metatags),
    media: form.media || undefined,
  };
}

/** The wrangling form's fields as the service's input: empty "synonym of" changes nothing. */
function wrangleInput(form: Record<string, unknown>) {
  return validate(wrangleSchema, {
    canonical: form.canonical === '1',
    synonymOf: String(form.synonymOf ?? '').trim() || undefined,
    fandoms: 'fandoms' in form ? names(form.fandoms) : undefined,
    metatags: names(form.metatags),
    media: 'media' in form ? String(form.media) || null : undefined,
  });
}

export function tagPageRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<{ Params: { id: string }; Querystring: { page?: string } }>('/tags/:id', async (request, reply) => {
    const tag = await findTag(ctx.db, tagIdOf(request.params.id));
    if (!tag) throw notFound('Tag');
    if (tag.merger_id) return reply.redirect(tagUrl({ id: tag.merger_id }), 301);
    const pageNumber = Math.max(Number(request.query.page) || 1, 1);
    const family = await tagFamily(ctx.db, tag.id);
    const listed = await worksWithTag(ctx.db, request.viewer, tag.id, pageNumber, PER_PAGE);
    const pages = Math.max(1, Math.ceil(listed.total / PER_PAGE));
    return sendPage(
      reply,
      <TagPage
        page={pageContext(request, reply)}
        tag={tag}
        family={family}
        works={listed.works}
        total={listed.total}
        pageNumber={listed.page}
        pages={pages}
        canWrangle={canWrangle(request.viewer)}
      />,
    );
  });

  const wranglerTag = async (viewerRole: Parameters<typeof canWrangle>[0], id: string) => {
    if (!canWrangle(viewerRole))
      throw new QuireError('forbidden', 403, 'Only tag wranglers can change tags.');
    const tag = await findTag(ctx.db, tagIdOf(id));
    if (!tag) throw notFound('Tag');
    return tag;
  };

  app.get<{ Params: { id: string } }>('/tags/:id/edit', async (request, reply) => {
    const tag = await wranglerTag(requireViewer(request), request.params.id);
    const family = await tagFamily(ctx.db, tag.id);
    const synonymOf = tag.merger_id ? ((await findTag(ctx.db, tag.merger_id))?.name ?? '') : '';
    const values = {
      canonical: tag.canonical ? '1' : '',
      synonymOf,
      fandoms: family.fandoms.map((f) => f.name).join(', '),
      metatags: family.metatags.map((m) => m.name).join(', '),
      media: tag.media ?? '',
    };
    return sendPage(reply, <WrangleTagPage page={pageContext(request, reply)} tag={tag} values={values} />);
  });

  app.post<{ Params: { id: string } }>('/tags/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const tag = await wranglerTag(viewer, request.params.id);
    const form = (request.body ?? {}) as Record<string, unknown>;
    try {
      await wrangleTag(ctx, viewer, tag.id, wrangleInput(form));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <WrangleTagPage page={page} tag={tag} values={keptValues(form)} errors={err.fields} />,
        422,
      );
    }
    const saved = await findTag(ctx.db, tag.id);
    return reply
      .flash('Saved. The works under this tag are being re-indexed.')
      .redirect(tagUrl({ id: saved?.merger_id ?? tag.id }), 303);
  });

  type QueueQuery = { Querystring: { type?: string; fandom?: string } };
  /** The queue page for this request's filter, with a refused bulk form's ticks, values and errors. */
  const queuePage = async (
    request: FastifyRequest<QueueQuery>,
    reply: FastifyReply,
    refused?: { form: Record<string, unknown>; errors: FieldErrors; status: number },
  ) => {
    const viewer = requireViewer(request);
    if (!canWrangle(viewer))
      throw new QuireError('forbidden', 403, 'Only tag wranglers can see the wrangling queue.');
    const type = TYPES.find((t) => t === request.query.type) ?? null;
    const fandomName = String(request.query.fandom ?? '')
      .trim()
      .slice(0, 150);
    const fandom = fandomName ? await fandomNamed(ctx.db, fandomName) : undefined;
    const tags =
      fandomName && !fandom
        ? []
        : await unwrangledTags(ctx.db, { type, fandomId: fandom?.id ?? null }, QUEUE_LIMIT);
    return sendPage(
      reply,
      <WranglingPage
        page={pageContext(request, reply)}
        tags={tags}
        filter={{ type: type ?? '', fandom: fandomName }}
        fandom={fandom?.name ?? null}
        limit={QUEUE_LIMIT}
        values={refused && keptValues(refused.form)}
        ticked={refused && tickedIds(refused.form)}
        errors={refused?.errors}
      />,
      refused?.status,
    );
  };

  app.get<QueueQuery>('/wrangling', (request, reply) => queuePage(request, reply));

  // The queue's bulk form: one action for every ticked tag, all or nothing.
  app.post<QueueQuery>('/wrangling', async (request, reply) => {
    const viewer = requireViewer(request);
    if (!canWrangle(viewer)) throw new QuireError('forbidden', 403, 'Only tag wranglers can change tags.');
    const form = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await submitForm(bulkWrangleSchema, bulkInput(form), (input) =>
      bulkWrangle(ctx, viewer, input),
    );
    if (!outcome.ok)
      return queuePage(request, reply, { form, errors: outcome.errors, status: outcome.status });
    const type = TYPES.find((t) => t === request.query.type) ?? '';
    const fandom = String(request.query.fandom ?? '').trim();
    return reply.flash(outcome.result.message).redirect(`/wrangling${queueQuery({ type, fandom })}`, 303);
  });

  app.get('/media', async (request, reply) => {
    const fandoms = await fandomsByMedia(ctx.db, request.viewer);
    return sendPage(reply, <MediaPage page={pageContext(request, reply)} fandoms={fandoms} />);
  });
}
