import { isSubscribed } from '../subscriptions/subscriptions.service.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound, QuireError } from '../../lib/errors.ts';
import { ADULT_COOKIE, hasAdultConsent, rememberAdultConsent } from '../../web/adult-consent.ts';
import { requireViewer } from '../../web/auth.ts';
import { formValues, keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { PageCache } from '../../web/page-cache.ts';
import { renderPage, sendHtml, sendPage } from '../../web/render.ts';
import { contentDisposition } from '../downloads/filenames.ts';
import { recordReading } from '../history/history.service.ts';
import { ReadingBox } from '../history/history.views.tsx';
import { workCommentsSection } from '../comments/comment-sections.tsx';
import { announcementsOf } from '../journals/announcements.ts';
import { workInteractions } from '../kudos/work-interactions.tsx';
import { DOWNLOAD_CONTENT_TYPES, type DownloadFormat } from '../downloads/downloads.types.ts';
import { renderDownload, toDownloadable } from './work-download.ts';
import {
  chapterFormErrors,
  chapterFormValues,
  formErrors,
  formToChapterInput,
  formToWorkInput,
  workFormValues,
} from './work-form.ts';
import { NewChapterPage, NewWorkPage } from './work-form.views.tsx';
import { readSeries } from './series.read.ts';
import { findOwnSeries, listOwnSeries } from './series.repository.ts';
import { editSeries, ownSeries, seriesSchema } from './series.service.ts';
import { SeriesFormPage, SeriesPage } from './series.views.tsx';
import { HitBuffer, visitorKey } from './hits.ts';
import { findWork, workVersion } from './works.repository.ts';
import { readWork } from './works.read.ts';
import { chapterSchema, workEditSchema, workSchema } from './works.schema.ts';
import * as works from './works.service.ts';
import { ADULT_RATINGS, type Rating } from './works.vocabulary.ts';
import { AdultNoticePage, ChapterIndexPage, WorkPage } from './works.views.tsx';
import { isBlockedByAny } from '../blocking/blocks.repository.ts';
import { commentViewer } from '../visibility/comment-visibility.ts';
import type { Work } from '../../db/schema.ts';

type WorkParams = { Params: { id: string } };
type ChapterParams = { Params: { id: string; chapterId: string } };

const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Work');
  return id;
};

/**
 * The version a guest's cached page of this work is kept under: from PostgreSQL's change feed when
 * it is live (no query), else from the work's row (one primary-key read), which is then returned
 * for the page to use if it is rendered.
 */
async function pageVersion(ctx: AppContext, workId: number): Promise<{ version?: string; row?: Work }> {
  if (ctx.changes.live) return { version: `feed:${ctx.changes.version(workId)}` };
  const row = await findWork(ctx.db, workId);
  return { version: row && workVersion(row), row };
}

