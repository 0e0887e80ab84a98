import type { AppContext } from '../../context.ts';
import { notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import {
  setSubscribed as setForumSubscription,
  isSubscribed as forumSubscribed,
} from '../forums/subscriptions.ts';
import {
  isSubscribed as journalSubscribed,
  subscribe as setJournalSubscription,
} from '../journals/access.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { boardRights } from '../visibility/forum-visibility.ts';
import { visibleWorks } from '../visibility/visibility.ts';
import * as repo from './subscriptions.repository.ts';
import type { SubscriptionInput, SubscriptionType } from './subscriptions.schema.ts';

type Ctx = Pick<AppContext, 'db'>;

/** One subscription as listed: what it is, its name, where it lives. */
export interface Subscription {
  type: SubscriptionType;
  id: number;
  title: string;
  url: string;
  since: string;
}

const TYPE_NAMES: Record<SubscriptionType, string> = {
  work: 'Work',
  series: 'Series',
  user: 'Creator',
  journal: 'Journal',
  thread: 'Thread',
  board: 'Board',
};
export const typeName = (type: SubscriptionType) => TYPE_NAMES[type];

/** The thing subscribed to, if this viewer may see it; otherwise not found (as its page would say). */
async function visibleTarget(ctx: Ctx, viewer: Viewer, { type, id }: SubscriptionInput) {
  const db = ctx.db;
  switch (type) {
    case 'work': {
      const work = await db
        .selectFrom('works')
        .select(['id', 'title'])
        .where('id', '=', id)
        .where((eb) => visibleWorks(eb, viewer))
        .executeTakeFirst();
      if (!work) throw notFound('Work');
      return { title: work.title, url: `/works/${id}` };
    }
    case 'series': {
      const series = await db
        .selectFrom('series')
        .select(['id', 'title'])
        .where('id', '=', id)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('serial_works')
              .innerJoin('works', 'works.id', 'serial_works.work_id')
              .select('works.id')
              .whereRef('serial_works.series_id', '=', 'series.id')
              .where((w) => visibleWorks(w, viewer)),
          ),
        )
        .executeTakeFirst();
      if (!series) throw notFound('Series');
      return { title: series.title, url: `/series/${id}` };
    }
    case 'user': {
      const user = await db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('id', '=', id)
        .where('is_system', '=', 0)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (!user) throw notFound('User');
      if (user.id === viewer.id) throw new ValidationError({ id: 'You cannot subscribe to yourself.' });
      return { title: user.username, url: `/users/${encodeURIComponent(user.username)}` };
    }
    case 'journal': {
      const journal = await db
        .selectFrom('journals')
        .leftJoin('users', 'users.id', 'journals.owner_id')
        .select([
          'journals.id',
          'journals.title',
          (eb) => eb.fn.coalesce('users.username', 'journals.name').as('name'),
        ])
        .where('journals.id', '=', id)
        .executeTakeFirst();
      if (!journal) throw notFound('Journal');
      return { title: journal.title, url: `/journals/${encodeURIComponent(journal.name ?? '')}` };
    }
    case 'thread':
    case 'board': {
      const row =
        type === 'thread'
          ? await db
              .selectFrom('threads')
              .innerJoin('boards', 'boards.id', 'threads.board_id')
              .select([
                'threads.title as title',
                'threads.starter_id',
                'threads.last_post_number',
                'boards.access',
                'boards.community_id',
                'boards.moderated',
              ])
              .where('threads.id', '=', id)
              .executeTakeFirst()
          : await db
              .selectFrom('boards')
              .select(['name as title', 'access', 'community_id', 'moderated'])
              .where('id', '=', id)
              .executeTakeFirst()
              .then((b) => b && { ...b, starter_id: null, last_post_number: 1 });
      if (!row) throw notFound(typeName(type));
      const rights = await boardRights(db, viewer, row);
      const opened = row.last_post_number > 0 || rights.moderate || row.starter_id === viewer.id;
      if (!rights.see || !opened) throw notFound(typeName(type));
      return { title: row.title, url: `/forums/${type}s/${id}` };
    }
  }
}

/** Subscribes (or unsubscribes): one may subscribe only to what one may see. */
export async function setSubscription(ctx: Ctx, viewer: Viewer, target: SubscriptionInput, on: boolean) {
  const shown = on ? await visibleTarget(ctx, viewer, target) : null;
  switch (target.type) {
    case 'work':
    case 'series':
    case 'user':
      await repo.setCoreSubscription(ctx.db, viewer.id, target.type, target.id, on);
      break;
    case 'journal':
      await setJournalSubscription(ctx, viewer, target.id, on);
      break;
    case 'thread':
    case 'board':
      if (on) await setForumSubscription(ctx, viewer, { [target.type]: target.id } as never, true);
      else
        await ctx.db
          .deleteFrom('forum_subscriptions')
          .where('user_id', '=', viewer.id)
          .where(target.type === 'board' ? 'board_id' : 'thread_id', '=', target.id)
          .execute();
      break;
  }
  return shown;
}

export async function isSubscribed(ctx: Ctx, viewer: Viewer | null, target: SubscriptionInput) {
  if (!viewer) return false;
  switch (target.type) {
    case 'work':
    case 'series':
    case 'user':
      return repo.hasCoreSubscription(ctx.db, viewer.id, target.type, target.id);
    case 'journal':
      return journalSubscribed(ctx, viewer, target.id);
    case 'thread':
      return forumSubscribed(ctx, viewer, { thread: target.id });
    case 'board':
      return forumSubscribed(ctx, viewer, { board: target.id });
  }
}

/**
 * Everything this viewer subscribes to that they may still see (a work since hidden, a board they
 * left, drop out of the list; the subscription stays, harmless, since notices check again).
 */
export async function listSubscriptions(ctx: Ctx, viewer: Viewer): Promise<Subscription[]> {
  const core = await repo.coreSubscriptions(ctx.db, viewer.id);
  const journals = await ctx.db
    .selectFrom('journal_subscriptions')
    .select(['journal_id as target_id', 'created_at'])
    .where('reader_id', '=', viewer.id)
    .execute();
  const forums = await ctx.db
    .selectFrom('forum_subscriptions')
    .select(['board_id', 'thread_id', 'created_at'])
    .where('user_id', '=', viewer.id)
    .execute();
  const all: { type: SubscriptionType; id: number; since: string }[] = [
    ...core.map((s) => ({ type: s.target_type as SubscriptionType, id: s.target_id, since: s.created_at })),
    ...journals.map((s) => ({ type: 'journal' as const, id: s.target_id, since: s.created_at })),
    ...forums.map((s) =>
      s.thread_id !== null
        ? { type: 'thread' as const, id: s.thread_id, since: s.created_at }
        : { type: 'board' as const, id: s.board_id!, since: s.created_at },
    ),
  ];
  const listed: Subscription[] = [];
  for (const s of all) {
    try {
      const shown = await visibleTarget(ctx, viewer, s);
      listed.push({ ...s, since: String(s.since), ...shown });
    } catch (error) {
      // Not (or no longer) visible to this viewer: not listed.
      if (!(error instanceof QuireError)) throw error;
    }
  }
  const order = (t: SubscriptionType) => Object.keys(TYPE_NAMES).indexOf(t);
  return listed.sort((a, b) => order(a.type) - order(b.type) || a.title.localeCompare(b.title));
}
