import type { AppContext } from '../../context.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { reviseWork } from './revision.ts';

type Ctx = Pick<AppContext, 'db'>;

/** Works this account has been invited to co-create and has not answered yet. */
export function pendingInvitations(ctx: Ctx, viewer: Viewer) {
  return ctx.db
    .selectFrom('work_creators')
    .innerJoin('works', 'works.id', 'work_creators.work_id')
    .select(['works.id', 'works.title', 'work_creators.created_at'])
    .where('work_creators.user_id', '=', viewer.id)
    .where('work_creators.accepted', '=', 0)
    .orderBy('work_creators.created_at', 'desc')
    .execute();
}

/** Accepting makes the account a creator (shown in the byline, may edit); declining removes the invitation. */
export async function answerInvitation(
  ctx: Ctx,
  viewer: Viewer,
  workId: number,
  accept: boolean,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('work_creators')
      .select('pseud_id')
      .where('work_id', '=', workId)
      .where('user_id', '=', viewer.id)
      .where('accepted', '=', 0)
      .executeTakeFirst();
    if (!pending) throw notFound('Invitation');
    if (accept) {
      await trx
        .updateTable('work_creators')
        .set({ accepted: 1 })
        .where('work_id', '=', workId)
        .where('pseud_id', '=', pending.pseud_id)
        .execute();
    } else {
      await trx
        .deleteFrom('work_creators')
        .where('work_id', '=', workId)
        .where('pseud_id', '=', pending.pseud_id)
        .execute();
    }
    if (accept) await reviseWork(trx, workId, { kind: 'edited' }, nowIso());
  });
}
