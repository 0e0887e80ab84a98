import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import * as communities from './communities.service.ts';
import { addMemberSchema, communitySchema, rejectSchema } from './communities.service.ts';
import {
  communitySettingsSchema,
  settingsValues,
  updateCommunitySettings,
} from './community-settings.service.ts';
import { journalUrl } from './entry.views.tsx';

const communityOut = z.object({
  name: z.string(),
  url: z.string(),
  title: z.string(),
  subtitle: z.string(),
  membership: z.enum(communities.MEMBERSHIP),
  posting: z.enum(communities.POSTING),
  moderated: z.boolean(),
  nonmemberPosting: z.boolean(),
});
const settingsOut = communityOut.extend({
  defaultSecurity: z.string(),
  defaultComments: z.string(),
  defaultScreening: z.string(),
  defaultCommenters: z.string(),
  theme: z.string(),
});
const memberOut = z.object({
  username: z.string(),
  status: z.enum(['member', 'requested']),
  role: z.enum(communities.ROLES),
});
const moderatedOut = z.object({
  id: z.number(),
  status: z.enum(['published', 'rejected']),
  reason: z.string().nullable(),
});

/** Communities as JSON: the same services as the pages. Posting is `POST /journals/:name/entries`. */
export function communitiesApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'POST',
    path: '/communities',
    summary: 'Make a community (you become its maintainer)',
    tag: 'Communities',
    auth: 'token',
    body: communitySchema,
    status: 201,
    response: communityOut,
    handler: async ({ viewer, body }) => {
      const journal = await communities.createCommunity(ctx, viewer!, body);
      return {
        name: journal.display_name,
        url: `${ctx.config.baseUrl}${journalUrl(journal)}`,
        title: journal.title,
        subtitle: journal.subtitle,
        membership: journal.membership as z.infer<typeof communityOut>['membership'],
        posting: journal.posting as z.infer<typeof communityOut>['posting'],
        moderated: journal.moderated === 1,
        nonmemberPosting: journal.nonmember_posting === 1,
      };
    },
  });

  api.add({
    method: 'PATCH',
    path: '/communities/:name',
    summary: 'Change a community’s settings (maintainers): the fields sent change, the others stay',
    tag: 'Communities',
    auth: 'token',
    body: communitySettingsSchema.partial(),
    response: settingsOut,
    handler: async ({ viewer, params, request }) => {
      const journal = await communities.communityNamed(ctx, params.name ?? '');
      // The fields sent, over the current settings (defaults never overwrite what was not sent).
      const sent = (request.body ?? {}) as Record<string, unknown>;
      const saved = await updateCommunitySettings(ctx, viewer!, journal, {
        ...settingsValues(journal),
        ...sent,
      });
      return {
        name: saved.display_name,
        url: `${ctx.config.baseUrl}${journalUrl(saved)}`,
        title: saved.title,
        subtitle: saved.subtitle,
        membership: saved.membership,
        posting: saved.posting,
        moderated: saved.moderated === 1,
        nonmemberPosting: saved.nonmember_posting === 1,
        defaultSecurity: saved.default_security,
        defaultComments: saved.default_comments,
        defaultScreening: saved.default_screening,
        defaultCommenters: saved.default_commenters,
        theme: saved.theme,
      };
    },
  });

  api.add({
    method: 'POST',
    path: '/communities/:name/members',
    summary: 'Join (open membership) or ask to join (moderated); a maintainer adds someone with {"username"}',
    tag: 'Communities',
    auth: 'token',
    body: addMemberSchema,
    status: 201,
    response: memberOut,
    handler: async ({ viewer, params, body }) => {
      const journal = await communities.communityNamed(ctx, params.name ?? '');
      const self = viewer!.username;
      if (body.username && body.username.toLowerCase() !== self.toLowerCase()) {
        const username = await communities.addMember(ctx, viewer!, journal, body);
        return { username, status: 'member' as const, role: 'member' as const };
      }
      await communities.joinCommunity(ctx, viewer!, journal);
      const standing = (await communities.standingOf(ctx, viewer, journal))!;
      return { username: self, status: standing.status, role: standing.role };
    },
  });

  api.add({
    method: 'DELETE',
    path: '/communities/:name/members/:username',
    summary: 'Leave a community (your own username), or take someone out (maintainers)',
    tag: 'Communities',
    auth: 'token',
    response: z.object({ username: z.string() }),
    handler: async ({ viewer, params }) => {
      const journal = await communities.communityNamed(ctx, params.name ?? '');
      return { username: await communities.removeMember(ctx, viewer!, journal, params.username ?? '') };
    },
  });

  api.add({
    method: 'POST',
    path: '/entries/:id/approve',
    summary: 'Approve an entry waiting in a community’s moderation queue (maintainers and moderators)',
    tag: 'Communities',
    auth: 'token',
    response: moderatedOut,
    handler: async ({ viewer, params }) => {
      const id = Number(params.id) || 0;
      await communities.approveEntry(ctx, viewer!, id);
      return { id, status: 'published' as const, reason: null };
    },
  });

  api.add({
    method: 'POST',
    path: '/entries/:id/reject',
    summary: 'Reject an entry waiting for moderation, with a reason its poster sees',
    tag: 'Communities',
    auth: 'token',
    body: rejectSchema,
    response: moderatedOut,
    handler: async ({ viewer, params, body }) => {
      const id = Number(params.id) || 0;
      const { reason } = await communities.rejectEntry(ctx, viewer!, id, body);
      return { id, status: 'rejected' as const, reason };
    },
  });
}
