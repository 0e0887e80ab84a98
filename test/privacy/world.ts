// The privacy matrix's fixture world: built once per database, before the matrix runs.
import type { AppContext } from '../../src/context.ts';
import type { User } from '../../src/db/schema.ts';
import { relate } from '../../src/features/blocking/blocking.service.ts';
import { saveBookmark } from '../../src/features/bookmarks/bookmarks.service.ts';
import { bookmarkSchema } from '../../src/features/bookmarks/bookmarks.schema.ts';
import { postComment, setScreened } from '../../src/features/comments/comments.service.ts';
import { createBoard } from '../../src/features/forums/boards.service.ts';
import { hidePost } from '../../src/features/forums/moderation.service.ts';
import { replyTo, startThread } from '../../src/features/forums/posting.service.ts';
import { savePreferences } from '../../src/features/notifications/preferences.ts';
import { grantAccess, saveFilter, subscribe } from '../../src/features/journals/access.service.ts';
import {
  approveEntry,
  createCommunity,
  joinCommunity,
  rejectEntry,
} from '../../src/features/journals/communities.service.ts';
import { createFeedToken } from '../../src/features/journals/feed-tokens.service.ts';
import { findJournalByName, type JournalRow } from '../../src/features/journals/journals.repository.ts';
import { editEntry, postEntry } from '../../src/features/journals/journals.service.ts';
import { fileReport } from '../../src/features/reports/reports.service.ts';
import { resolveReport } from '../../src/features/reports/report-queue.service.ts';
import { setSubscription } from '../../src/features/subscriptions/subscriptions.service.ts';
import { createToken } from '../../src/features/tokens/tokens.service.ts';
import { answerInvitation } from '../../src/features/works/invitations.ts';
import { chapterSchema, workEditSchema } from '../../src/features/works/works.schema.ts';
import { addChapter, editWork, postWork } from '../../src/features/works/works.service.ts';
import { makeUser } from '../factories.ts';
import type { TestEnv } from '../harness.ts';
import { seedWorkInput } from '../seed.ts';

/** The matrix's columns, in the order the table's visibility strings use. */
export const VIEWERS = [
  'guest',
  'stranger',
  'access',
  'filter',
  'member',
  'cocreator',
  'author',
  'moderator',
  'admin',
] as const;
export type ViewerName = (typeof VIEWERS)[number];

type Account = User & { password: string };

/** One protected (or control) thing in the world, with the ids and the unique marker its surfaces look for. */
export interface Item {
  type: 'work' | 'chapter' | 'entry' | 'post' | 'comment' | 'bookmark';
  /** A word found nowhere else in the world (in the title, body and the item's own tag). */
  marker: string;
  workId?: number;
  chapterId?: number;
  entryId?: number;
  /** The journal an entry is in (the author's, or the community's). */
  journal?: string;
  threadId?: number;
  boardId?: number;
  postId?: number;
  commentId?: number;
  bookmarkId?: number;
  /** A work's first creator (whose works listing shows it) and its series. */
  creator?: string;
  seriesId?: number;
  /** The account whose bookmark listing shows a bookmark. */
  bookmarker?: string;
  /** The item's own tag (works: a freeform tag; entries: a journal tag), used by it alone. */
  tag?: string;
}

export interface World {
  users: Record<ViewerName, Account | null> & { commenter: Account; troll: Account };
  /** Personal API tokens (bearer) and private-feed tokens of the signed-in viewers. */
  apiTokens: Partial<Record<ViewerName, string>>;
  feedTokens: Partial<Record<ViewerName, string>>;
  items: Record<string, Item>;
  community: string;
  /** Per journal (by name), the public entry the Previous/Next walk starts from. */
  controls: Record<string, number>;
}

const drain = async (env: TestEnv) => {
  while ((await env.worker.drain()) > 0);
};

/** A work by the author (co-created by `cocreator` once accepted), carrying `marker` everywhere. */
function workInput(marker: string, overrides: Record<string, unknown> = {}) {
  return seedWorkInput({
    title: `Work ${marker}`,
    summary: `Summary ${marker}.`,
    additionalTags: [`Tag ${marker}`],
    series: null,
    postedAt: undefined,
    chapter: { body: `The text of ${marker}.`, format: 'text' },
    ...overrides,
  });
}

