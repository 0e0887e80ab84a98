import type { AccountContentOwner } from '../accounts/account-content.ts';
import { findPseudById } from '../pseuds/pseuds.repository.ts';
import { reviseWork } from './revision.ts';

/**
 * Works when their creator leaves (AO3's rules): orphaning moves their creatorships to
 * orphan_account's pseud (co-creators keep theirs); deleting removes the works they
 * created alone and takes them off works they share.
 */
export const worksContent: AccountContentOwner = {
  name: 'works',
  async orphan(db, userId, orphanPseudId) {
    const orphan = await findPseudById(db, orphanPseudId);
    if (!orphan) throw new Error('orphan_account’s pseud is missing');
    const works = await db
      .selectFrom('work_creators')
      .select('work_id')
      .where('user_id', '=', userId)
      .distinct()
      .execute();
    for (const { work_id } of works) {
      const first = await db
        .selectFrom('work_creators')
        .select((eb) => eb.fn.min<number>('position').as('position'))
        .where('work_id', '=', work_id)
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      await db
        .deleteFrom('work_creators')
        .where('work_id', '=', work_id)
        .where('user_id', '=', userId)
        .execute();
      await db
        .insertInto('work_creators')
        .values({
          work_id,
          pseud_id: orphanPseudId,
          user_id: orphan.user_id,
          position: Number(first.position),
          accepted: 1,
          created_at: new Date().toISOString(),
        })
        .onConflict((oc) => oc.columns(['work_id', 'pseud_id']).doNothing())
        .execute();
      // The byline changed: a new version, so cached pages are rendered again.
      await reviseWork(db, work_id, { kind: 'edited' }, new Date().toISOString());
    }
    await db
      .updateTable('series_creators')
      .set({ pseud_id: orphanPseudId, user_id: orphan.user_id })
      .where('user_id', '=', userId)
      .execute();
  },
  async remove(db, userId) {
    const solo = await db
      .selectFrom('work_creators as mine')
      .select('mine.work_id')
      .where('mine.user_id', '=', userId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('work_creators as other')
              .select('other.work_id')
              .whereRef('other.work_id', '=', 'mine.work_id')
              .where('other.user_id', '!=', userId)
              .where('other.accepted', '=', 1),
          ),
        ),
      )
      .execute();
    const ids = solo.map((r) => r.work_id);
    if (ids.length) await db.deleteFrom('works').where('id', 'in', ids).execute();
    const shared = await db
      .selectFrom('work_creators')
      .select('work_id')
      .where('user_id', '=', userId)
      .distinct()
      .execute();
    await db.deleteFrom('work_creators').where('user_id', '=', userId).execute();
    for (const { work_id } of shared)
      await reviseWork(db, work_id, { kind: 'edited' }, new Date().toISOString());
  },
};
