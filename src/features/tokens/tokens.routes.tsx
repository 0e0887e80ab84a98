import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { createToken, listTokens, revokeToken, tokenNameSchema } from './tokens.service.ts';

const tokenInfo = z.object({
  id: z.number(),
  name: z.string(),
  hint: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});

export function tokenRoutes(app: FastifyInstance, ctx: AppContext, api: ApiRegistry) {
  app.post('/account/tokens', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(tokenNameSchema, request.body, (data) =>
      createToken(ctx, viewer.id, data.name),
    );
    if (!outcome.ok) {
      return app.accountPage(
        request,
        reply,
        { form: 'token', values: keptValues(request.body), errors: outcome.errors },
        outcome.status,
      );
    }
    // Shown once, on this response only; never stored in a cookie or a URL.
    reply.header('cache-control', 'no-store');
    return app.accountPage(request, reply, { newToken: outcome.result.token });
  });

  app.post('/account/tokens/:id/revoke', async (request, reply) => {
    const viewer = requireViewer(request);
    await revokeToken(ctx, viewer.id, Number((request.params as { id: string }).id));
    return reply.flash('The token has been revoked.').redirect('/account#tokens', 303);
  });

  api.add({
    method: 'GET',
    path: '/tokens',
    summary: 'List your live personal access tokens',
    tag: 'Account',
    auth: 'token',
    response: z.object({ tokens: z.array(tokenInfo) }),
    handler: async ({ viewer }) => ({
      tokens: (await listTokens(ctx, viewer!.id)).map((t) => ({
        id: t.id,
        name: t.name,
        hint: t.token_hint,
        created_at: t.created_at,
        last_used_at: t.last_used_at,
      })),
    }),
  });

  api.add({
    method: 'DELETE',
    path: '/tokens/:id',
    summary: 'Revoke one of your tokens',
    tag: 'Account',
    auth: 'token',
    response: z.object({ revoked: z.literal(true) }),
    handler: async ({ viewer, params }) => {
      await revokeToken(ctx, viewer!.id, Number(params.id));
      return { revoked: true as const };
    },
  });
}
