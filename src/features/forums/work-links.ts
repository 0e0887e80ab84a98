import { z } from 'zod';
import { findActiveViewer } from '../accounts/accounts.repository.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import { escapeHtml, type SafeHtml } from '../../lib/safe-html.ts';
import { validate } from '../../lib/validation.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { replyRefusal } from '../visibility/forum-visibility.ts';
import { canEditWork, canSeeWork } from '../visibility/visibility.ts';
import { readWork } from '../works/works.read.ts';
import { creatorsOfWork, findWork } from '../works/works.repository.ts';
import { linkThreadsSchema, POST_LIMIT } from './forums.schema.ts';
import { addPost, threadFor } from './posting.service.ts';

type Ctx = Pick<AppContext, 'db'>;

export const CHAPTER_REPLY = 'forums.chapter-reply';

/** A work its viewer may link: only its accepted creators (not found if they may not even see it). */
async function ownWork(ctx: Ctx, viewer: Viewer, workId: number) {
  const work = Number.isInteger(workId) && workId > 0 ? await findWork(ctx.db, workId) : undefined;
  const creators = work ? await creatorsOfWork(ctx.db, workId) : [];
  const facts = { ...work!, creatorUserIds: creators.filter((c) => c.accepted).map((c) => c.user_id) };
  if (!work || !canSeeWork(viewer, facts)) throw notFound('Work');
  if (!canEditWork(viewer, facts)) throw forbidden('You can only link your own works to threads.');
  return work;
}

export interface LinkedThread {
  id: number;
  title: string;
}

/** The threads a work is linked to, as this viewer may see them. */
export async function linkedThreads(ctx: Ctx, viewer: Viewer | null, workId: number) {
  const rows = await ctx.db
    .selectFrom('work_threads')
    .innerJoin('threads', 'threads.id', 'work_threads.thread_id')
    .select(['threads.id', 'threads.title', 'work_threads.with_text'])
    .where('work_threads.work_id', '=', workId)
    .orderBy('threads.id')
    .execute();
  const out: (LinkedThread & { withText: boolean })[] = [];
  for (const row of rows) {
    const ok = await threadFor(ctx, viewer, row.id).then(
      () => true,
      () => false,
    );
    if (ok) out.push({ id: row.id, title: row.title, withText: row.with_text === 1 });
  }
  return out;
}

/**
 * Links a work to threads (replacing its links): its creator must be able to post in each. From then
 * on each newly posted chapter is replied in every linked thread by the chapter → thread job.
 */
export async function linkWorkToThreads(ctx: Ctx, viewer: Viewer, workId: number, raw: unknown) {
  const input = validate(linkThreadsSchema, raw);
  const work = await ownWork(ctx, viewer, workId);
  const threads: LinkedThread[] = [];
  for (const id of [...new Set(input.threads)]) {
    const access = await threadFor(ctx, viewer, id).catch(() => null);
    if (!access || access.thread.merged_into !== null)
      throw new ValidationError({ threads: `There is no thread #${id}.` });
    const refusal = replyRefusal(access.rights, access.thread);
    if (refusal)
      throw new ValidationError({ threads: `You cannot post in “${access.thread.title}”: ${refusal}` });
    threads.push({ id, title: access.thread.title });
  }
  const now = nowIso();
  await inTransaction(ctx.db, async (trx) => {
    await trx.deleteFrom('work_threads').where('work_id', '=', work.id).execute();
    if (threads.length)
      await trx
        .insertInto('work_threads')
        .values(
          threads.map((t) => ({
            work_id: work.id,
            thread_id: t.id,
            user_id: viewer.id,
            with_text: input.withText ? 1 : 0,
            created_at: now,
          })),
        )
        .execute();
  });
  return { threads, withText: input.withText };
}

const payload = z.object({ userId: z.number().int(), workId: z.number().int(), chapterId: z.number().int() });

/**
 * Called where a chapter (or a work) is posted, never for a draft: asks the job queue, in the same
 * transaction, to reply in each thread the work is linked to. A rolled-back post replies nowhere.
 */
