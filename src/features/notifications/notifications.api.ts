import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { deleteNotice, inboxPage, markNotices } from './inbox.service.ts';
import { inboxQuerySchema, markSchema, preferencesSchema } from './notifications.schema.ts';
import { DELIVERIES, NOTICE_KINDS, preferencesOf, savePreferences } from './preferences.ts';

const noticeOut = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  excerpt: z.string(),
  actor: z.string().nullable(),
  url: z.string(),
  notifiedAt: z.string(),
  read: z.boolean(),
});
const deliveries = DELIVERIES.map((d) => d.value) as ['inbox', 'immediate', 'digest'];
const preferencesOut = z.object(
  Object.fromEntries(NOTICE_KINDS.map((k) => [k.kind, z.enum(deliveries)])) as Record<
    string,
    z.ZodEnum<{ inbox: 'inbox'; immediate: 'immediate'; digest: 'digest' }>
  >,
);

/** The inbox and the e-mail preferences as JSON. */
export function notificationsApi(api: ApiRegistry, ctx: AppContext) {
  const base = ctx.config.baseUrl;

  api.add({
    method: 'GET',
    path: '/me/inbox',
    summary: 'Your notifications, newest first, 25 a page; `kind` and `unread=1` filter',
    tag: 'Notifications',
    auth: 'token',
    query: inboxQuerySchema,
    response: z.object({
      notifications: z.array(noticeOut),
      page: z.number(),
      pages: z.number(),
      total: z.number(),
      unread: z.number(),
    }),
    handler: async ({ viewer, query }) => {
      const data = await inboxPage(ctx, viewer!, query);
      return {
        notifications: data.notices.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          excerpt: n.excerpt,
          actor: n.actor,
          url: `${base}${n.url}`,
          notifiedAt: n.notified_at,
          read: n.read_at !== null,
        })),
        page: data.page,
        pages: data.pages,
        total: data.total,
        unread: data.unread,
      };
    },
  });

  api.add({
    method: 'POST',
    path: '/me/inbox/read',
    summary:
      'Mark notifications read (or unread with `"read": false`): `{ "ids": [...] }` or `{ "all": true }`',
    tag: 'Notifications',
    auth: 'token',
    body: markSchema,
    response: z.object({ changed: z.number() }),
    handler: async ({ viewer, body }) => ({
      changed: await markNotices(ctx, viewer!, body.all ? null : (body.ids ?? []), body.read),
    }),
  });

  api.add({
    method: 'DELETE',
    path: '/me/inbox/:id',
    summary: 'Delete one of your notifications',
    tag: 'Notifications',
    auth: 'token',
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ viewer, params }) => {
      const id = Number(params.id);
      if (!Number.isInteger(id) || id < 1) throw notFound('Notification');
      await deleteNotice(ctx, viewer!, id);
      return { deleted: true as const };
    },
  });

  api.add({
    method: 'GET',
    path: '/me/notification-preferences',
    summary: 'How you hear of each kind of event: inbox, immediate (an e-mail at once) or digest (daily)',
    tag: 'Notifications',
    auth: 'token',
    response: preferencesOut,
    handler: async ({ viewer }) => preferencesOf(ctx.db, viewer!.id),
  });

  api.add({
    method: 'PUT',
    path: '/me/notification-preferences',
    summary: 'Change how you hear of some kinds of event (kinds left out keep their setting)',
    tag: 'Notifications',
    auth: 'token',
    body: preferencesSchema,
    response: preferencesOut,
    handler: async ({ viewer, body }) => {
      await savePreferences(ctx.db, viewer!.id, body);
      return preferencesOf(ctx.db, viewer!.id);
    },
  });
}
