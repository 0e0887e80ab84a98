import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import type { TagsTable, TagType } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { refreshFilterTags, worksAffectedBy } from './filter-tags.ts';
import { type Media, MEDIA } from './media.ts';
import { typedTagKey } from './tag-names.ts';

type Ctx = Pick<AppContext, 'db'>;
type Tag = Selectable<TagsTable>;

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

/** At most this many tags are wrangled by one bulk action (the queue page shows as many). */
export const BULK_MAX = 200;

const tagName = (what: string) =>
  z.string({ error: what }).trim().min(1, what).max(150, 'A tag name has at most 150 characters.');

/**
 * One action applied to many tags at once (the queue page's form and `POST /api/v1/tags/wrangle`):
 * make them canonical, make them synonyms of a canonical tag, add parent fandoms, add metatags, or
 * file fandoms under a medium. The fields are named as in `wrangleSchema`; tag names are looked up
 * in each tag's type (parent fandoms as fandoms), and links are added to the ones a tag has.
 */
export const bulkWrangleSchema = z.intersection(
  z.object({
    tagIds: z
      .array(z.number({ error: 'Tick the tags from the list.' }).int().positive(), {
        error: 'Tick at least one tag.',
      })
      .min(1, 'Tick at least one tag.')
      .max(BULK_MAX, `At most ${BULK_MAX} tags can be wrangled at once.`),
  }),
  z.discriminatedUnion(
    'action',
    [
      z.object({ action: z.literal('canonical') }),
      z.object({
        action: z.literal('synonym'),
        synonymOf: tagName('Type the canonical tag they are synonyms of.'),
      }),
      z.object({
        action: z.literal('fandoms'),
        fandoms: z
          .array(tagName('Type the parent fandoms.'), { error: 'Type the parent fandoms.' })
          .min(1, 'Type at least one parent fandom.')
          .max(20, 'At most 20 parent fandoms at once.'),
      }),
      z.object({
        action: z.literal('metatags'),
        metatags: z
          .array(tagName('Type the metatag to add.'), { error: 'Type the metatag to add.' })
          .min(1, 'Type the metatag to add.')
          .max(10, 'At most 10 metatags at once.'),
      }),
      z.object({
        action: z.literal('media'),
        media: z.enum(MEDIA, { error: 'Choose a medium.' }),
      }),
    ],
    { error: 'Choose what to do with the ticked tags.' },
  ),
);
export type BulkWrangleInput = z.input<typeof bulkWrangleSchema>;
export type BulkAction = z.infer<typeof bulkWrangleSchema>['action'];

export interface BulkWrangleResult {
  action: BulkAction;
  /** The tags wrangled, by name. */
  tags: { id: number; type: TagType; name: string }[];
  /** The tag, fandoms or medium the action named, as stored. */
  targets: string[];
  /** What was done, in words, for the page and the API. */
  message: string;
}

const FIXED: readonly TagType[] = ['rating', 'warning', 'category'];
const HAS_FANDOMS: readonly TagType[] = ['character', 'relationship', 'freeform'];
const TYPE_WORDS: Record<TagType, string> = {
  rating: 'a rating',
  warning: 'an archive warning',
  category: 'a category',
  fandom: 'a fandom',
  relationship: 'a relationship',
  character: 'a character',
  freeform: 'an additional tag',
};

export function canWrangle(viewer: Viewer | null): boolean {
  return viewer?.role === 'tag_wrangler' || viewer?.role === 'admin';
}

function assertWrangler(viewer: Viewer | null): void {
  if (!canWrangle(viewer)) throw new QuireError('forbidden', 403, 'Only tag wranglers can change tags.');
}

function assertWranglable(tag: Tag): void {
  if (FIXED.includes(tag.type))
    throw new QuireError(
      'fixed_tag',
      409,
      `Ratings, warnings and categories are fixed: “${tag.name}” is ${TYPE_WORDS[tag.type]}.`,
      'tagIds',
    );
}

