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

/**
 * `count` new accounts (`<prefix>0`, `<prefix>1`…, inserted 500 a statement, with the first
 * account's password hash) subscribed to the work: a popular work's fan-out. Their ids, in order.
 */
export async function subscribeMany(
  ctx: Pick<AppContext, 'db'>,
  workId: number,
  count: number,
  prefix = 'fan',
) {
  const now = new Date().toISOString();
  const { password_hash } = await ctx.db
    .selectFrom('users')
    .select('password_hash')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (let from = 0; from < count; from += 500) {
    const names = Array.from({ length: Math.min(500, count - from) }, (_, i) => `${prefix}${from + i}`);
    const users = await ctx.db
      .insertInto('users')
      .values(
        names.map((name) => ({
          username: name,
          username_key: name.toLowerCase(),
          email: `${name}@example.org`,
          email_key: `${name.toLowerCase()}@example.org`,
          password_hash,
          role: 'user' as const,
          is_system: 0,
          disabled_at: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute();
    await ctx.db
      .insertInto('subscriptions')
      .values(
        users.map((u) => ({
          user_id: u.id,
          target_type: 'work' as const,
          target_id: workId,
          created_at: now,
        })),
      )
      .execute();
    ids.push(...users.map((u) => u.id));
  }
  return ids;
}
