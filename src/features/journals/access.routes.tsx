import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { notFound } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import * as access from './access.service.ts';
import { AccessPage } from './journal-forms.views.tsx';
import { accessFilterSchema, usernameSchema } from './journals.schema.ts';

const HOME = '/account/access';
const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound();
  return id;
};
const names = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The access list (who may read my locked entries) and custom filters. */
export function accessRoutes(app: FastifyInstance, ctx: AppContext) {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    failed?: { errors: FieldErrors; status: number },
  ) {
    const list = await access.accessOf(ctx, viewer);
    return sendPage(
      reply,
      <AccessPage
        page={pageContext(request, reply)}
        {...list}
        values={failed ? keptValues(request.body) : {}}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  app.get(HOME, async (request, reply) => show(request, reply, requireViewer(request)));

  app.post(HOME, async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(usernameSchema, request.body, () =>
      access.grantAccess(ctx, viewer, request.body),
    );
    if (!outcome.ok) return show(request, reply, viewer, outcome);
    return reply.flash(`${outcome.result} may now read your access-list entries.`).redirect(HOME, 303);
  });

  app.post<{ Params: { username: string } }>(`${HOME}/:username/delete`, async (request, reply) => {
    const viewer = requireViewer(request);
    const username = await access.revokeAccess(ctx, viewer, request.params.username);
    return reply.flash(`${username} no longer has access.`).redirect(HOME, 303);
  });

  app.post('/account/access-filters', async (request, reply) => {
    const viewer = requireViewer(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = { name: body.name, members: names(body.members) };
    const outcome = await submitForm(accessFilterSchema, input, () => access.saveFilter(ctx, viewer, input));
    if (!outcome.ok) return show(request, reply, viewer, outcome);
    return reply.flash(`Filter “${outcome.result.name}” saved.`).redirect(HOME, 303);
  });

  app.post<{ Params: { id: string } }>('/account/access-filters/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    const name = await access.deleteFilter(ctx, viewer, idOf(request.params.id));
    return reply
      .flash(`Filter “${name}” deleted; entries shown through it are now private.`)
      .redirect(HOME, 303);
  });

  app.post<{ Params: { id: string; member: string } }>(
    '/account/access-filters/:id/members/:member/delete',
    async (request, reply) => {
      const viewer = requireViewer(request);
      await access.removeFromFilter(ctx, viewer, idOf(request.params.id), idOf(request.params.member));
      return reply.flash('Taken out of the filter.').redirect(HOME, 303);
    },
  );
}
