import { makeUser } from '../../../test/factories.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import type { AppContext } from '../../context.ts';
import type { User } from '../../db/schema.ts';
import { findJournalByName } from '../journals/journals.repository.ts';
import { postEntry } from '../journals/journals.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { chapterSchema } from '../works/works.schema.ts';
import { addChapter, postWork } from '../works/works.service.ts';
import { postComment } from './comments.service.ts';

type Ctx = AppContext;

/** The people of the comment tests: a creator, readers, a site moderator. */
export interface Cast {
  author: User & { password: string };
  reader: User & { password: string };
  other: User & { password: string };
  moderator: User & { password: string };
}

export async function makeCast(ctx: Ctx): Promise<Cast> {
  return {
    author: await makeUser(ctx),
    reader: await makeUser(ctx),
    other: await makeUser(ctx),
    moderator: await makeUser(ctx, { role: 'moderator' }),
  };
}

/** A posted work by `author` (options: comments, moderatedComments, restricted…) with `chapters` chapters. */
export async function makeWork(
  ctx: Ctx,
  author: Viewer,
  options: Record<string, unknown> = {},
  chapters = 1,
): Promise<{ workId: number; chapterIds: number[] }> {
  const { workId } = await postWork(ctx, author, seedWorkInput({ series: undefined, ...options }));
  for (let i = 2; i <= chapters; i++)
    await addChapter(
      ctx,
      author,
      workId,
      chapterSchema.parse({ title: `Part ${i}`, body: `Chapter ${i} text.` }),
    );
  const rows = await ctx.db
    .selectFrom('chapters')
    .select('id')
    .where('work_id', '=', workId)
    .orderBy('position')
    .execute();
  return { workId, chapterIds: rows.map((r) => r.id) };
}

/** An entry in `owner`'s personal journal (settings: security, comments, screening, commenters). */
export async function makeEntry(
  ctx: Ctx,
  owner: Viewer,
  settings: Record<string, unknown> = {},
): Promise<number> {
  const journal = (await findJournalByName(ctx.db, owner.username))!;
  return postEntry(ctx, owner, journal, {
    subject: 'An evening',
    body: 'Tea and rain.',
    format: 'text',
    security: 'public',
    ...settings,
  });
}

/** Posts a comment and returns its id. */
export async function comment(
  ctx: Ctx,
  viewer: Viewer | null,
  on: { kind: 'work' | 'entry'; id: number },
  body: string,
  extra: Record<string, unknown> = {},
): Promise<number> {
  return (await postComment(ctx, viewer, on, { body, ...extra })).id;
}