/** The canonical tag a name leads to (itself, or the tag it is a synonym of), or a field error. */
async function tagNamed(db: DB, type: TagType, name: string, field: string): Promise<Tag> {
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
 * A change to one tag with every tag it names already looked up (canonical, of the right type).
 * Links are either set (replacing the tag's links of that kind: the single-tag form) or added.
 */
interface TagChange {
  canonical?: boolean;
  /** The canonical tag it becomes a synonym of; `null`: it stops being a synonym. */
  synonymOf?: Tag | null;
  fandoms?: { tags: Tag[]; mode: 'set' | 'add' };
  metatags?: { tags: Tag[]; mode: 'set' | 'add' };
  media?: Media | null;
}

/** Replaces (`set`) or adds to (`add`) a tag's parents of one kind. */
async function linkParents(
  db: DB,
  childId: number,
  kind: 'fandom' | 'meta',
  parents: Tag[],
  mode: 'set' | 'add',
) {
  if (mode === 'set')
    await db.deleteFrom('tag_links').where('child_id', '=', childId).where('kind', '=', kind).execute();
  const ids = [...new Set(parents.map((p) => p.id))];
  if (ids.length === 0) return;
  await db
    .insertInto('tag_links')
    .values(ids.map((parent_id) => ({ parent_id, child_id: childId, kind })))
    .onConflict((oc) => oc.columns(['parent_id', 'child_id', 'kind']).doNothing())
    .execute();
}

/**
 * The one rule path of wrangling, for a single tag and for each tag of a bulk action: checks the
 * change against the tag, then writes it, inside the caller's transaction. Adds the tags whose
 * works need re-indexing to `affected`. Errors name the tag, so a bulk refusal says which one.
 */
async function applyChange(db: DB, tag: Tag, change: TagChange, now: string, affected: Set<number>) {
  assertWranglable(tag);
  const what = `“${tag.name}” is ${TYPE_WORDS[tag.type]}`;
  if (change.synonymOf && change.synonymOf.id === tag.id)
    throw new ValidationError({ synonymOf: `“${tag.name}” cannot be a synonym of itself.` });
  if (change.media !== undefined && tag.type !== 'fandom')
    throw new ValidationError({ media: `Only fandoms belong to a medium: ${what}.` });
  if (change.fandoms && !HAS_FANDOMS.includes(tag.type))
    throw new ValidationError({
      fandoms: `Only characters, relationships and additional tags have parent fandoms: ${what}.`,
    });
  for (const meta of change.metatags?.tags ?? []) {
    if (meta.id === tag.id)
      throw new ValidationError({
        metatags: `“${tag.name}” cannot be its own metatag: that would make a loop.`,
      });
  }
  affected.add(tag.id);

  if (change.synonymOf) {
    const target = change.synonymOf;
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
  } else if (change.synonymOf === null || change.canonical !== undefined) {
    await db
      .updateTable('tags')
      .set({ merger_id: null, canonical: change.canonical ? 1 : tag.canonical, wrangled_at: now })
      .where('id', '=', tag.id)
      .execute();
  }

  if (change.media !== undefined) {
    await db
      .updateTable('tags')
      .set({ media: change.media, wrangled_at: now })
      .where('id', '=', tag.id)
      .execute();
  }
  if (change.fandoms) {
    await linkParents(db, tag.id, 'fandom', change.fandoms.tags, change.fandoms.mode);
    await db.updateTable('tags').set({ wrangled_at: now }).where('id', '=', tag.id).execute();
  }
  if (change.metatags) {
    for (const meta of change.metatags.tags) {
      if (await isBelow(db, meta.id, tag.id))
        throw new ValidationError({
          metatags: `“${meta.name}” is below “${tag.name}” already; that would make a loop.`,
        });
    }
    await linkParents(db, tag.id, 'meta', change.metatags.tags, change.metatags.mode);
  }
}

/** Each name → its canonical tag of `type`, or the field error that says what is wrong. */
async function tagsNamed(db: DB, type: TagType, names: string[], field: string): Promise<Tag[]> {
  const tags = [];
  for (const name of names) tags.push(await tagNamed(db, type, name, field));
  return tags;
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
  assertWrangler(viewer);
  await inTransaction(ctx.db, async (db) => {
    const tag = await db.selectFrom('tags').selectAll().where('id', '=', tagId).executeTakeFirst();
    if (!tag) throw notFound('Tag');
    assertWranglable(tag);
    const change: TagChange = {
      canonical: input.canonical,
      synonymOf: input.synonymOf
        ? await tagNamed(db, tag.type, input.synonymOf, 'synonymOf')
        : input.synonymOf === null
          ? null
          : undefined,
      media: input.media,
    };
    if (input.fandoms !== undefined)
      change.fandoms = { tags: await tagsNamed(db, 'fandom', input.fandoms, 'fandoms'), mode: 'set' };
    if (input.metatags !== undefined)
      change.metatags = { tags: await tagsNamed(db, tag.type, input.metatags, 'metatags'), mode: 'set' };
    const affected = new Set<number>();
    await applyChange(db, tag, change, nowIso(), affected);
    await enqueue(db, REINDEX_TAGS, { tagIds: [...affected] });
  });
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const quoted = (names: string[]) => {
  const q = names.map((n) => `“${n}”`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} and ${q.at(-1)}` : (q[0] ?? '');
};

/** What a bulk action did, in words: “12 tags made canonical.” */
export function bulkMessage(result: Pick<BulkWrangleResult, 'action' | 'tags' | 'targets'>): string {
  const n = result.tags.length;
  const tags = plural(n, 'tag', 'tags');
  const done = (() => {
    switch (result.action) {
      case 'canonical':
        return `${tags} made canonical.`;
      case 'synonym':
        return `${tags} made ${n === 1 ? 'a synonym' : 'synonyms'} of ${quoted(result.targets)}.`;
      case 'fandoms':
        return `${result.targets.length === 1 ? 'Parent fandom' : 'Parent fandoms'} ${quoted(result.targets)} added to ${tags}.`;
      case 'metatags':
        return `${result.targets.length === 1 ? 'Metatag' : 'Metatags'} ${quoted(result.targets)} added to ${tags}.`;
      case 'media':
        return `${plural(n, 'fandom', 'fandoms')} filed under ${result.targets[0]}.`;
    }
  })();
  return `${done} Their works are being re-indexed.`;
}

/**
 * Applies one action to many tags (tag wranglers and admins only), all or nothing: each tag goes
 * through the same rules as a single wrangle (`applyChange`), in one transaction, and any refusal
 * changes nothing. Named tags are looked up once per tag type. One re-index job covers the works
 * of every tag changed.
 */
export async function bulkWrangle(
  ctx: Ctx,
  viewer: Viewer,
  input: BulkWrangleInput,
): Promise<BulkWrangleResult> {
  assertWrangler(viewer);
  const data = validate(bulkWrangleSchema, input);
  const ids = [...new Set(data.tagIds)];
  return inTransaction(ctx.db, async (db) => {
    const tags = await db.selectFrom('tags').selectAll().where('id', 'in', ids).orderBy('name').execute();
    const missing = ids.filter((id) => !tags.some((t) => t.id === id));
    if (missing.length > 0)
      throw new ValidationError({
        tagIds: `${plural(missing.length, 'ticked tag no longer exists', 'ticked tags no longer exist')} (${missing.join(', ')}): reload the list.`,
      });
    for (const tag of tags) assertWranglable(tag);

    const changes = new Map<TagType, TagChange>();
    const changeFor = async (type: TagType): Promise<TagChange> => {
      switch (data.action) {
        case 'canonical':
          return { canonical: true };
        case 'synonym':
          return { synonymOf: await tagNamed(db, type, data.synonymOf, 'synonymOf') };
        case 'fandoms':
          return { fandoms: { tags: await tagsNamed(db, 'fandom', data.fandoms, 'fandoms'), mode: 'add' } };
        case 'metatags':
          return { metatags: { tags: await tagsNamed(db, type, data.metatags, 'metatags'), mode: 'add' } };
        case 'media':
          return { media: data.media };
      }
    };
    const now = nowIso();
    const affected = new Set<number>();
    for (const tag of tags) {
      let change = changes.get(tag.type);
      if (!change) {
        change = await changeFor(tag.type);
        changes.set(tag.type, change);
      }
      await applyChange(db, tag, change, now, affected);
    }
    await enqueue(db, REINDEX_TAGS, { tagIds: [...affected] });

    const named = [...changes.values()].flatMap((c) => [
      ...(c.synonymOf ? [c.synonymOf] : []),
      ...(c.fandoms?.tags ?? []),
      ...(c.metatags?.tags ?? []),
    ]);
    const result = {
      action: data.action,
      tags: tags.map((t) => ({ id: t.id, type: t.type, name: t.name })),
      targets: data.action === 'media' ? [data.media] : [...new Set(named.map((t) => t.name))],
    };
    return { ...result, message: bulkMessage(result) };
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
