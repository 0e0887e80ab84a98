import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { ROLES } from '../../db/schema.ts';
import { forbidden, ValidationError } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { listUsers } from '../accounts/accounts.repository.ts';
import { setDisabled, setRole } from '../accounts/accounts.service.ts';
import { AdminUsersPage } from './admin.views.tsx';

const PAGE_SIZE = 50;
const roleSchema = z.object({ role: z.enum(ROLES as [string, ...string[]], { error: 'Choose a role.' }) });

function requireAdmin(request: FastifyRequest) {
  const viewer = requireViewer(request);
  if (viewer.role !== 'admin') throw forbidden('Only administrators can manage accounts.');
  return viewer;
}

type UserParams = { Params: { username: string } };

export function adminRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/admin/users', async (request, reply) => {
    requireAdmin(request);
    const query = request.query as Record<string, string | undefined>;
    const q = (query.q ?? '').trim().slice(0, 40);
    const pageNumber = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const users = await listUsers(ctx.db, {
      query: q || undefined,
      limit: PAGE_SIZE + 1,
      offset: (pageNumber - 1) * PAGE_SIZE,
    });
    return sendPage(
      reply,
      <AdminUsersPage
        page={pageContext(request, reply)}
        users={users.slice(0, PAGE_SIZE)}
        q={q}
        pageNumber={pageNumber}
        hasMore={users.length > PAGE_SIZE}
      />,
    );
  });

  app.post<UserParams>('/admin/users/:username/role', async (request, reply) => {
    requireAdmin(request);
    const parsed = roleSchema.safeParse(request.body);
    if (!parsed.success) throw new ValidationError({ role: 'Choose a role.' });
    const user = await setRole(ctx, request.params.username, parsed.data.role as (typeof ROLES)[number]);
    return reply
      .flash(`${user.username} is now ${parsed.data.role.replace('_', ' ')}.`)
      .redirect('/admin/users', 303);
  });

  app.post<UserParams>('/admin/users/:username/disable', async (request, reply) => {
    requireAdmin(request);
    const user = await setDisabled(ctx, request.params.username, true);
    return reply.flash(`${user.username} has been disabled and logged out.`).redirect('/admin/users', 303);
  });

  app.post<UserParams>('/admin/users/:username/enable', async (request, reply) => {
    requireAdmin(request);
    const user = await setDisabled(ctx, request.params.username, false);
    return reply.flash(`${user.username} has been enabled.`).redirect('/admin/users', 303);
  });
}
