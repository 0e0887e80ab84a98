import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, ValidationError } from '../../lib/errors.ts';
import { logModeratorAction } from '../reports/audit-log.ts';
import { enqueueSearchIndex } from '../search/text/search-jobs.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { isStaff } from '../visibility/visibility.ts';
import { findWork } from './works.repository.ts';

/**
 * The one writer of `works.hidden_at`: a hidden work is seen by its creators and site staff only
 * (visibility.ts). `updated_at` moves so the listings' index and cached pages follow, and search
 * re-indexes it (a hidden work leaves the index; an unhidden one returns). True when it changed.
 */
export async function setWorkHidden(db: DB, workId: number, hidden: boolean): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .updateTable('works')
    .set({ hidden_at: hidden ? now : null, updated_at: now })
    .where('id', '=', workId)
    .where('hidden_at', hidden ? 'is' : 'is not', null)
    .executeTakeFirst();
  const changed = Number(result.numUpdatedRows) > 0;
  if (changed) await enqueueSearchIndex(db, [workId]);
  return changed;
}

export const MODERATION_REASON_MAX = 1000;

/** The moderation form's and the API's body: the action comes from the route. */
export const moderationSchema = z.object({
  reason: z
    .string()
    .max(MODERATION_REASON_MAX * 2)
    .default(''),
});

/**
 * A moderator hides a work, or gives back one that was hidden (by them or through a report), with a
 * reason for the audit log. Hiding what is hidden (or the reverse) is refused with a message.
 */
export async function moderateWork(
  ctx: Pick<AppContext, 'db'>,
  viewer: Viewer,
  workId: number,
  action: 'hide' | 'unhide',
  reason: string,
): Promise<void> {
  if (!isStaff(viewer)) throw forbidden('Only moderators can hide or unhide works.');
  const why = reason.trim();
  if (!why) throw new ValidationError({ reason: 'Say why, for the audit log.' });
  if (why.length > MODERATION_REASON_MAX)
    throw new ValidationError({ reason: `At most ${MODERATION_REASON_MAX} characters.` });
  await inTransaction(ctx.db, async (trx) => {
    const work = await findWork(trx, workId);
    if (!work) throw notFound('Work');
    if (!(await setWorkHidden(trx, workId, action === 'hide')))
      throw new ValidationError({
        action: action === 'hide' ? 'This work is hidden already.' : 'This work is not hidden.',
      });
    await logModeratorAction(trx, viewer, {
      action,
      targetType: 'work',
      targetId: workId,
      targetLabel: `the work “${work.title}”`,
      reason: why,
    });
  });
}
