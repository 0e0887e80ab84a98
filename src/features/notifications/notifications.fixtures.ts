// Test set-up for the notification suites (not loaded by the app).
import { seedWorkInput } from '../../../test/seed.ts';
import type { TestEnv } from '../../../test/harness.ts';
import type { AppContext } from '../../context.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { setCoreSubscription } from '../subscriptions/subscriptions.repository.ts';
import { addChapter, postWork } from '../works/works.service.ts';
import { chapterSchema } from '../works/works.schema.ts';

type Ctx = Pick<AppContext, 'db' | 'config'>;

/** A one-chapter work by `writer` (posted unless `draft`), outside any series unless given one. */
export function makeWork(ctx: Ctx, writer: Viewer, overrides: Record<string, unknown> = {}) {
  return postWork(ctx, writer, seedWorkInput({ series: null, postedAt: undefined, ...overrides }));
}

export function makeChapter(ctx: Ctx, writer: Viewer, workId: number, title = 'Coda', draft = false) {
  return addChapter(
    ctx,
    writer,
    workId,
    chapterSchema.parse({ title, body: 'More words.', format: 'text', draft }),
  );
}

export const subscribeTo = (ctx: Ctx, who: Viewer, type: 'work' | 'series' | 'user', id: number) =>
  setCoreSubscription(ctx.db, who.id, type, id, true);

/** Runs every due job (notify, then the e-mails it enqueues). */
export async function runJobs(env: TestEnv) {
  while ((await env.worker.drain()) > 0);
}

/** What is in someone's inbox, newest first. */
export function inboxOf(ctx: Pick<AppContext, 'db'>, userId: number) {
  return ctx.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'key', 'title', 'url', 'read_at', 'mail', 'actor_id'])
    .where('user_id', '=', userId)
    .orderBy('notified_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The e-mails enqueued for an address (subjects), from the job queue. */
export async function mailsTo(ctx: Pick<AppContext, 'db'>, address: string): Promise<string[]> {
  const jobs = await ctx.db.selectFrom('jobs').select('payload').where('kind', '=', 'email.send').execute();
  return jobs
    .map((j) => JSON.parse(j.payload) as { to: string; subject: string })
    .filter((m) => m.to === address)
    .map((m) => m.subject);
}
