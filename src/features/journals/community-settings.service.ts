import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { membershipOf } from './communities.repository.ts';
import { communitySchema } from './communities.service.ts';
import type { JournalRow } from './journals.repository.ts';
import { findJournal } from './journals.repository.ts';
import { journalSettingsSchema } from './journals.schema.ts';

type Ctx = Pick<AppContext, 'db'>;

/**
 * A community's settings: what making it set (its name aside, which is its address and never
 * changes) and what a personal journal's settings set (defaults for new entries, theme). The
 * same field rules as those two forms; the form, `PATCH /api/v1/communities/:name` and the
 * service share it. In a community, “access” is members only.
 */
export const communitySettingsSchema = communitySchema.omit({ name: true }).extend({
  defaultSecurity: journalSettingsSchema.shape.defaultSecurity,
  defaultComments: journalSettingsSchema.shape.defaultComments,
  defaultScreening: journalSettingsSchema.shape.defaultScreening,
  defaultCommenters: journalSettingsSchema.shape.defaultCommenters,
  theme: journalSettingsSchema.shape.theme,
});
export type CommunitySettings = z.infer<typeof communitySettingsSchema>;

/** The community's settings as the form's fields (and as the base a partial API change applies to). */
export function settingsValues(journal: JournalRow): Record<string, string> {
  return {
    title: journal.title,
    subtitle: journal.subtitle,
    membership: journal.membership,
    posting: journal.posting,
    moderated: journal.moderated === 1 ? '1' : '',
    nonmemberPosting: journal.nonmember_posting === 1 ? '1' : '',
    defaultSecurity: journal.default_security,
    defaultComments: journal.default_comments,
    defaultScreening: journal.default_screening,
    defaultCommenters: journal.default_commenters,
    theme: journal.theme,
  };
}

/** Only a community's maintainers change its settings (moderators moderate; members post). */
export async function requireMaintainerOf(ctx: Ctx, viewer: Viewer, journal: JournalRow) {
  const member = await membershipOf(ctx.db, journal.id, viewer.id);
  if (member?.status !== 'member' || member.role !== 'maintainer')
    throw forbidden(`Only the maintainers of ${journal.display_name} can change its settings.`);
}

/**
 * Saves a community's settings. Nothing else changes with them: entries waiting for moderation
 * stay in the queue when moderation is turned off, requests to join stay when membership opens
 * or closes, and members allowed to post keep that right when posting becomes selected members
 * only (maintainers untick them on the members page).
 */
export async function updateCommunitySettings(
  ctx: Ctx,
  viewer: Viewer,
  journal: JournalRow,
  raw: unknown,
): Promise<JournalRow> {
  await requireMaintainerOf(ctx, viewer, journal);
  const input = validate(communitySettingsSchema, raw);
  await ctx.db
    .updateTable('journals')
    .set({
      title: input.title,
      subtitle: input.subtitle,
      membership: input.membership,
      posting: input.posting,
      moderated: input.moderated ? 1 : 0,
      nonmember_posting: input.nonmemberPosting ? 1 : 0,
      default_security: input.defaultSecurity,
      default_comments: input.defaultComments,
      default_screening: input.defaultScreening,
      default_commenters: input.defaultCommenters,
      theme: input.theme,
    })
    .where('id', '=', journal.id)
    .where('kind', '=', 'community')
    .execute();
  return (await findJournal(ctx.db, journal.id))!;
}
