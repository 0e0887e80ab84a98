import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { TagType } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound, ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { findUserByUsername } from '../accounts/accounts.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { resolveFilterTags } from '../tags/filter-tags.ts';
import * as repo from './reader-filters.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** How much one reader may keep: enough for anyone, bounded so every listing stays fast. */
export const MAX_BLOCKED_TAGS = 500;
export const MAX_BLOCKED_CREATORS = 500;
export const MAX_SAVED_FILTERS = 50;

/** Any type of tag can be blocked; a name in several types is read in this order. */
const BLOCKABLE: TagType[] = [
  'fandom',
  'relationship',
  'character',
  'freeform',
  'warning',
  'rating',
  'category',
];

const tagNames = z
  .array(z.string().trim().min(1).max(150, 'Each tag: at most 150 characters.'))
  .min(1, 'Type at least one tag.')
  .max(100, 'At most 100 tags at once.');

export const blockTagsSchema = z.object({ tags: tagNames });
export const blockCreatorSchema = z.object({
  username: z.string().trim().min(1, 'Type a username.').max(100),
});

/** The listings a filter can be saved for: their path and query string, nothing else. */
const LISTING = /^\/(?:works|tags\/\d+\/works|users\/[^/?#\s]+\/works)(?:\?[^#\s]*)?$/;

export const saveFilterSchema = z.object({
  name: z.string().trim().min(1, 'Give the filter a name.').max(100, 'The name: at most 100 characters.'),
  query: z
    .string()
    .trim()
    .max(2000, 'That filter is too long to save.')
    .regex(LISTING, 'Only a listing of works can be saved as a filter.'),
});

/** The blocklist as the filter engine applies it (empty for guests). */
export async function blocklistFor(ctx: Ctx, viewer: Viewer | null): Promise<repo.BlocklistIds> {
  if (!viewer) return { tags: [], creators: [] };
  return repo.blocklistIds(ctx.db, viewer.id);
}

export function blocklistOf(ctx: Ctx, viewer: Viewer) {
  return repo.blocklistEntries(ctx.db, viewer.id);
}

/** Adds tags (typed names; synonyms lead to their canonical tag) to the reader's blocklist. */
export async function blockTags(ctx: Ctx, viewer: Viewer, input: unknown): Promise<number> {
  const { tags } = validate(blockTagsSchema, input);
  const resolved = await resolveFilterTags(ctx.db, tags, BLOCKABLE);
  if (resolved.unknown.length > 0)
    throw new ValidationError({
      tags: `No tag is called ${resolved.unknown.map((n) => `“${n}”`).join(', ')}.`,
    });
  return inTransaction(ctx.db, async (trx) => {
    const { tags: kept } = await repo.countBlocked(trx, viewer.id);
    if (kept + resolved.ids.length > MAX_BLOCKED_TAGS)
      throw new ValidationError({
        tags: `A blocklist holds at most ${MAX_BLOCKED_TAGS} tags; yours has ${kept}.`,
      });
    await repo.insertBlockedTags(trx, viewer.id, resolved.ids, nowIso());
    return resolved.ids.length;
  });
}

export const blocklistSchema = z.object({
  tags: z.array(z.string().trim().min(1).max(150)).max(MAX_BLOCKED_TAGS).default([]),
  creators: z.array(z.string().trim().min(1).max(100)).max(MAX_BLOCKED_CREATORS).default([]),
});

/** Replaces the whole blocklist (the API's PUT): every name must exist, or nothing changes. */
export async function replaceBlocklist(ctx: Ctx, viewer: Viewer, input: unknown) {
  const { tags, creators } = validate(blocklistSchema, input);
  const resolved = await resolveFilterTags(ctx.db, tags, BLOCKABLE);
  const errors: Record<string, string> = {};
  if (resolved.unknown.length > 0)
    errors.tags = `No tag is called ${resolved.unknown.map((n) => `“${n}”`).join(', ')}.`;
  const accounts = await Promise.all(creators.map((name) => findUserByUsername(ctx.db, name)));
  const missing = creators.filter((_, i) => !accounts[i]);
  if (missing.length > 0) errors.creators = `No one is called ${missing.map((n) => `“${n}”`).join(', ')}.`;
  else if (accounts.some((a) => a!.id === viewer.id)) errors.creators = 'You cannot block your own works.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  await inTransaction(ctx.db, async (trx) => {
    const at = nowIso();
    await trx.deleteFrom('blocked_tags').where('user_id', '=', viewer.id).execute();
    await trx.deleteFrom('blocked_creators').where('user_id', '=', viewer.id).execute();
    await repo.insertBlockedTags(trx, viewer.id, resolved.ids, at);
    for (const id of new Set(accounts.map((a) => a!.id)))
      await repo.insertBlockedCreator(trx, viewer.id, id, at);
  });
  return blocklistOf(ctx, viewer);
}

export async function unblockTag(ctx: Ctx, viewer: Viewer, tagId: number) {
  if (!(await repo.deleteBlockedTag(ctx.db, viewer.id, tagId))) throw notFound('Blocked tag');
}

export async function blockCreator(ctx: Ctx, viewer: Viewer, input: unknown): Promise<string> {
  const { username } = validate(blockCreatorSchema, input);
  const creator = await findUserByUsername(ctx.db, username);
  if (!creator) throw new ValidationError({ username: `No one is called “${username}”.` });
  if (creator.id === viewer.id) throw new ValidationError({ username: 'You cannot block your own works.' });
  return inTransaction(ctx.db, async (trx) => {
    const { creators } = await repo.countBlocked(trx, viewer.id);
    if (creators >= MAX_BLOCKED_CREATORS)
      throw new ValidationError({ username: `A blocklist holds at most ${MAX_BLOCKED_CREATORS} creators.` });
    await repo.insertBlockedCreator(trx, viewer.id, creator.id, nowIso());
    return creator.username;
  });
}

export async function unblockCreator(ctx: Ctx, viewer: Viewer, creatorId: number) {
  if (!(await repo.deleteBlockedCreator(ctx.db, viewer.id, creatorId))) throw notFound('Blocked creator');
}

export function savedFilters(ctx: Ctx, viewer: Viewer) {
  return repo.savedFiltersOf(ctx.db, viewer.id);
}

/** Saves a listing's filters under a name (the same name again replaces it). */
export async function saveFilter(ctx: Ctx, viewer: Viewer, input: unknown) {
  const { name, query } = validate(saveFilterSchema, input);
  await inTransaction(ctx.db, async (trx) => {
    const existing = await repo.savedFiltersOf(trx, viewer.id);
    if (existing.length >= MAX_SAVED_FILTERS && !existing.some((f) => f.name === name))
      throw new ValidationError({ name: `You can keep at most ${MAX_SAVED_FILTERS} saved filters.` });
    await repo.upsertSavedFilter(trx, viewer.id, name, query, nowIso());
  });
  return { name, query };
}

export async function deleteFilter(ctx: Ctx, viewer: Viewer, id: number) {
  if (!(await repo.deleteSavedFilter(ctx.db, viewer.id, id))) throw notFound('Saved filter');
}