export function workRoutes(app: FastifyInstance, ctx: AppContext) {
  const guestPages = new PageCache(ctx.config.pageCacheMB);
  const hits = new HitBuffer(ctx.db, ctx.log);
  app.addHook('onClose', () => hits.flush());
  app.get<WorkParams>('/series/:id', async (request, reply) => {
    const data = await readSeries(ctx, request.viewer, idOf(request.params.id));
    const canEdit =
      request.viewer !== null &&
      (await findOwnSeries(ctx.db, data.series.id, request.viewer.id)) !== undefined;
    const subscribed = await isSubscribed(ctx, request.viewer, { type: 'series', id: data.series.id });
    return sendPage(
      reply,
      <SeriesPage page={pageContext(request, reply)} data={data} canEdit={canEdit} subscribed={subscribed} />,
    );
  });

  app.get<WorkParams>('/series/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const series = await ownSeries(ctx, viewer, idOf(request.params.id));
    const values = {
      title: series.title,
      summary: series.summary,
      notes: series.notes,
      complete: series.complete ? '1' : '',
    };
    return sendPage(
      reply,
      <SeriesFormPage page={pageContext(request, reply)} seriesId={series.id} values={values} />,
    );
  });

  app.post<WorkParams>('/series/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const seriesId = idOf(request.params.id);
    const outcome = await submitForm(seriesSchema, request.body, (input) =>
      editSeries(ctx, viewer, seriesId, input),
    );
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <SeriesFormPage
          page={page}
          seriesId={seriesId}
          values={keptValues(request.body)}
          errors={outcome.errors}
        />,
        outcome.status,
      );
    }
    return reply.flash('Series saved.').redirect(`/series/${seriesId}`, 303);
  });

  app.get('/works/new', async (request, reply) => {
    const viewer = requireViewer(request);
    const ownSeries = await listOwnSeries(ctx.db, viewer.id);
    return sendPage(reply, <NewWorkPage page={pageContext(request, reply)} ownSeries={ownSeries} />);
  });

  app.post('/works', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(
      workSchema,
      formToWorkInput(request.body as Record<string, unknown>),
      (input) => works.postWork(ctx, viewer, input),
    );
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <NewWorkPage
          page={page}
          values={formValues(request.body)}
          errors={formErrors(outcome.errors)}
          ownSeries={await listOwnSeries(ctx.db, viewer.id)}
        />,
        outcome.status,
      );
    }
    const posted = (request.body as Record<string, unknown>).save !== 'draft';
    return reply
      .flash(posted ? 'Your work was posted.' : 'Your draft was saved. Only you can see it.')
      .redirect(`/works/${outcome.result.workId}`, 303);
  });

  /** Mature, Explicit and Not Rated works ask once (a cookie remembers the answer). */
  const needsAdultNotice = (request: FastifyRequest, rating: string | undefined, canEdit: boolean) =>
    !canEdit && !hasAdultConsent(request) && ADULT_RATINGS.includes((rating ?? 'Not Rated') as Rating);

  const showWork = async (
    request: FastifyRequest,
    reply: FastifyReply,
    workId: number,
    chapterId?: number,
  ) => {
    // Guests' pages are cached per URL and checked against the work's version on every request.
    const query = request.query as Record<string, string | undefined>;
    const cacheable = !request.viewer && !request.flash && query.view_adult !== 'true';
    const cacheKey = `${request.url}|${request.cookies[ADULT_COOKIE] === '1' ? 'adult' : ''}`;
    const { version, row } = cacheable ? await pageVersion(ctx, workId) : {};
    const cached = version && guestPages.get(cacheKey, version);
    const visitor = visitorKey(request.viewer?.id ?? null, request.ip, request.headers['user-agent']);
    if (cached) {
      hits.add(workId, visitor);
      return sendHtml(reply, cached);
    }

    const view = await readWork(ctx, request.viewer, workId, row);
    const page = pageContext(request, reply);
    if (needsAdultNotice(request, view.tags.rating[0], view.canEdit)) {
      const proceed = `${request.url}${request.url.includes('?') ? '&' : '?'}view_adult=true`;
      return sendPage(reply, <AdultNoticePage page={page} view={view} proceed={proceed} />);
    }
    rememberAdultConsent(request, reply, ctx.config.secureCookies);
    if (!view.canEdit && view.work.posted === 1) hits.add(workId, visitor);
    const chapter =
      chapterId === undefined ? (view.chapters[0] ?? null) : view.chapters.find((c) => c.id === chapterId);
    if (chapter === undefined) throw notFound('Chapter');
    const full = query.view_full_work === 'true';
    const announcements = await announcementsOf(ctx.db, request.viewer, workId);
    // The chapter reached: the one on screen, or the last one when the entire work is shown.
    const position = full ? (view.chapters.at(-1)?.position ?? 0) : (chapter?.position ?? 0);
    const history = await recordReading(ctx, request.viewer, view, position);
    const reading = history && <ReadingBox page={page} view={view} note={history} />;
    const subscribed = await isSubscribed(ctx, request.viewer, { type: 'work', id: workId });
    // Loaded once for the kudos panel and the comment section: the viewer's mutes, and whether a
    // creator blocked them (the creators themselves are never "blocked" from their own work).
    const who = await commentViewer(ctx.db, request.viewer);
    const blocked =
      request.viewer !== null &&
      !view.canEdit &&
      (await isBlockedByAny(ctx.db, view.creatorUserIds, request.viewer.id));
    const interactions = await workInteractions(ctx, page, view, { muted: who.muted, blocked });
    const comments = await workCommentsSection(
      ctx,
      request,
      page,
      { id: workId, chapters: view.chapters },
      chapter?.id ?? null,
      full,
      {
        work: view.work,
        creatorUserIds: view.creatorUserIds,
        postedChapters: view.canEdit ? view.chapters.filter((c) => c.posted === 1) : view.chapters,
        who,
        blocked,
      },
    );
    const html = renderPage(
      <WorkPage
        page={page}
        view={view}
        chapter={chapter}
        full={full}
        announcements={announcements}
        reading={reading}
        subscribed={subscribed}
        interactions={interactions}
        comments={comments}
      />,
    );
    if (version) guestPages.set(cacheKey, version, html);
    return sendHtml(reply, html);
  };

  app.get<WorkParams>('/works/:id', (request, reply) => showWork(request, reply, idOf(request.params.id)));
  app.get<ChapterParams>('/works/:id/chapters/:chapterId', (request, reply) =>
    showWork(request, reply, idOf(request.params.id), idOf(request.params.chapterId)),
  );
  app.get<WorkParams>('/works/:id/navigate', async (request, reply) => {
    const view = await readWork(ctx, request.viewer, idOf(request.params.id));
    return sendPage(reply, <ChapterIndexPage page={pageContext(request, reply)} view={view} />);
  });

  app.get<WorkParams>('/works/:id/chapters/new', async (request, reply) => {
    requireViewer(request);
    const view = await readWork(ctx, request.viewer, idOf(request.params.id));
    if (!view.canEdit) throw new QuireError('forbidden', 403, 'Only the work’s creators can add chapters.');
    return sendPage(
      reply,
      <NewChapterPage page={pageContext(request, reply)} workId={view.work.id} title={view.work.title} />,
    );
  });

  app.post<WorkParams>('/works/:id/chapters', (request, reply) =>
    saveChapter(request, reply, idOf(request.params.id)),
  );

  const editable = async (request: FastifyRequest, workId: number) => {
    requireViewer(request);
    const view = await readWork(ctx, request.viewer, workId);
    if (!view.canEdit) throw new QuireError('forbidden', 403, 'Only the work’s creators can change it.');
    return view;
  };

  /** Adding a chapter or editing one: the same form, shown again with its errors when refused. */
  const saveChapter = async (
    request: FastifyRequest,
    reply: FastifyReply,
    workId: number,
    chapterId?: number,
  ) => {
    const viewer = requireViewer(request);
    const form = request.body as Record<string, unknown>;
    const outcome = await submitForm(chapterSchema, formToChapterInput(form), (data) =>
      chapterId === undefined
        ? works.addChapter(ctx, viewer, workId, data)
        : works.editChapter(ctx, viewer, workId, chapterId, data).then(() => chapterId),
    );
    if (!outcome.ok) {
      const view = await editable(request, workId);
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <NewChapterPage
          page={page}
          workId={workId}
          title={view.work.title}
          chapterId={chapterId}
          values={keptValues(form)}
          errors={chapterFormErrors(outcome.errors)}
        />,
        outcome.status,
      );
    }
    return reply.flash('Chapter saved.').redirect(`/works/${workId}/chapters/${outcome.result}`, 303);
  };

  app.get<WorkParams>('/works/:id/edit', async (request, reply) => {
    const view = await editable(request, idOf(request.params.id));
    const edit = { workId: view.work.id, draft: view.work.posted === 0 };
    return sendPage(
      reply,
      <NewWorkPage page={pageContext(request, reply)} values={workFormValues(view)} edit={edit} />,
    );
  });

  app.post<WorkParams>('/works/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const workId = idOf(request.params.id);
    const form = request.body as Record<string, unknown>;
    const outcome = await submitForm(workEditSchema, formToWorkInput(form), async (input) => {
      await works.editWork(ctx, viewer, workId, input);
      if (form.save === 'post') await works.publishDraft(ctx, viewer, workId, input.postedAt);
    });
    if (!outcome.ok) {
      const view = await editable(request, workId);
      const page = pageContext(request, reply);
      const edit = { workId, draft: view.work.posted === 0 };
      return sendPage(
        reply,
        <NewWorkPage page={page} values={formValues(form)} errors={formErrors(outcome.errors)} edit={edit} />,
        outcome.status,
      );
    }
    return reply
      .flash(form.save === 'post' ? 'Your work was posted.' : 'Your changes were saved.')
      .redirect(`/works/${workId}`, 303);
  });

  app.post<WorkParams>('/works/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    await works.deleteWork(ctx, viewer, idOf(request.params.id));
    return reply
      .flash('The work was deleted.')
      .redirect(`/users/${encodeURIComponent(viewer.username)}/works`, 303);
  });

  app.get<ChapterParams>('/works/:id/chapters/:chapterId/edit', async (request, reply) => {
    const view = await editable(request, idOf(request.params.id));
    const chapter = view.chapters.find((c) => c.id === idOf(request.params.chapterId));
    if (!chapter) throw notFound('Chapter');
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      <NewChapterPage
        page={page}
        workId={view.work.id}
        title={view.work.title}
        chapterId={chapter.id}
        values={chapterFormValues(chapter)}
      />,
    );
  });

  app.post<ChapterParams>('/works/:id/chapters/:chapterId/edit', (request, reply) =>
    saveChapter(request, reply, idOf(request.params.id), idOf(request.params.chapterId)),
  );

  app.post<ChapterParams>('/works/:id/chapters/:chapterId/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    const workId = idOf(request.params.id);
    await works.deleteChapter(ctx, viewer, workId, idOf(request.params.chapterId));
    return reply.flash('The chapter was deleted.').redirect(`/works/${workId}`, 303);
  });

  app.post<WorkParams>('/works/:id/chapters/order', async (request, reply) => {
    const viewer = requireViewer(request);
    const workId = idOf(request.params.id);
    const form = request.body as Record<string, string>;
    const view = await editable(request, workId);
    // Each chapter has a "position-ID" field; chapters are sorted by the numbers typed.
    const ordered = [...view.chapters]
      .map((c) => ({ id: c.id, position: Number(form[`position-${c.id}`] ?? c.position) }))
      .sort((a, b) => a.position - b.position)
      .map((c) => c.id);
    await works.reorderChapters(ctx, viewer, workId, ordered);
    return reply.flash('Chapters reordered.').redirect(`/works/${workId}/navigate`, 303);
  });

  app.get<{ Params: { id: string; format: string } }>(
    '/works/:id/download.:format',
    async (request, reply) => {
      const format = request.params.format as DownloadFormat;
      if (!(format in DOWNLOAD_CONTENT_TYPES)) throw notFound('Download');
      const view = await readWork(ctx, request.viewer, idOf(request.params.id));
      if (view.work.posted !== 1)
        throw new QuireError('draft', 409, 'Drafts cannot be downloaded. Post the work first.');
      const work = toDownloadable(view, ctx.config.baseUrl);
      const body = await renderDownload(work, format);
      return reply
        .type(DOWNLOAD_CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(work, format))
        .header('cache-control', view.work.restricted ? 'private, no-store' : 'public, max-age=300')
        .send(body);
    },
  );
}
