import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import type { Relation } from './blocks.repository.ts';
import { listRelated, relate, unrelate } from './blocking.service.ts';

const person = z.object({ username: z.string(), since: z.string() });
const WHAT: Record<Relation, string> = {
  block: 'they cannot comment on, reply to, leave kudos on or gift anything of yours',
  mute: 'their works are left out of every listing, search and count you see',
};

/** Blocks and mutes as JSON: POST to block or mute, DELETE to undo, GET your lists. */
export function blockingApi(api: ApiRegistry, ctx: AppContext) {
  for (const relation of ['block', 'mute'] as Relation[]) {
    const flag = relation === 'block' ? 'blocked' : 'muted';
    const out = z.object({ username: z.string(), [flag]: z.boolean() });
    api.add({
      method: 'POST',
      path: `/users/:username/${relation}`,
      summary: `${relation === 'block' ? 'Block' : 'Mute'} a user: ${WHAT[relation]} (again: no change)`,
      tag: 'Blocking',
      auth: 'token',
      response: out,
      handler: async ({ viewer, params }) => ({
        username: await relate(ctx, viewer!, relation, params.username ?? ''),
        [flag]: true,
      }),
    });
    api.add({
      method: 'DELETE',
      path: `/users/:username/${relation}`,
      summary: `Un${relation} a user`,
      tag: 'Blocking',
      auth: 'token',
      response: out,
      handler: async ({ viewer, params }) => ({
        username: await unrelate(ctx, viewer!, relation, params.username ?? ''),
        [flag]: false,
      }),
    });
    api.add({
      method: 'GET',
      path: relation === 'block' ? '/me/blocks' : '/me/mutes',
      summary: `The people you ${relation}, newest first`,
      tag: 'Blocking',
      auth: 'token',
      response: z.object({ users: z.array(person) }),
      handler: async ({ viewer }) => ({
        users: (await listRelated(ctx, viewer!, relation)).map((p) => ({
          username: p.username,
          since: new Date(p.created_at).toISOString(),
        })),
      }),
    });
  }
}
