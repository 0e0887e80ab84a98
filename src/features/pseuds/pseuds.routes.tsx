import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { getProfile } from '../profiles/profiles.service.ts';
import { pseudSchema } from './pseuds.schema.ts';
import * as pseuds from './pseuds.service.ts';
import { PseudFormPage, PseudsPage } from './pseuds.views.tsx';

type IdParams = { Params: { id: string } };
const backToList = (username: string) => `/users/${encodeURIComponent(username)}/pseuds`;

export function pseudRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<{ Params: { username: string } }>('/users/:username/pseuds', async (request, reply) => {
    const profile = await getProfile(ctx, request.params.username);
    return sendPage(
      reply,
      <PseudsPage
        page={pageContext(request, reply)}
        username={profile.user.username}
        pseuds={profile.pseuds}
      />,
    );
  });

  app.get('/account/pseuds/new', async (request, reply) => {
    requireViewer(request);
    return sendPage(reply, <PseudFormPage page={pageContext(request, reply)} />);
  });

  app.post('/account/pseuds/new', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(pseudSchema, request.body, (data) =>
      pseuds.createPseud(ctx, viewer.id, data),
    );
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <PseudFormPage page={page} values={keptValues(request.body)} errors={outcome.errors} />,
        outcome.status,
      );
    }
    return reply.flash(`Pseud “${outcome.result.name}” created.`).redirect(backToList(viewer.username), 303);
  });

  app.get<IdParams>('/account/pseuds/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const pseud = await pseuds.ownPseud(ctx, viewer.id, Number(request.params.id));
    const values = { name: pseud.name, description: pseud.description };
    return sendPage(
      reply,
      <PseudFormPage page={pageContext(request, reply)} pseudId={pseud.id} values={values} />,
    );
  });

  app.post<IdParams>('/account/pseuds/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const id = Number(request.params.id);
    const outcome = await submitForm(pseudSchema, request.body, (data) =>
      pseuds.updatePseud(ctx, viewer.id, id, data),
    );
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <PseudFormPage page={page} pseudId={id} values={keptValues(request.body)} errors={outcome.errors} />,
        outcome.status,
      );
    }
    return reply.flash('Pseud saved.').redirect(backToList(viewer.username), 303);
  });

  app.post<IdParams>('/account/pseuds/:id/default', async (request, reply) => {
    const viewer = requireViewer(request);
    await pseuds.makeDefaultPseud(ctx, viewer.id, Number(request.params.id));
    return reply.flash('Default pseud changed.').redirect(backToList(viewer.username), 303);
  });

  app.post<IdParams>('/account/pseuds/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    await pseuds.deletePseud(ctx, viewer.id, Number(request.params.id));
    return reply.flash('Pseud deleted.').redirect(backToList(viewer.username), 303);
  });
}