/** Requests, as a guest, every shared copy an item has (so caches and indexes hold it). */
async function warmGuestCopies(env: TestEnv, list: Item[]) {
  const urls = ['/works', '/forums'];
  for (const item of list) {
    if (item.type === 'work')
      urls.push(
        `/works/${item.workId}`,
        `/works/${item.workId}?view_full_work=true`,
        `/works/${item.workId}/download.txt`,
        `/works/${item.workId}/download.html`,
        `/search?q=${item.marker}`,
        `/series/${item.seriesId}`,
        `/users/${item.creator}/works`,
        `/api/v1/works/${item.workId}`,
        `/api/v1/works`,
        `/tags/autocomplete?type=freeform&q=${item.marker}`,
      );
    if (item.type === 'entry')
      urls.push(
        `/journals/${item.journal}/entries/${item.entryId}`,
        `/journals/${item.journal}`,
        `/journals/${item.journal}/feed.atom`,
        `/journals/${item.journal}/feed.rss`,
        `/journals/${item.journal}/tags`,
        `/journals/${item.journal}/tags/${item.tag}`,
        `/entries/search?q=${item.marker}`,
        `/api/v1/entries/${item.entryId}`,
      );
  }
  for (const url of urls) {
    const answer = await env.app.inject({ method: 'GET', url });
    if (answer.statusCode !== 200) throw new Error(`warming ${url}: ${answer.statusCode}`);
  }
}

