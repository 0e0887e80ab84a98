import type { AppContext } from '../../context.ts';
import type { CommentState } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { type CommentViewer, commentViewer } from '../visibility/comment-visibility.ts';
import { type CommentTarget, managesTarget } from './comment-targets.ts';
import * as repo from './comments.repository.ts';
import { type SectionQuery, THREADS_PER_PAGE } from './comments.schema.ts';

type Ctx = Pick<AppContext, 'db'>;

export type CommentAuthor =
  { kind: 'user'; username: string } | { kind: 'guest'; name: string } | { kind: 'deleted-account' };

/** One comment as this viewer is shown it, with the replies they may see. */
export interface ShownComment {
  id: number;
  parentId: number | null;
  rootId: number;
  chapterId: number | null;
  author: CommentAuthor;
  /** Empty for a deleted stub. */
  body: SafeHtml;
  state: CommentState;
  frozen: boolean;
  deleted: boolean;
  createdAt: string;
  editedAt: string | null;
  /** Written by the viewer. */
  mine: boolean;
  children: ShownComment[];
}

export interface CommentSection {
  target: CommentTarget;
  /** Comments shown to this viewer in this section (deleted stubs not counted). */
  total: number;
  mode: 'threaded' | 'flat' | 'thread';
  comments: ShownComment[];
  page: number;
  pages: number;
  /** The thread permalink's comment (mode 'thread'). */
  thread?: { id: number; parentId: number | null };
  /** The viewer manages comments here (screen, freeze, delete others'). */
  manages: boolean;
  viewerId: number | null;
  /** Comments awaiting approval (works with moderated comments; managers only). */
  pending: number;
}

function shown(row: repo.CommentWithAuthor, viewer: Viewer | null): ShownComment {
  const author: CommentAuthor =
    row.user_id !== null && row.username !== null
      ? { kind: 'user', username: row.username }
      : row.guest_name !== null
        ? { kind: 'guest', name: row.guest_name }
        : { kind: 'deleted-account' };
  return {
    id: row.id,
    parentId: row.parent_id,
    rootId: row.root_id ?? row.id,
    chapterId: row.chapter_id,
    author,
    body: (row.deleted_at ? '' : row.body) as SafeHtml,
    state: row.state,
    frozen: row.frozen === 1,
    deleted: row.deleted_at !== null,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    mine: viewer !== null && row.user_id === viewer.id,
    children: [],
  };
}

/**
 * Builds trees from rows (oldest first): a reply whose parent is not among them (the viewer may not
 * see it) is left out with everything below it; a deleted stub left with no reply is left out.
 */
export function buildTrees(
  rows: repo.CommentWithAuthor[],
  viewer: Viewer | null,
  roots: number[],
): ShownComment[] {
  const byId = new Map<number, ShownComment>();
  for (const row of rows) byId.set(row.id, shown(row, viewer));
  for (const comment of byId.values())
    if (comment.parentId !== null) byId.get(comment.parentId)?.children.push(comment);
  const prune = (c: ShownComment): ShownComment | null => {
    c.children = c.children.map(prune).filter((x): x is ShownComment => x !== null);
    return c.deleted && c.children.length === 0 ? null : c;
  };
  return roots
    .map((id) => byId.get(id))
    .filter((c): c is ShownComment => c !== undefined)
    .map(prune)
    .filter((c): c is ShownComment => c !== null);
}

/** Comments reachable from their thread's top (those the viewer sees in threads), in order. */
function flatten(trees: ShownComment[]): ShownComment[] {
  return trees.flatMap((c) => [{ ...c, children: [] }, ...flatten(c.children)]);
}

/**
 * The comment section of a work (or one chapter of it) or an entry, for this viewer: a page of 25
 * threads (oldest first), one thread (`?thread=ID`, the subtree from that comment), or the flat
 * view (`?view=flat`, every comment oldest first, 25 a page).
 */
export async function commentSection(
  ctx: Ctx,
  viewer: Viewer | null,
  target: CommentTarget,
  query: SectionQuery,
  chapterId?: number,
  /** The viewer with their mutes, when the page has loaded them already. */
  known?: CommentViewer,
): Promise<CommentSection> {
  const who = known ?? (await commentViewer(ctx.db, viewer));
  const scope: repo.CommentScope =
    target.kind === 'work'
      ? { kind: 'work', workId: target.id, ...(chapterId !== undefined ? { chapterId } : {}) }
      : { kind: 'entry', entryId: target.id };
  const manages = managesTarget(viewer, target);
  const counts = await repo.countSection(ctx.db, who, scope);
  const base = {
    target,
    total: counts.shown,
    manages,
    viewerId: viewer?.id ?? null,
    pending: manages && target.kind === 'work' ? (await repo.pendingOfWork(ctx.db, target.id)).length : 0,
  };
  if (query.thread !== undefined) {
    const head = await repo.findComment(ctx.db, query.thread);
    const onTarget = head && (target.kind === 'work' ? head.work_id : head.entry_id) === target.id;
    if (!head || !onTarget) throw notFound('Comment');
    const rows = await repo.threadsOf(ctx.db, who, [head.root_id ?? head.id]);
    const [root] = buildTrees(rows, viewer, [head.root_id ?? head.id]);
    const find = (c: ShownComment | undefined): ShownComment | undefined =>
      !c ? undefined : c.id === head.id ? c : c.children.map(find).find((x) => x !== undefined);
    const subtree = find(root);
    if (!subtree) throw notFound('Comment');
    return {
      ...base,
      mode: 'thread',
      comments: [subtree],
      page: 1,
      pages: 1,
      thread: { id: head.id, parentId: head.parent_id },
    };
  }
  if (query.view === 'flat') {
    const rows = await repo.allOf(ctx.db, who, scope);
    const roots = rows.filter((r) => r.parent_id === null).map((r) => r.id);
    const all = flatten(buildTrees(rows, viewer, roots)).sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
    );
    const pages = Math.max(1, Math.ceil(all.length / THREADS_PER_PAGE));
    const page = Math.min(query.page, pages);
    const slice = all.slice((page - 1) * THREADS_PER_PAGE, page * THREADS_PER_PAGE);
    return { ...base, mode: 'flat', comments: slice, page, pages };
  }
  const threads = counts.threads;
  const pages = Math.max(1, Math.ceil(threads / THREADS_PER_PAGE));
  const page = Math.min(query.page, pages);
  if (threads === 0) return { ...base, mode: 'threaded', comments: [], page, pages };
  const top = await repo.topLevelPage(ctx.db, who, scope, (page - 1) * THREADS_PER_PAGE, THREADS_PER_PAGE);
  const roots = top.map((r) => r.id);
  const rows = await repo.threadsOf(ctx.db, who, roots);
  return { ...base, mode: 'threaded', comments: buildTrees(rows, viewer, roots), page, pages };
}

/** "N comments" under each entry of a journal listing, as this viewer may see them. */
export async function entryCommentCounts(
  ctx: Ctx,
  viewer: Viewer | null,
  entryIds: number[],
): Promise<Map<number, number>> {
  return repo.countsOfEntries(ctx.db, await commentViewer(ctx.db, viewer), entryIds);
}
