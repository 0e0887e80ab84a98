import { makeUser } from '../../../../test/factories.ts';
import type { TestEnv } from '../../../../test/harness.ts';
import { seedWorkInput } from '../../../../test/seed.ts';
import type { Viewer } from '../../sessions/sessions.service.ts';
import * as works from '../../works/works.service.ts';
import { parseSearchQuery } from './query-syntax.ts';
import { indexWork } from './search-index.ts';
import { searchProvider } from './search-provider.ts';

/** Shared by the search tests: a writer, posting works that are indexed at once. */
export async function searchKit(env: TestEnv, username?: string) {
  const user = await makeUser(env.ctx, username ? { username } : {});
  const writer: Viewer = { id: user.id, username: user.username, email: user.email, role: user.role };
  const provider = searchProvider(env.dialect);
  const mine = new Set<number>();

  return {
    writer,
    provider,
    /** Posts a work (a one-chapter work with plain-text body) and indexes it. */
    async post(title: string, body: string, extra: Record<string, unknown> = {}) {
      const { workId } = await works.postWork(
        env.ctx,
        writer,
        seedWorkInput({ title, series: null, chapter: { body, format: 'text' }, ...extra }),
      );
      mine.add(workId);
      await indexWork(env.ctx.db, env.dialect, workId);
      return workId;
    },
    /** Ids of this kit's works matching the query, best first (ties: newest first). */
    async find(query: string) {
      const { ids, scores } = await provider.search(env.ctx.db, parseSearchQuery(query), { rank: true });
      return bestFirst(ids, scores!).filter((id) => mine.has(id));
    },
  };
}

/** Ids by descending score, then descending id (as a listing orders them). */
export function bestFirst(ids: number[], scores: number[]): number[] {
  const score = new Map(ids.map((id, i) => [id, scores[i]!]));
  return [...ids].sort((a, b) => score.get(b)! - score.get(a)! || b - a);
}

/** Ids in ascending order, for comparing sets. */
export const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
