import type { AppContext } from '../../context.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import * as repo from './inbox.repository.ts';
import type { InboxQuery } from './notifications.schema.ts';

type Ctx = Pick<AppContext, 'db'>;
export const INBOX_PAGE = 25;

/** One page of the viewer's inbox, newest first, with what the page needs to show around it. */
export async function inboxPage(ctx: Ctx, viewer: Viewer, query: InboxQuery) {
  const filter = { kind: query.kind, unreadOnly: query.unread };
  const [total, unread] = await Promise.all([
    repo.countInbox(ctx.db, viewer.id, filter),
    repo.countInbox(ctx.db, viewer.id, { unreadOnly: true }),
  ]);
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE));
  const page = Math.min(query.page, pages);
  const notices = await repo.listInbox(ctx.db, viewer.id, {
    ...filter,
    limit: INBOX_PAGE,
    offset: (page - 1) * INBOX_PAGE,
  });
  return { notices, total, unread, page, pages, query };
}
export type InboxPageData = Awaited<ReturnType<typeof inboxPage>>;

/** Marks notices (or, with `ids` null, all) read or unread; returns how many changed. */
export function markNotices(ctx: Ctx, viewer: Viewer, ids: number[] | null, read: boolean) {
  return repo.markRead(ctx.db, viewer.id, ids, read, nowIso());
}

export async function deleteNotice(ctx: Ctx, viewer: Viewer, id: number) {
  if ((await repo.deleteNotices(ctx.db, viewer.id, [id])) === 0) throw notFound('Notification');
}

/** Opening a notice marks it read and leads to what it is about. */
export async function openNotice(ctx: Ctx, viewer: Viewer, id: number): Promise<string> {
  const row = await ctx.db
    .selectFrom('notifications')
    .select(['url', 'read_at'])
    .where('id', '=', id)
    .where('user_id', '=', viewer.id)
    .executeTakeFirst();
  if (!row) throw notFound('Notification');
  if (!row.read_at) await repo.markRead(ctx.db, viewer.id, [id], true, nowIso());
  return row.url;
}

export { countUnread } from './inbox.repository.ts';