export async function buildWorld(env: TestEnv): Promise<World> {
  const { ctx } = env;
  const mk = (role?: 'moderator' | 'admin') => makeUser(ctx, role ? { role } : {});
  const [author, stranger, access, filter, member, cocreator, moderator, admin, commenter, troll] =
    await Promise.all([mk(), mk(), mk(), mk(), mk(), mk(), mk('moderator'), mk('admin'), mk(), mk()]);
  const users = { guest: null, author, stranger, access, filter, member, cocreator, moderator, admin };
  const items: Record<string, Item> = {};

  // Relations: the access list, a custom filter, mutes and blocks.
  await grantAccess(ctx, author, { username: access.username });
  await grantAccess(ctx, author, { username: filter.username });
  await saveFilter(ctx, author, { name: 'Inner', members: [filter.username] });
  await relate(ctx, stranger, 'mute', troll.username);
  await relate(ctx, author, 'block', stranger.username);

  // Everyone signed in follows the author (works, journal) so notices and e-mails have somewhere to go.
  const authorJournal = (await findJournalByName(ctx.db, author.username))!;
  for (const who of [stranger, access, filter, member, cocreator, moderator, admin]) {
    // E-mail for every kind of notice, so the e-mail surface is asked about entries and forum posts too.
    await savePreferences(ctx.db, who.id, { 'entry.posted': 'immediate', 'forum.posted': 'immediate' });
    await setSubscription(ctx, who, { type: 'user', id: author.id }, true);
    await subscribe(ctx, who, authorJournal.id, true);
  }

  // Works, all in one series. Each is co-created: the co-creator is invited and accepts.
  let seriesId: number | undefined;
  const work = async (name: string, overrides: Record<string, unknown> = {}) => {
    const marker = `mk${name}`;
    const series = seriesId === undefined ? { title: 'The series' } : { id: seriesId };
    const { workId } = await postWork(
      ctx,
      author,
      workInput(marker, { coCreators: [cocreator.username], series, ...overrides }),
    );
    await answerInvitation(ctx, cocreator, workId, true);
    seriesId ??= (
      await ctx.db
        .selectFrom('serial_works')
        .select('series_id')
        .where('work_id', '=', workId)
        .executeTakeFirstOrThrow()
    ).series_id;
    items[name] = { type: 'work', marker, workId, tag: `Tag ${marker}`, creator: author.username, seriesId };
    return workId;
  };
  await work('publicwork');
  await work('restrictedwork', { restricted: true });
  await work('draftwork', { draft: true });
  const host = await work('chapterhost', { expectedChapters: 3, moderatedComments: true });
  const hiddenId = await work('hiddenwork');
  const laterInput = workInput('mkrestrictedlater', {
    series: { id: seriesId },
    coCreators: [cocreator.username],
  });
  await work('restrictedlater');
  const draftChapter = await addChapter(
    ctx,
    author,
    host,
    chapterSchema.parse({ title: 'Chapter mkdraftchapter', body: 'Words mkdraftchapter.', draft: true }),
  );
  items.draftchapter = {
    type: 'chapter',
    marker: 'mkdraftchapter',
    workId: host,
    chapterId: draftChapter,
  };
  // The muted creator's work (the stranger muted `troll`).
  const muted = await postWork(ctx, troll, workInput('mkmutedwork'));
  items.mutedwork = {
    type: 'work',
    marker: 'mkmutedwork',
    workId: muted.workId,
    tag: 'Tag mkmutedwork',
    creator: troll.username,
  };

  // Comments and bookmarks, each alone on its work so that the work's counts are exactly 0 or 1: a
  // screened one, a muted user's one, a held one (on the moderated work), a private bookmark.
  const hostWork = async (title: string) =>
    (await postWork(ctx, author, workInput(title, { additionalTags: [] }))).workId;
  const comment = async (name: string, by: Account, workId: number, screen = false) => {
    const marker = `mk${name}`;
    const { id } = await postComment(ctx, by, { kind: 'work', id: workId }, { body: `Comment ${marker}.` });
    if (screen) await setScreened(ctx, author, id, true);
    items[name] = { type: 'comment', marker, workId, commentId: id };
  };
  await comment('publiccomment', commenter, items.publicwork!.workId!);
  await comment('screenedcomment', commenter, await hostWork('Screened host'), true);
  await comment('mutedcomment', troll, await hostWork('Muted host'));
  await comment('heldcomment', commenter, host);
  const bookmark = async (name: string, isPrivate: boolean) => {
    const marker = `mk${name}`;
    const input = bookmarkSchema.parse({ notes: `Notes ${marker}.`, private: isPrivate });
    const target = await hostWork(isPrivate ? 'Private bookmark host' : 'Public bookmark host');
    const { id } = await saveBookmark(ctx, author, { type: 'work', id: target }, input);
    items[name] = { type: 'bookmark', marker, workId: target, bookmarkId: id, bookmarker: author.username };
  };
  await bookmark('publicbookmark', false);
  await bookmark('privatebookmark', true);
  // Public bookmarks of protected works, by commenter: the bookmark shows, the work's title must not.
  for (const name of ['restrictedwork', 'hiddenwork'] as const) {
    const input = bookmarkSchema.parse({ notes: 'Liked it.' });
    const { id } = await saveBookmark(ctx, commenter, { type: 'work', id: items[name]!.workId! }, input);
    items[`bookmarkof${name}`] = {
      type: 'bookmark',
      marker: items[name]!.marker,
      workId: items[name]!.workId!,
      bookmarkId: id,
      bookmarker: commenter.username,
    };
  }

  // Journal entries of every security level.
  const entry = async (name: string, journal: JournalRow, poster: Account, security: string) => {
    const marker = `mk${name}`;
    const entryId = await postEntry(ctx, poster, journal, {
      subject: `Entry ${marker}`,
      body: `The entry ${marker}.`,
      format: 'text',
      tags: [marker],
      security,
    });
    items[name] = { type: 'entry', marker, entryId, journal: journal.display_name, tag: marker };
    return entryId;
  };
  await entry('publicentry', authorJournal, author, 'public');
  await entry('accessentry', authorJournal, author, 'access');
  await entry('filterentry', authorJournal, author, 'filter:Inner');
  await entry('privateentry', authorJournal, author, 'private');
  await entry('privatelater', authorJournal, author, 'public');
  const laterEntry = {
    subject: 'Entry mkprivatelater',
    body: 'The entry mkprivatelater.',
    format: 'text',
    tags: ['mkprivatelater'],
  };

  // A comment on the access-list entry (by the access-list member): only where the entry is.
  const lockedComment = await postComment(
    ctx,
    access,
    { kind: 'entry', id: items.accessentry!.entryId! },
    { body: 'Comment mkentrycomment.' },
  );
  items.entrycomment = {
    type: 'comment',
    marker: 'mkentrycomment',
    entryId: items.accessentry!.entryId!,
    journal: authorJournal.display_name,
    commentId: lockedComment.id,
  };

  // A moderated community the author maintains, with a member; the commenter's posts wait for approval.
  const community = await createCommunity(ctx, author, {
    name: `c${author.username}`,
    title: 'A community',
    moderated: true,
  });
  await joinCommunity(ctx, member, community);
  await joinCommunity(ctx, commenter, community);
  for (const who of [stranger, access, filter, member, cocreator, moderator, admin])
    await subscribe(ctx, who, community.id, true);
  await entry('memberentry', community, author, 'access');
  await entry('pendingentry', community, commenter, 'public');
  const rejected = await entry('rejectedentry', community, commenter, 'public');
  await rejectEntry(ctx, author, rejected, { reason: 'Off topic.' });
  const approved = await entry('approvedentry', community, commenter, 'public');
  await approveEntry(ctx, author, approved);

  // Forums: a members-only community board, and a moderated site board with a held reply.
  const board = await createBoard(ctx, author, {
    name: 'Members only',
    access: 'members',
    moderated: false,
    community: community.name,
  });
  const closed = await startThread(ctx, author, board.id, {
    title: 'Thread mkboardthread',
    body: 'Post mkboardthread.',
  });
  items.boardthread = {
    type: 'post',
    marker: 'mkboardthread',
    boardId: board.id,
    threadId: closed.threadId,
    postId: closed.post.id,
  };
  const open = await createBoard(ctx, admin, {
    name: 'Open',
    access: 'public',
    moderated: true,
    community: '',
  });
  const thread = await startThread(ctx, admin, open.id, {
    title: 'Thread mkopenthread',
    body: 'Post mkopenthread.',
  });
  items.openthread = {
    type: 'post',
    marker: 'mkopenthread',
    boardId: open.id,
    threadId: thread.threadId,
    postId: thread.post.id,
  };
  const waiting = await replyTo(ctx, commenter, thread.threadId, { body: 'Reply mkpendingpost.' });
  items.pendingpost = {
    type: 'post',
    marker: 'mkpendingpost',
    boardId: open.id,
    threadId: thread.threadId,
    postId: waiting.id,
  };

  // A reply a moderator hid: its number stays, as a stub, for all but the board's moderators.
  const hidden = await replyTo(ctx, admin, thread.threadId, { body: 'Reply mkhiddenpost.' });
  await hidePost(ctx, moderator, hidden.id);
  items.hiddenpost = {
    type: 'post',
    marker: 'mkhiddenpost',
    boardId: open.id,
    threadId: thread.threadId,
    postId: hidden.id,
  };

  // Notices and e-mails go out for what was visible when posted; then a moderator hides one work.
  await drain(env);
  // Guests' copies are made before anything is locked (pages, listings, search, feeds, downloads),
  // then three things are locked with their jobs left waiting: what the matrix sees is the window
  // between the write and the worker, where a stale cache or index would leak.
  await warmGuestCopies(env, [items.hiddenwork!, items.restrictedlater!, items.privatelater!]);
  await editWork(
    ctx,
    author,
    items.restrictedlater!.workId!,
    workEditSchema.parse({ ...laterInput, restricted: true }),
  );
  await editEntry(ctx, author, items.privatelater!.entryId!, { ...laterEntry, security: 'private' });
  const { report } = await fileReport(ctx, stranger, {
    type: 'work',
    id: hiddenId,
    reason: 'spam',
    details: '',
  });
  await resolveReport(ctx, moderator, report.id, { action: 'hide' });

  const apiTokens: World['apiTokens'] = {};
  const feedTokens: World['feedTokens'] = {};
  for (const name of VIEWERS) {
    const who = users[name];
    if (!who) continue;
    apiTokens[name] = (await createToken(ctx, who.id, 'privacy matrix')).token;
    feedTokens[name] = await createFeedToken(ctx, who);
  }
  const controls = {
    [authorJournal.display_name]: items.publicentry!.entryId!,
    [community.display_name]: approved,
  };
  return {
    users: { ...users, commenter, troll },
    apiTokens,
    feedTokens,
    items,
    community: community.display_name,
    controls,
  };
}

export type { AppContext };
