import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { notFound } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, zodFieldErrors } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { safeBack } from '../subscriptions/subscriptions.routes.tsx';
import { deleteNotice, inboxPage, markNotices, openNotice } from './inbox.service.ts';
import { InboxPage, PreferencesPage } from './inbox.views.tsx';
import { inboxQuerySchema, preferencesSchema } from './notifications.schema.ts';
import { preferencesOf, savePreferences } from './preferences.ts';

type IdParams = { Params: { id: string } };
const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Notification');
  return id;
};
const field = (request: FastifyRequest, name: string) =>
  (request.body as Record<string, string | undefined> | undefined)?.[name] ?? '';
const back = (request: FastifyRequest) => safeBack(field(request, 'back'), '/inbox');

/** The inbox page, its buttons, and the e-mail preferences page. */
export function inboxRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/inbox', async (request, reply) => {
    const viewer = requireViewer(request);
    const data = await inboxPage(ctx, viewer, inboxQuerySchema.parse(request.query ?? {}));
    return sendPage(reply, <InboxPage page={pageContext(request, reply)} data={data} />);
  });

  app.get<IdParams>('/inbox/:id/open', async (request, reply) => {
    const viewer = requireViewer(request);
    return reply.redirect(await openNotice(ctx, viewer, idOf(request.params.id)), 303);
  });

  app.post<IdParams>('/inbox/:id/read', async (request, reply) => {
    const viewer = requireViewer(request);
    const read = field(request, 'read') !== '0';
    const changed = await markNotices(ctx, viewer, [idOf(request.params.id)], read);
    if (changed > 0) reply.flash(read ? 'Marked read.' : 'Marked unread.');
    return reply.redirect(back(request), 303);
  });

  app.post<IdParams>('/inbox/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    await deleteNotice(ctx, viewer, idOf(request.params.id));
    return reply.flash('Notification deleted.').redirect(back(request), 303);
  });

  app.post('/inbox/read-all', async (request, reply) => {
    const viewer = requireViewer(request);
    const changed = await markNotices(ctx, viewer, null, true);
    return reply
      .flash(changed === 1 ? 'One notification marked read.' : `${changed} notifications marked read.`)
      .redirect(back(request), 303);
  });

  const showPreferences = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors?: FieldErrors,
  ) =>
    sendPage(
      reply,
      <PreferencesPage page={pageContext(request, reply)} values={values} errors={errors} />,
      errors ? 422 : 200,
    );

  app.get('/inbox/preferences', async (request, reply) => {
    const viewer = requireViewer(request);
    return showPreferences(request, reply, await preferencesOf(ctx.db, viewer.id));
  });

  app.post('/inbox/preferences', async (request, reply) => {
    const viewer = requireViewer(request);
    const parsed = preferencesSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const current = await preferencesOf(ctx.db, viewer.id);
      return showPreferences(
        request,
        reply,
        { ...current, ...keptValues(request.body) },
        zodFieldErrors(parsed.error),
      );
    }
    await savePreferences(ctx.db, viewer.id, parsed.data);
    return reply.flash('Preferences saved.').redirect('/inbox/preferences', 303);
  });
}
