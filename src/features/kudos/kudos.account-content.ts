import type { AccountContentOwner } from '../accounts/account-content.ts';
import { setWorkCounter } from '../works/work-counters.ts';
import { countKudos, removeKudosOf } from './kudos.repository.ts';

/**
 * Kudos when their giver leaves: they go with the account either way (orphaning keeps works, not
 * someone's kudos on other people's works), and each work's count is recounted; the database's
 * cascade alone would leave `works.kudos_count` too high.
 */
async function remove(db: Parameters<AccountContentOwner['remove']>[0], userId: number) {
  for (const workId of new Set(await removeKudosOf(db, userId)))
    await setWorkCounter(db, workId, 'kudos_count', (trx) => countKudos(trx, workId));
}

export const kudosContent: AccountContentOwner = {
  name: 'kudos',
  orphan: (db, userId) => remove(db, userId),
  remove,
};
