import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { type FieldErrors, QuireError, ValidationError } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { formValues, keptValues } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { listOwnSeries } from '../works/series.repository.ts';
import { chapterFormErrors, formErrors } from '../works/work-form.ts';
import { importAo3Html } from './import-files.service.ts';
import { POST_LIMIT, readImportBytes, sniffKind } from './import-file.ts';
import { type ImportResult, importItem, postKey, readPost } from './import.service.ts';
import { ImportPage, ImportReviewPage, type ReviewInfo } from './importer.views.tsx';

const reviewInfoSchema = z.object({
  key: z.string().regex(/^post:[0-9a-f]{32}#\d+$/),
  notices: z.record(z.string(), z.string()),
  problems: z.array(z.string()),
  continues: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  chapterNumber: z.number().int().nullable(),
  others: z.array(z.object({ index: z.number().int(), title: z.string() })),
});

function readReviewInfo(raw: unknown): ReviewInfo {
  try {
    const parsed = reviewInfoSchema.safeParse(JSON.parse(String(raw ?? '')));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the one message below.
  }
  throw new QuireError('bad_request', 400, 'This import form is incomplete. Please start the import again.');
}

/** The post's text: the uploaded file when there is one, else what was pasted. */
function submittedText(body: Record<string, unknown>): string {
  const file = body.file;
  if (file instanceof Buffer && file.length > 0) return readImportBytes(file, POST_LIMIT);
  const post = typeof body.post === 'string' ? body.post : '';
  if (post.trim() === '') throw new ValidationError({ post: 'Paste a post, or choose a file to upload.' });
  if (post.length > POST_LIMIT) throw new ValidationError({ post: 'The post is over the 8 MB limit.' });
  return post;
}

function flashFor(result: Exclude<ImportResult, { status: 'no-fic' }>, draft: boolean): string {
  if (result.status === 'already') return 'This fic was imported before: here it is.';
  const chapter = result.works[0]?.chapterId;
  if (chapter) return draft ? 'The chapter was added as a draft.' : 'The chapter was added and posted.';
  return draft ? 'Imported as a draft. Only you can see it.' : 'Imported and posted.';
}

export function importerRoutes(app: FastifyInstance, ctx: AppContext) {
  const review = async (request: FastifyRequest, reply: FastifyReply, viewer: Viewer, text: string) => {
    const body = request.body as Record<string, unknown>;
    const format = body.format === 'text' || body.format === 'html' ? body.format : sniffKind(text);
    if (format === 'lj-xml') {
      throw new ValidationError({
        file: 'This is a whole journal’s export: the site’s administrator imports those with `quire import lj-xml`.',
      });
    }
    if (format === 'ao3') {
      const { result } = await importAo3Html(ctx, viewer, text, 'draft');
      if (result.status === 'no-fic') throw new ValidationError({ file: 'No work found in the download.' });
      const workId = result.works[0]!.id;
      if (result.status === 'already')
        return reply.flash(flashFor(result, true)).redirect(`/works/${workId}`, 303);
      return reply
        .flash('Imported from AO3 as a draft with all its chapters. Check it, then post it.')
        .redirect(`/works/${workId}/edit`, 303);
    }
    const { post, works } = await readPost(ctx, viewer, text, { format });
    const index = Math.min(Math.max(Number(body.index) || 0, 0), works.length - 1);
    const work = works[index];
    if (!work) throw new ValidationError({ post: 'No story found in the post.' });
    const info: ReviewInfo = {
      key: postKey(text, index),
      notices: work.notices,
      problems: [...post.problems, ...work.problems],
      continues: work.continues,
      chapterNumber: work.chapter?.number ?? null,
      others: works
        .map((w, i) => ({ index: i, title: String(w.values.title || `Fic ${i + 1}`) }))
        .filter((w) => w.index !== index),
    };
    const page = pageContext(request, reply);
    const ownSeries = await listOwnSeries(ctx.db, viewer.id);
    return sendPage(
      reply,
      <ImportReviewPage page={page} info={info} values={work.values} ownSeries={ownSeries} post={text} />,
    );
  };

  app.get('/import', async (request, reply) => {
    requireViewer(request);
    return sendPage(reply, <ImportPage page={pageContext(request, reply)} />);
  });

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: POST_LIMIT, files: 1, fields: 20, fieldSize: POST_LIMIT },
    });
    scope.post('/import', async (request, reply) => {
      const viewer = requireViewer(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        return await review(request, reply, viewer, submittedText(body));
      } catch (err) {
        const errors: FieldErrors | null =
          err instanceof ValidationError
            ? err.fields
            : err instanceof QuireError && err.field
              ? { [err.field]: err.message }
              : null;
        if (!errors) throw err;
        const values = { ...keptValues(body), format: String(body.format ?? 'auto') };
        return sendPage(
          reply,
          <ImportPage page={pageContext(request, reply)} values={values} errors={errors} />,
          422,
        );
      }
    });
  });

  app.post('/import/post', async (request, reply) => {
    const viewer = requireViewer(request);
    const body = request.body as Record<string, unknown>;
    const info = readReviewInfo(body.importInfo);
    const values = formValues(body);
    const continueWorkId =
      info.continues && Number(body.continueWorkId) === info.continues.id ? info.continues.id : null;
    try {
      const result = await importItem(ctx, viewer, { key: info.key, kind: 'post' }, [
        { values, continueWorkId },
      ]);
      if (result.status === 'no-fic') throw new ValidationError({ chapterBody: 'Please paste the story.' });
      const [work] = result.works;
      return reply.flash(flashFor(result, body.save === 'draft')).redirect(`/works/${work!.id}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = continueWorkId ? chapterFormErrors(err.fields) : formErrors(err.fields);
      const page = pageContext(request, reply);
      const ownSeries = await listOwnSeries(ctx.db, viewer.id);
      return sendPage(
        reply,
        <ImportReviewPage page={page} info={info} values={values} errors={errors} ownSeries={ownSeries} />,
        422,
      );
    }
  });
}