export async function requestThreadReplies(
  trx: DB,
  viewer: Viewer,
  target: { workId: number; chapterId: number },
): Promise<void> {
  const linked = await trx
    .selectFrom('work_threads')
    .select('thread_id')
    .where('work_id', '=', target.workId)
    .limit(1)
    .executeTakeFirst();
  if (linked) await enqueue(trx, CHAPTER_REPLY, { userId: viewer.id, ...target });
}

const line = (label: string, values: string[]) =>
  values.length ? `<p><strong>${escapeHtml(label)}:</strong> ${values.map(escapeHtml).join(', ')}</p>` : '';

/** The chapter reply: title, header and link, and (if the writer asked) the chapter's text. */
function chapterReplyBody(
  view: Awaited<ReturnType<typeof readWork>>,
  chapter: Awaited<ReturnType<typeof readWork>>['chapters'][number],
  url: string,
  withText: boolean,
): SafeHtml {
  const { work, tags } = view;
  const heading = `${work.title}, chapter ${chapter.position}${chapter.title ? `: ${chapter.title}` : ''}`;
  const header = [
    `<p><strong>New chapter:</strong> <a href="${escapeHtml(url)}">${escapeHtml(heading)}</a> by ${view.creators.map((c) => escapeHtml(c.pseud)).join(', ')}</p>`,
    line('Fandom', tags.fandom),
    line('Rating', tags.rating),
    line('Relationships', tags.relationship),
    `<p><strong>Chapters:</strong> ${work.posted_chapters}/${work.expected_chapters ?? '?'} · <strong>Words:</strong> ${work.word_count.toLocaleString('en')}</p>`,
  ].join('\n');
  const text = `${header}\n<hr>\n${chapter.body}\n<p><a href="${escapeHtml(url)}">Read it on the archive</a></p>`;
  return (withText && text.length <= POST_LIMIT ? text : header) as SafeHtml;
}

/**
 * The job: one reply per linked thread, by the writer who posted the chapter, which bumps the thread.
 * Idempotent: `chapter_replies` (thread, chapter) is written with the reply, so a retried job skips
 * threads already answered. Skipped, with nothing recorded: a draft or deleted chapter, a writer who
 * is no longer a creator, and threads they may no longer post in (locked, read-only, left).
 */
export const chapterReplyJob: JobHandler = async (raw, ctx) => {
  const job = payload.parse(raw);
  const viewer: Viewer | undefined = await findActiveViewer(ctx.db, job.userId);
  if (!viewer) return;
  const view = await readWork(ctx, viewer, job.workId).catch(() => null);
  if (!view || view.work.posted !== 1 || !view.canEdit) return;
  const chapter = view.chapters.find((c) => c.id === job.chapterId);
  if (!chapter || chapter.posted !== 1) return;
  const url = `${ctx.config.baseUrl}/works/${view.work.id}/chapters/${chapter.id}`;
  const links = await ctx.db
    .selectFrom('work_threads')
    .select(['thread_id', 'with_text'])
    .where('work_id', '=', view.work.id)
    .orderBy('thread_id')
    .execute();
  for (const link of links) {
    try {
      await inTransaction(ctx.db, async (trx) => {
        const done = await trx
          .selectFrom('chapter_replies')
          .select('post_id')
          .where('thread_id', '=', link.thread_id)
          .where('chapter_id', '=', chapter.id)
          .executeTakeFirst();
        if (done) return;
        const access = await threadFor({ db: trx }, viewer, link.thread_id);
        const body = chapterReplyBody(view, chapter, url, link.with_text === 1);
        const post = await addPost(trx, access, viewer, {
          body,
          bumps: true,
          kind: 'chapter',
          workId: view.work.id,
          chapterId: chapter.id,
        });
        await trx
          .insertInto('chapter_replies')
          .values({
            thread_id: link.thread_id,
            chapter_id: chapter.id,
            post_id: post.id,
            created_at: nowIso(),
          })
          .execute();
      });
    } catch (error) {
      // Not found (a board they can no longer see) or refused (locked, read-only): skip the thread.
      if (error instanceof QuireError) continue;
      throw error;
    }
  }
};
