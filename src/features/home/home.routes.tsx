import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { signupSchema } from '../accounts/accounts.schema.ts';
import { logIn } from '../accounts/accounts.routes.tsx';
import { createFirstAdmin, needsFirstAdmin } from '../accounts/accounts.service.ts';
import { FirstRunPage, HomePage } from './home.views.tsx';

export function homeRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/', async (request, reply) => {
    const page = pageContext(request, reply);
    if (await needsFirstAdmin(ctx)) return sendPage(reply, <FirstRunPage page={page} />);
    return sendPage(reply, <HomePage page={page} />);
  });

  app.post('/setup', async (request, reply) => {
    const outcome = await submitForm(signupSchema, request.body, (data) => createFirstAdmin(ctx, data));
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <FirstRunPage page={page} values={keptValues(request.body)} errors={outcome.errors} />,
        outcome.status,
      );
    }
    await logIn(ctx, request, reply, outcome.result.id, false);
    return reply
      .flash(`Quire is ready. You are the administrator, ${outcome.result.username}.`)
      .redirect('/', 303);
  });
}
