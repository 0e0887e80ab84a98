import { z } from 'zod';
import { moderateWork, moderationSchema } from './work-moderation.ts';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { readWork } from './works.read.ts';
import { chapterSchema, workEditSchema, workSchema } from './works.schema.ts';
import * as works from './works.service.ts';
import type { TagType } from '../../db/schema.ts';

const chapterOut = z.object({
  id: z.number(),
  position: z.number(),
  title: z.string(),
  wordCount: z.number(),
  posted: z.boolean(),
  publishedAt: z.string().nullable(),
});

/** A work's tags as the API shows them, by the posting form's field names (shared with listings). */
export const workTagsOut = {
  warnings: z.array(z.string()),
  categories: z.array(z.string()),
  fandoms: z.array(z.string()),
  relationships: z.array(z.string()),
  characters: z.array(z.string()),
  additionalTags: z.array(z.string()),
};

/** A work's tags by type, as `workTagsOut`. */
export function workTagsJson(tags: Record<TagType, string[]>) {
  return {
    warnings: tags.warning,
    categories: tags.category,
    fandoms: tags.fandom,
    relationships: tags.relationship,
    characters: tags.character,
    additionalTags: tags.freeform,
  };
}

const workOut = z.object({
  id: z.number(),
  url: z.string(),
  title: z.string(),
  creators: z.array(z.object({ pseud: z.string(), username: z.string() })),
  rating: z.string().nullable(),
  ...workTagsOut,
  summary: z.string(),
  notes: z.string(),
  endNotes: z.string(),
  language: z.string(),
  series: z.array(z.object({ id: z.number(), title: z.string(), part: z.number() })),
  gifts: z.array(z.string()),
  restricted: z.boolean(),
  draft: z.boolean(),
  wordCount: z.number(),
  publishedAt: z.string().nullable(),
  revisedAt: z.string().nullable(),
  complete: z.boolean(),
  expectedChapters: z.number().nullable(),
  version: z.string(),
  chapters: z.array(chapterOut),
  downloads: z.object({ epub: z.string(), html: z.string(), txt: z.string() }),
});

const id = (value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw notFound('Work');
  return n;
};

export function worksApi(api: ApiRegistry, ctx: AppContext) {
  const base = ctx.config.baseUrl;
  const present = async (viewer: Viewer | null, workId: number): Promise<z.infer<typeof workOut>> => {
    const { work, tags, creators, series, chapters, gifts } = await readWork(ctx, viewer, workId);
    const url = `${base}/works/${work.id}`;
    return {
      id: work.id,
      url,
      title: work.title,
      creators,
      rating: tags.rating[0] ?? null,
      ...workTagsJson(tags),
      summary: work.summary,
      notes: work.notes,
      endNotes: work.end_notes,
      language: work.language,
      series: [...series],
      gifts: gifts.map((g) => g.recipient),
      restricted: work.restricted === 1,
      draft: work.posted === 0,
      wordCount: work.word_count,
      publishedAt: work.published_at,
      revisedAt: work.revised_at,
      complete: work.complete === 1,
      expectedChapters: work.expected_chapters,
      version: `${work.major_version}.${work.minor_version}`,
      chapters: chapters.map((c) => ({
        id: c.id,
        position: c.position,
        title: c.title,
        wordCount: c.word_count,
        posted: c.posted === 1,
        publishedAt: c.published_at,
      })),
      downloads: { epub: `${url}/download.epub`, html: `${url}/download.html`, txt: `${url}/download.txt` },
    };
  };

  api.add({
    method: 'POST',
    path: '/works',
    summary: 'Post a work with its first chapter (or save a draft)',
    tag: 'Works',
    auth: 'token',
    body: workSchema,
    response: workOut,
    status: 201,
    handler: async ({ viewer, body }) => present(viewer, (await works.postWork(ctx, viewer!, body)).workId),
  });

  api.add({
    method: 'GET',
    path: '/works/:id',
    summary: 'A work, if you may read it: metadata, chapters and download links',
    tag: 'Works',
    auth: 'optional',
    response: workOut,
    handler: async ({ viewer, params }) => present(viewer, id(params.id)),
  });

  api.add({
    method: 'PATCH',
    path: '/works/:id',
    summary: 'Edit a work’s fields and tags (not a bump)',
    tag: 'Works',
    auth: 'token',
    body: workEditSchema,
    response: workOut,
    handler: async ({ viewer, params, body }) => {
      await works.editWork(ctx, viewer!, id(params.id), body);
      return present(viewer, id(params.id));
    },
  });

  api.add({
    method: 'DELETE',
    path: '/works/:id',
    summary: 'Delete a work',
    tag: 'Works',
    auth: 'token',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ viewer, params }) => {
      await works.deleteWork(ctx, viewer!, id(params.id));
      return { deleted: true as const };
    },
  });

  api.add({
    method: 'POST',
    path: '/works/:id/chapters',
    summary: 'Add a chapter (posted chapters bump the work; drafts do not)',
    tag: 'Works',
    auth: 'token',
    body: chapterSchema,
    response: chapterOut.extend({ work: workOut }),
    status: 201,
    handler: async ({ viewer, params, body }) => {
      const chapterId = await works.addChapter(ctx, viewer!, id(params.id), body);
      const work = await present(viewer, id(params.id));
      return { ...work.chapters.find((c) => c.id === chapterId)!, work };
    },
  });

  api.add({
    method: 'PATCH',
    path: '/works/:id/chapters/:chapterId',
    summary: 'Edit a chapter; posting a draft chapter bumps the work',
    tag: 'Works',
    auth: 'token',
    body: chapterSchema,
    response: workOut,
    handler: async ({ viewer, params, body }) => {
      await works.editChapter(ctx, viewer!, id(params.id), id(params.chapterId), body);
      return present(viewer, id(params.id));
    },
  });

  api.add({
    method: 'DELETE',
    path: '/works/:id/chapters/:chapterId',
    summary: 'Delete a chapter (Date Updated is recomputed)',
    tag: 'Works',
    auth: 'token',
    response: workOut,
    handler: async ({ viewer, params }) => {
      await works.deleteChapter(ctx, viewer!, id(params.id), id(params.chapterId));
      return present(viewer, id(params.id));
    },
  });

  for (const action of ['hide', 'unhide'] as const) {
    api.add({
      method: 'POST',
      path: `/works/:id/${action}`,
      summary:
        action === 'hide'
          ? 'Hide a work (moderators): only its creators and staff see it; audit-logged with the reason'
          : 'Unhide a work that moderators hid (moderators); audit-logged with the reason',
      tag: 'Works',
      auth: 'token',
      body: moderationSchema,
      response: workOut,
      handler: async ({ viewer, params, body }) => {
        await moderateWork(ctx, viewer!, id(params.id), action, body.reason);
        return present(viewer, id(params.id));
      },
    });
  }
}
