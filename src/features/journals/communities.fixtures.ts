import type { TestEnv } from '../../../test/harness.ts';
import type { makeUser } from '../../../test/factories.ts';
import { findJournalByName } from './journals.repository.ts';

/** Communities' tests (communities.test.ts, communities.pages.test.ts): what they share. */
export type User = Awaited<ReturnType<typeof makeUser>>;

/** How many entries a journal or community holds, of any kind. */
export const entryCount = async (env: TestEnv, journalId: number) =>
  Number(
    (
      await env.ctx.db
        .selectFrom('entries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('journal_id', '=', journalId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A community by its name. */
export const community = async (env: TestEnv, name: string) => (await findJournalByName(env.ctx.db, name))!;
