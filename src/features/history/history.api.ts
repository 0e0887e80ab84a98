import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import * as history from './history.service.ts';

const readingOut = z.object({
  work: z.object({ id: z.number(), url: z.string(), title: z.string(), creators: z.array(z.string()) }),
  lastVisitedAt: z.string(),
  visits: z.number().describe('0: marked for later, not read yet'),
  chapterReached: z.number().describe('The furthest chapter position reached'),
  postedChapters: z.number(),
  markedForLater: z.boolean(),
  updatedSinceRead: z.boolean().describe('A chapter was posted since the last visit'),
});

const idOf = (value: string | undefined) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Work');
  return id;
};

/** The reader's history as JSON: list (filtered, paged), mark for later, remove, clear, switch. */
export function historyApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'GET',
    path: '/me/readings',
    summary:
      'Your reading history, newest visit first (20 a page; filter=later|updated); works you can no longer see are left out',
    tag: 'History',
    auth: 'token',
    query: history.readingsQuerySchema,
    response: z.object({
      total: z.number(),
      page: z.number(),
      pages: z.number(),
      enabled: z.boolean(),
      readings: z.array(readingOut),
    }),
    handler: async ({ viewer, query }) => {
      const data = await history.readingsPage(ctx, viewer!, query);
      return {
        total: data.total,
        page: data.page,
        pages: data.pages,
        enabled: data.enabled,
        readings: data.items.map((item) => ({
          work: {
            id: item.work.id,
            url: `${ctx.config.baseUrl}/works/${item.work.id}`,
            title: item.work.title,
            creators: item.work.creators.map((c) => c.pseud),
          },
          lastVisitedAt: item.lastVisitedAt,
          visits: item.visits,
          chapterReached: item.chapterReached,
          postedChapters: item.work.posted_chapters,
          markedForLater: item.later,
          updatedSinceRead: item.updatedSinceRead,
        })),
      };
    },
  });
  api.add({
    method: 'POST',
    path: '/me/readings/:workId/later',
    summary: 'Mark a work for later (kept even while your history is off)',
    tag: 'History',
    auth: 'token',
    response: z.object({ workId: z.number(), markedForLater: z.boolean() }),
    handler: async ({ viewer, params }) => {
      const work = await history.markForLater(ctx, viewer!, idOf(params.workId));
      return { workId: work.id, markedForLater: true };
    },
  });
  api.add({
    method: 'DELETE',
    path: '/me/readings/:workId/later',
    summary: 'Unmark a work marked for later',
    tag: 'History',
    auth: 'token',
    response: z.object({ workId: z.number(), markedForLater: z.boolean() }),
    handler: async ({ viewer, params }) => {
      const workId = idOf(params.workId);
      await history.unmarkForLater(ctx, viewer!, workId);
      return { workId, markedForLater: false };
    },
  });
  api.add({
    method: 'DELETE',
    path: '/me/readings/:workId',
    summary: 'Remove one work from your history',
    tag: 'History',
    auth: 'token',
    response: z.object({ deleted: z.boolean() }),
    handler: async ({ viewer, params }) => {
      await history.removeReading(ctx, viewer!, idOf(params.workId));
      return { deleted: true };
    },
  });
  api.add({
    method: 'DELETE',
    path: '/me/readings',
    summary: 'Clear your whole history',
    tag: 'History',
    auth: 'token',
    response: z.object({ deleted: z.number() }),
    handler: async ({ viewer }) => ({ deleted: await history.clearHistory(ctx, viewer!) }),
  });
  api.add({
    method: 'PUT',
    path: '/me/readings/settings',
    summary: 'Switch your history on or off (off: nothing new is recorded; kept readings stay)',
    tag: 'History',
    auth: 'token',
    body: z.object({ enabled: z.boolean() }),
    response: z.object({ enabled: z.boolean() }),
    handler: async ({ viewer, body }) => {
      await history.setHistoryEnabled(ctx, viewer!, body.enabled);
      return { enabled: body.enabled };
    },
  });
}
