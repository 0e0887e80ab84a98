// The load benchmark's archive: the synthetic archive of `quire bench seed` (works, chapters,
// tags, accounts), plus what it lacks for a realistic mix: readers with sessions and API tokens,
// writers with works of their own, journals with entries, forum boards with threads. Written
// through the services, in the database the server will then serve.
import { sql } from 'kysely';
import { seedArchive } from '../archive/seed.ts';
import type { AppContext } from '../../src/context.ts';
import { createBoard } from '../../src/features/forums/boards.service.ts';
import { startThread } from '../../src/features/forums/posting.service.ts';
import { ensurePersonalJournal } from '../../src/features/journals/journals.repository.ts';
import { postEntry } from '../../src/features/journals/journals.service.ts';
import type { Viewer } from '../../src/features/sessions/sessions.service.ts';
import { startSession } from '../../src/features/sessions/sessions.service.ts';
import { createToken } from '../../src/features/tokens/tokens.service.ts';
import { postWork } from '../../src/features/works/works.service.ts';
import { makeUser } from '../../test/factories.ts';
import { seedWorkInput } from '../../test/seed.ts';

/** What the load driver needs to build its requests (plain JSON, handed to another process). */
export interface Fixture {
  /** Posted, visible to guests, open to comments: [id, first chapter id, chapter ids…]. */
  works: number[][];
  /** Canonical fandoms and freeforms with works, for tag pages and listing filters. */
  tags: { id: number; name: string }[];
  /** Public journal entries: [journal name, entry id]. */
  entries: [string, number][];
  journals: string[];
  boards: number[];
  threads: number[];
  /** Signed-in readers: a session cookie and an API token each; they own nothing. */
  readers: { cookie: string; token: string }[];
  /** Writers: a token and the works they may add chapters to. */
  writers: { token: string; works: number[] }[];
}

const quiet = { start() {}, update() {}, stop() {}, step() {} };
const viewerOf = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});

const paragraph = (n: number) =>
  `<p>Entry ${n}. ${'The rain came in sideways over the harbour and nobody minded. '.repeat(12)}</p>`;

export async function seedLoadFixture(
  ctx: AppContext,
  sizes: { works: number; readers: number; writers: number },
  log: (line: string) => void,
): Promise<Fixture> {
  const t0 = performance.now();
  await seedArchive(ctx, { works: sizes.works, seed: 9, bodies: 'full', force: false }, quiet);
  log(`archive: ${sizes.works} works in ${Math.round(performance.now() - t0)} ms`);

  const readers: Fixture['readers'] = [];
  for (let i = 0; i < sizes.readers; i++) {
    const user = await makeUser(ctx, { username: `loadreader${i}` });
    const { token } = await startSession(ctx, user.id, { remember: true, userAgent: 'autocannon' });
    const api = await createToken(ctx, user.id, 'load bench');
    readers.push({ cookie: `quire_session=${token}`, token: api.token });
  }

  const writers: Fixture['writers'] = [];
  const journals: string[] = [];
  const entries: [string, number][] = [];
  for (let i = 0; i < sizes.writers; i++) {
    const user = await makeUser(ctx, { username: `loadwriter${i}` });
    const viewer = viewerOf(user);
    const { workId } = await postWork(ctx, viewer, seedWorkInput({ series: null, title: `Load work ${i}` }));
    const api = await createToken(ctx, user.id, 'load bench');
    writers.push({ token: api.token, works: [workId] });
    const journal = await ensurePersonalJournal(ctx.db, viewer);
    journals.push(user.username);
    for (let n = 0; n < 10; n++) {
      const entryId = await postEntry(ctx, viewer, journal, {
        subject: `Day ${n} by the sea`,
        body: paragraph(n),
        tags: 'travel, rain',
        security: 'public',
      });
      entries.push([user.username, entryId]);
    }
  }

  const admin = await makeUser(ctx, { username: 'loadadmin', role: 'admin' });
  const boards: number[] = [];
  const threads: number[] = [];
  for (let b = 0; b < 3; b++) {
    const board = await createBoard(ctx, viewerOf(admin), { name: `Load board ${b}`, access: 'public' });
    boards.push(board.id);
    for (let t = 0; t < 10; t++) {
      const started = await startThread(ctx, viewerOf(admin), board.id, {
        title: `Thread ${b}.${t}: favourite rarepairs`,
        body: paragraph(t),
      });
      threads.push(started.threadId);
    }
  }

  const { rows: workRows } = await sql<{ id: number; chapters: string }>`
    select w.id, ${chapterList(ctx)} as chapters
    from works w join chapters c on c.work_id = w.id and c.posted = 1
    where w.posted = 1 and w.hidden_at is null and w.restricted = 0 and w.comment_permission <> 'none'
      and w.id not in (select work_id from work_creators wc join pseuds p on p.id = wc.pseud_id
                       where p.user_id in (select id from users where username like 'load%'))
    group by w.id`.execute(ctx.db);
  const works = workRows.map((r) => [
    r.id,
    ...r.chapters
      .split(',')
      .map(Number)
      .sort((a, b) => a - b),
  ]);

  const { rows: tags } = await sql<{ id: number; name: string }>`
    select t.id, t.name from tags t
    where t.canonical = 1 and t.type in ('fandom', 'freeform')
      and exists (select 1 from work_tags wt where wt.tag_id = t.id)
    order by t.id limit 200`.execute(ctx.db);
  log(`fixture: ${works.length} works for guests, ${tags.length} tags, ${entries.length} entries`);
  return { works, tags, entries, journals, boards, threads, readers, writers };
}

function chapterList(ctx: AppContext) {
  return ctx.dialect === 'postgres' ? sql`string_agg(c.id::text, ',')` : sql`group_concat(c.id, ',')`;
}
