import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { ValidationError } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { subscriptionFormSchema } from './subscriptions.schema.ts';
import { listSubscriptions, setSubscription, typeName } from './subscriptions.service.ts';
import { SubscriptionsPage } from './subscriptions.views.tsx';

/** Only a path on this site (never `//elsewhere`) is a place to go back to. */
export const safeBack = (back: string, fallback: string) =>
  back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/\\') ? back : fallback;

/** The subscriptions page and the Subscribe / Unsubscribe buttons' form. */
export function subscriptionRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/subscriptions', async (request, reply) => {
    const viewer = requireViewer(request);
    const subscriptions = await listSubscriptions(ctx, viewer);
    return sendPage(
      reply,
      <SubscriptionsPage page={pageContext(request, reply)} subscriptions={subscriptions} />,
    );
  });

  app.post('/subscriptions', async (request, reply) => {
    const viewer = requireViewer(request);
    const parsed = subscriptionFormSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw new ValidationError({ type: 'Choose what to subscribe to.' });
    const { type, id, subscribed, back } = parsed.data;
    const on = subscribed === '1';
    const shown = await setSubscription(ctx, viewer, { type, id }, on);
    const what = shown ? `“${shown.title}”` : `this ${typeName(type).toLowerCase()}`;
    return reply
      .flash(on ? `Subscribed to ${what}.` : `Unsubscribed from ${what}.`)
      .redirect(safeBack(back, '/subscriptions'), 303);
  });
}
