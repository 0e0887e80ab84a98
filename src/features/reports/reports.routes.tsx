import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { type FieldErrors, notFound } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { auditLog, auditModerators } from './audit-log.ts';
import { AuditLogPage, ReportQueuePage } from './moderation.views.tsx';
import { postReportQueue, resolvePostReport } from './post-reports.service.ts';
import { reportQueue, requireModerator, resolveReport } from './report-queue.service.ts';
import { fileReport, reportableTarget } from './reports.service.ts';
import { reportSchema, resolveSchema } from './reports.schema.ts';
import { ReportFormPage } from './reports.views.tsx';

type IdParams = { Params: { id: string } };

const targetQuery = z.object({
  type: z.enum(['work', 'entry', 'comment']),
  id: z.coerce.number().int().positive(),
});

const auditQuery = z.object({
  moderator: z.string().trim().max(100).optional().catch(undefined),
  action: z.enum(['hide', 'unhide', 'warn', 'dismiss']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const idOf = (raw: string) => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw notFound('Report');
  return id;
};

/** Reporting (signed-in readers), the moderators' queue and the audit log. */
export function reportRoutes(app: FastifyInstance, ctx: AppContext) {
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    raw: unknown,
    values: Record<string, string> = {},
    failed?: { errors: FieldErrors; status: number },
  ) {
    const viewer = requireViewer(request);
    const parsed = targetQuery.safeParse(raw);
    if (!parsed.success) throw notFound('Page');
    const target = await reportableTarget(ctx, viewer, parsed.data.type, parsed.data.id);
    return sendPage(
      reply,
      <ReportFormPage
        page={pageContext(request, reply)}
        type={parsed.data.type}
        id={parsed.data.id}
        target={target}
        values={values}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  app.get('/reports/new', (request, reply) => showForm(request, reply, request.query));

  app.post('/reports', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(reportSchema, request.body, (input) => fileReport(ctx, viewer, input));
    if (!outcome.ok) return showForm(request, reply, request.body, keptValues(request.body), outcome);
    const { created, target } = outcome.result;
    return reply
      .flash(
        created
          ? `Thank you: your report of ${target.label} was sent to the moderators.`
          : `You have reported ${target.label} already. The moderators will look at it.`,
      )
      .redirect(target.url, 303);
  });

  async function showQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { action: string; errors: FieldErrors; status: number },
  ) {
    const viewer = requireModerator(requireViewer(request));
    const [groups, posts] = [await reportQueue(ctx, viewer), await postReportQueue(ctx, viewer)];
    reply.header('cache-control', 'private, no-store');
    return sendPage(
      reply,
      <ReportQueuePage page={pageContext(request, reply)} groups={groups} posts={posts} failed={failed} />,
      failed?.status ?? 200,
    );
  }

  app.get('/admin/reports', (request, reply) => showQueue(request, reply));

  const verb = { hide: 'Hidden', warn: 'Warned the author of', dismiss: 'Dismissed the reports of' } as const;

  for (const [path, resolve] of [
    ['/admin/reports/:id/resolve', resolveReport],
    ['/admin/reports/posts/:id/resolve', resolvePostReport],
  ] as const) {
    app.post<IdParams>(path, async (request, reply) => {
      const viewer = requireModerator(requireViewer(request));
      const id = idOf(request.params.id);
      const outcome = await submitForm(resolveSchema, request.body, () =>
        resolve(ctx, viewer, id, request.body),
      );
      if (!outcome.ok) return showQueue(request, reply, { action: request.url, ...outcome });
      const { action, label } = outcome.result;
      return reply.flash(`${verb[action]}: ${label}.`).redirect('/admin/reports', 303);
    });
  }

  app.get('/admin/audit', async (request, reply) => {
    requireModerator(requireViewer(request));
    const q = auditQuery.parse(request.query ?? {});
    const filter = { moderator: q.moderator || undefined, action: q.action, page: q.page };
    const { rows, hasMore } = await auditLog(ctx.db, filter);
    reply.header('cache-control', 'private, no-store');
    return sendPage(
      reply,
      <AuditLogPage
        page={pageContext(request, reply)}
        rows={rows}
        filter={filter}
        moderators={await auditModerators(ctx.db)}
        hasMore={hasMore}
      />,
    );
  });
}
