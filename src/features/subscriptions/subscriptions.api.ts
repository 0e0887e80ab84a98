import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { type SubscriptionType, SUBSCRIPTION_TYPES, subscriptionSchema } from './subscriptions.schema.ts';
import { listSubscriptions, setSubscription } from './subscriptions.service.ts';

const subscriptionOut = z.object({
  type: z.enum(SUBSCRIPTION_TYPES),
  id: z.number(),
  title: z.string(),
  url: z.string(),
});

/** Subscriptions as JSON: the same schema and service as the buttons. */
export function subscriptionsApi(api: ApiRegistry, ctx: AppContext) {
  const base = ctx.config.baseUrl;
  const present = (type: SubscriptionType, id: number, shown: { title: string; url: string }) => ({
    type,
    id,
    title: shown.title,
    url: `${base}${shown.url}`,
  });

  api.add({
    method: 'POST',
    path: '/subscriptions',
    summary:
      'Subscribe to a work, series, user (a creator), journal, forum thread or board: `{ "type", "id" }`; only to what you may see',
    tag: 'Subscriptions',
    auth: 'token',
    body: subscriptionSchema,
    status: 201,
    response: subscriptionOut,
    handler: async ({ viewer, body }) => {
      const shown = await setSubscription(ctx, viewer!, body, true);
      return present(body.type, body.id, shown!);
    },
  });

  api.add({
    method: 'DELETE',
    path: '/subscriptions',
    summary: 'Unsubscribe: `{ "type", "id" }` (nothing happens if you were not subscribed)',
    tag: 'Subscriptions',
    auth: 'token',
    body: subscriptionSchema,
    response: z.object({ type: z.enum(SUBSCRIPTION_TYPES), id: z.number(), subscribed: z.literal(false) }),
    handler: async ({ viewer, body }) => {
      await setSubscription(ctx, viewer!, body, false);
      return { type: body.type, id: body.id, subscribed: false as const };
    },
  });

  api.add({
    method: 'GET',
    path: '/me/subscriptions',
    summary: 'Everything you subscribe to that you may still see',
    tag: 'Subscriptions',
    auth: 'token',
    response: z.object({ subscriptions: z.array(subscriptionOut.extend({ since: z.string() })) }),
    handler: async ({ viewer }) => ({
      subscriptions: (await listSubscriptions(ctx, viewer!)).map((s) => ({
        ...present(s.type, s.id, s),
        since: s.since,
      })),
    }),
  });
}
