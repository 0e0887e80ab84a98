import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import type { TagType } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { refreshFilterTags, worksAffectedBy } from './filter-tags.ts';
import { MEDIA } from './media.ts';
import { typedTagKey } from './tag-names.ts';

type Ctx = Pick<AppContext, 'db'>;

export const REINDEX_TAGS = 'tags.reindex';

/** What a wrangler sets on a tag; names are looked up in the tag's type (fandoms for `fandoms`). */
export const wrangleSchema = z.object({
  canonical: z.boolean().optional(),
  synonymOf: z.string().trim().max(150).nullable().optional(),
  fandoms: z.array(z.string().trim().min(1).max(150)).max(100).optional(),
  metatags: z.array(z.string().trim().min(1).max(150)).max(50).optional(),
  media: z.enum(MEDIA).nullable().optional(),
});
export type WrangleInput = z.infer<typeof wrangleSchema>;

const FIXED: readonly TagType[] = ['rating', 'warning', 'category'];
const HAS_FANDOMS: readonly TagType[] = ['character', 'relationship', 'freeform'];

export function canWrangle(viewer: Viewer | null): boolean {
  return viewer?.role === 'tag_wrangler' || viewer?.role === 'admin';
}

async function tagNamed(db: DB, type: TagType, name: string, field: string) {
  const tag = await db
    .selectFrom('tags')
    .selectAll()
    .where('type', '=', type)
    .where('name_key', '=', typedTagKey(type, name))
    .executeTakeFirst();
  if (!tag) throw new ValidationError({ [field]: `There is no ${type} tag “${name}”.` });
  const canonical =
    tag.merger_id === null
      ? tag
      : await db.selectFrom('tags').selectAll().where('id', '=', tag.merger_id).executeTakeFirstOrThrow();
  if (!canonical.canonical)
    throw new ValidationError({ [field]: `“${name}” is not canonical yet: make it canonical first.` });
  return canonical;
}

/** Would making `metaId` a metatag of `tagId` close a loop? */
async function isBelow(db: DB, metaId: number, tagId: number): Promise<boolean> {
  let frontier = [tagId];
  const seen = new Set(frontier);
  for (let depth = 0; depth < 16 && frontier.length > 0; depth++) {
    if (frontier.includes(metaId)) return true;
    const rows = await db
      .selectFrom('tag_links')
      .select('child_id')
      .where('kind', '=', 'meta')
      .where('parent_id', 'in', frontier)
      .execute();
    frontier = rows.map((r) => r.child_id).filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  return false;
}

/**
 * Wrangles a tag (tag wranglers and admins only): canonical or a synonym of a canonical tag of the
 * same type, its parent fandoms, its metatags and (fandoms) its medium. The works it affects are
 * re-indexed by a job, so a wrangle of a tag on 100,000 works returns at once.
 */
export async function wrangleTag(
  ctx: Ctx,
  viewer: Viewer,
  tagId: number,
  input: WrangleInput,
): Promise<void> {
  if (!canWrangle(viewer)) throw new QuireError('forbidden', 403, 'Only tag wranglers can change tags.');
  await inTransaction(ctx.db, async (db) => {
    const tag = await db.selectFrom('tags').selectAll().where('id', '=', tagId).executeTakeFirst();
    if (!tag) throw notFound('Tag');
    if (FIXED.includes(tag.type))
      throw new QuireError('fixed_tag', 409, 'Ratings, warnings and categories are fixed.');
    const now = nowIso();
    const affected = new Set<number>([tag.id]);

    if (input.synonymOf) {
      const target = await tagNamed(db, tag.type, input.synonymOf, 'synonymOf');
      if (target.id === tag.id)
        throw new ValidationError({ synonymOf: 'A tag cannot be a synonym of itself.' });
      // Its own synonyms follow it to the new canonical tag; its links go (the canonical tag has its own).
      const moved = await db
        .updateTable('tags')
        .set({ merger_id: target.id })
        .where('merger_id', '=', tag.id)
        .returning('id')
        .execute();
      for (const m of moved) affected.add(m.id);
      await db
        .deleteFrom('tag_links')
        .where((eb) => eb.or([eb('child_id', '=', tag.id), eb('parent_id', '=', tag.id)]))
        .execute();
      await db
        .updateTable('tags')
        .set({ merger_id: target.id, canonical: 0, wrangled_at: now })
        .where('id', '=', tag.id)
        .execute();
      affected.add(target.id);
    } else if (input.synonymOf === null || input.canonical !== undefined) {
      await db
        .updateTable('tags')
        .set({ merger_id: null, canonical: input.canonical ? 1 : tag.canonical, wrangled_at: now })
        .where('id', '=', tag.id)
        .execute();
    }

    if (input.media !== undefined) {
      if (tag.type !== 'fandom') throw new ValidationError({ media: 'Only fandoms belong to a medium.' });
      await db
        .updateTable('tags')
        .set({ media: input.media, wrangled_at: now })
        .where('id', '=', tag.id)
        .execute();
    }
    if (input.fandoms !== undefined) {
      if (!HAS_FANDOMS.includes(tag.type))
        throw new ValidationError({
          fandoms: 'Only characters, relationships and additional tags have parent fandoms.',
        });
      const fandoms = [];
      for (const name of input.fandoms) fandoms.push(await tagNamed(db, 'fandom', name, 'fandoms'));
      await db.deleteFrom('tag_links').where('child_id', '=', tag.id).where('kind', '=', 'fandom').execute();
      if (fandoms.length) {
        await db
          .insertInto('tag_links')
          .values(
            [...new Set(fandoms.map((f) => f.id))].map((parent_id) => ({
              parent_id,
              child_id: tag.id,
              kind: 'fandom' as const,
            })),
          )
          .execute();
      }
      await db.updateTable('tags').set({ wrangled_at: now }).where('id', '=', tag.id).execute();
    }
    if (input.metatags !== undefined) {
      const metas = [];
      for (const name of input.metatags) {
        const meta = await tagNamed(db, tag.type, name, 'metatags');
        if (meta.id === tag.id || (await isBelow(db, meta.id, tag.id)))
          throw new ValidationError({
            metatags: `“${meta.name}” is below this tag already; that would make a loop.`,
          });
        metas.push(meta);
      }
      await db.deleteFrom('tag_links').where('child_id', '=', tag.id).where('kind', '=', 'meta').execute();
      if (metas.length) {
        await db
          .insertInto('tag_links')
          .values(
            [...new Set(metas.map((m) => m.id))].map((parent_id) => ({
              parent_id,
              child_id: tag.id,
              kind: 'meta' as const,
            })),
          )
          .execute();
      }
    }
    await enqueue(db, REINDEX_TAGS, { tagIds: [...affected] });
  });
}

const reindexPayload = z.object({ tagIds: z.array(z.number().int()) });

/** Re-indexes the works a wrangle affected, in batches. */
export const reindexTagsJob: JobHandler = async (payload, ctx) => {
  const { tagIds } = reindexPayload.parse(payload);
  const works = await worksAffectedBy(ctx.db, tagIds);
  for (let i = 0; i < works.length; i += 200) {
    const batch = works.slice(i, i + 200);
    await ctx.db.transaction().execute(async (trx) => {
      await refreshFilterTags(trx, batch);
      // Listings read works whose updated_at moved (features/browse/browse-index.ts).
      await trx.updateTable('works').set({ updated_at: nowIso() }).where('id', 'in', batch).execute();
    });
  }
};
