import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { postReportQueue, resolvePostReport } from './post-reports.service.ts';
import { reportQueue, requireModerator, resolveReport } from './report-queue.service.ts';
import { filePostReport, fileReport } from './reports.service.ts';
import { apiReportSchema, REPORT_REASONS, RESOLUTIONS, resolveSchema } from './reports.schema.ts';

const reasons = Object.keys(REPORT_REASONS) as [string, ...string[]];

const idParam = (raw: string | undefined) => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw notFound('Report');
  return id;
};

const resolved = z.object({ action: z.enum(RESOLUTIONS), resolved: z.number(), label: z.string() });

export function reportsApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'POST',
    path: '/reports',
    summary:
      'Report a work, a journal entry, a comment or a forum post you can see (`reason`: spam, harassment, plagiarism, untagged, other; `details` up to 2,000 characters). Reporting the same thing again while your report is open answers the same report (`created: false`). Forum posts go to their board’s moderators.',
    tag: 'Reports',
    auth: 'token',
    body: apiReportSchema,
    status: 201,
    response: z.object({
      id: z.number(),
      type: z.enum(['work', 'entry', 'comment', 'post']),
      targetId: z.number(),
      created: z.boolean(),
    }),
    handler: async ({ viewer, body }) => {
      if (body.type === 'post') {
        const filed = await filePostReport(ctx, viewer!, body);
        return { id: filed.id, type: 'post' as const, targetId: body.id, created: filed.created };
      }
      const { report, created } = await fileReport(ctx, viewer!, { ...body, type: body.type });
      return { id: report.id, type: report.target_type, targetId: report.target_id, created };
    },
  });

  api.add({
    method: 'GET',
    path: '/admin/reports',
    summary:
      'Moderators: open reports grouped by what they report (`reports`), and open reports on forum posts of boards you moderate (`postReports`)',
    tag: 'Reports',
    auth: 'token',
    response: z.object({
      reports: z.array(
        z.object({
          id: z.number(),
          type: z.enum(['work', 'entry', 'comment']),
          targetId: z.number(),
          count: z.number(),
          target: z.object({
            exists: z.boolean(),
            readable: z.boolean(),
            label: z.string(),
            url: z.string().nullable(),
            excerpt: z.string(),
            hidden: z.boolean(),
          }),
          authors: z.array(z.string()),
          reports: z.array(
            z.object({
              id: z.number(),
              reporter: z.string(),
              reason: z.enum(reasons),
              details: z.string(),
              createdAt: z.string(),
            }),
          ),
        }),
      ),
      postReports: z.array(
        z.object({
          id: z.number(),
          postId: z.number(),
          label: z.string(),
          url: z.string(),
          excerpt: z.string(),
          author: z.string(),
          reports: z.array(
            z.object({ id: z.number(), reporter: z.string(), reason: z.string(), createdAt: z.string() }),
          ),
        }),
      ),
    }),
    handler: async ({ viewer }) => {
      requireModerator(viewer!);
      const groups = await reportQueue(ctx, viewer!);
      return {
        reports: groups.map(({ reasons: _tally, ...g }) => g),
        postReports: await postReportQueue(ctx, viewer!),
      };
    },
  });

  api.add({
    method: 'POST',
    path: '/admin/reports/:id/resolve',
    summary:
      'Moderators: answer every open report of one thing (named by any of its reports): `hide` it, `warn` its author (a recorded warning and an e-mail; `note` is its text), or `dismiss`. Written to the audit log.',
    tag: 'Reports',
    auth: 'token',
    body: resolveSchema,
    response: resolved,
    handler: ({ viewer, params, body }) => resolveReport(ctx, viewer!, idParam(params.id), body),
  });

  api.add({
    method: 'POST',
    path: '/admin/post-reports/:id/resolve',
    summary:
      'Board moderators: answer the open reports of a forum post the same way (`hide`, `warn`, `dismiss`).',
    tag: 'Reports',
    auth: 'token',
    body: resolveSchema,
    response: resolved,
    handler: async ({ viewer, params, body }) => {
      requireModerator(viewer!);
      return resolvePostReport(ctx, viewer!, idParam(params.id), body);
    },
  });
}
