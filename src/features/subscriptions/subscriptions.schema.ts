import { z } from 'zod';

export const SUBSCRIPTION_TYPES = ['work', 'series', 'user', 'journal', 'thread', 'board'] as const;
export type SubscriptionType = (typeof SUBSCRIPTION_TYPES)[number];

/** What one subscribes to: the JSON API's body and the Subscribe buttons' form. */
export const subscriptionSchema = z.object({
  type: z.enum(SUBSCRIPTION_TYPES, {
    error: `Choose what to subscribe to: ${SUBSCRIPTION_TYPES.join(', ')}.`,
  }),
  id: z.coerce.number({ error: 'Give the id of what to subscribe to.' }).int().positive('Give a valid id.'),
});
export type SubscriptionInput = z.infer<typeof subscriptionSchema>;

/** The form adds whether to subscribe or unsubscribe and the page to go back to. */
export const subscriptionFormSchema = subscriptionSchema.extend({
  subscribed: z.enum(['0', '1']).default('1'),
  back: z.string().max(2000).default(''),
});
