import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { ROLES } from '../../db/schema.ts';
import { getProfile } from './profiles.service.ts';

const pseudSchema = z.object({ id: z.number(), name: z.string(), is_default: z.boolean() });

export function meApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'GET',
    path: '/me',
    summary: 'The account of the token in use',
    tag: 'Account',
    auth: 'token',
    response: z.object({
      id: z.number(),
      username: z.string(),
      email: z.string(),
      role: z.enum(ROLES as [string, ...string[]]),
      created_at: z.string(),
      pseuds: z.array(pseudSchema),
    }),
    handler: async ({ viewer }) => {
      const profile = await getProfile(ctx, viewer!.username);
      return {
        id: profile.user.id,
        username: profile.user.username,
        email: viewer!.email,
        role: profile.user.role,
        created_at: profile.user.created_at,
        pseuds: profile.pseuds.map((p) => ({ id: p.id, name: p.name, is_default: p.is_default === 1 })),
      };
    },
  });

  api.add({
    method: 'GET',
    path: '/users/:username',
    summary: 'A user’s public profile',
    tag: 'Users',
    auth: 'optional',
    response: z.object({
      username: z.string(),
      role: z.string(),
      created_at: z.string(),
      pseuds: z.array(pseudSchema),
    }),
    handler: async ({ params }) => {
      const profile = await getProfile(ctx, params.username!);
      return {
        username: profile.user.username,
        role: profile.user.role,
        created_at: profile.user.created_at,
        pseuds: profile.pseuds.map((p) => ({ id: p.id, name: p.name, is_default: p.is_default === 1 })),
      };
    },
  });
}
