import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { kudosGivers, kudosSummary, leaveKudos } from './kudos.service.ts';

const kudosOut = z.object({
  workId: z.number(),
  count: z.number().describe('Kudos shown to you (accounts you muted are left out), guests included'),
  users: z.array(z.string()).describe('Accounts that left kudos, first first (without those you muted)'),
  guests: z.number(),
});

const idParam = (value: string | undefined) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Work');
  return id;
};

/** Kudos as JSON: the same service and rules as the "Kudos ♥" button. */
export function kudosApi(api: ApiRegistry, ctx: AppContext) {
  type Summary = Awaited<ReturnType<typeof kudosGivers>>;
  const present = (workId: number, summary: Summary) => {
    return {
      workId,
      count: summary.users.length + summary.guests,
      users: summary.users.map((u) => u.username),
      guests: summary.guests,
    };
  };
  api.add({
    method: 'GET',
    path: '/works/:id/kudos',
    summary: 'Who left kudos on a work you may see',
    tag: 'Kudos',
    auth: 'optional',
    response: kudosOut,
    handler: async ({ viewer, params }) => {
      const workId = idParam(params.id);
      return present(workId, await kudosSummary(ctx, viewer, workId));
    },
  });
  api.add({
    method: 'POST',
    path: '/works/:id/kudos',
    summary:
      'Leave kudos on a work: once per account, not on your own work, not where a creator blocked you (409 `already_left` the second time)',
    tag: 'Kudos',
    auth: 'token',
    status: 201,
    response: kudosOut,
    handler: async ({ viewer, params, request }) => {
      const workId = idParam(params.id);
      await leaveKudos(ctx, viewer, workId, { ip: request.ip, userAgent: request.headers['user-agent'] });
      // leaveKudos has just checked that this viewer may see the work.
      return present(workId, await kudosGivers(ctx, viewer, workId));
    },
  });
}
