import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { isUniqueViolation } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { tagKey } from '../tags/tag-names.ts';
import * as repo from './reading-filters.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** How many reading filters one reader keeps (Dreamwidth allows a few dozen). */
export const MAX_READING_FILTERS = 50;
export const FILTER_NAME_MAX = 60;

/** Journal ids from checkboxes (one value or many) or a JSON array. */
const journalIds = z
  .preprocess(
    (value) => (value === undefined || value === '' ? [] : [value].flat()),
    z.array(z.coerce.number().int().positive()).max(2000, 'At most 2,000 journals in a filter.'),
  )
  .default([]);

/** A reading filter from the form (and any API): its name and the subscribed journals in it. */
export const readingFilterSchema = z.object({
  name: z
    .string({ error: 'Name the filter.' })
    .trim()
    .min(1, 'Name the filter.')
    .max(FILTER_NAME_MAX, `A filter name: at most ${FILTER_NAME_MAX} characters.`),
  journals: journalIds,
});

/** The reader's filters, each with its journals, and the journals they subscribe to (to choose from). */
export async function readingFiltersOf(ctx: Ctx, viewer: Viewer) {
  const [filters, members, subscribed] = await Promise.all([
    repo.filtersOf(ctx.db, viewer.id),
    repo.filterJournals(ctx.db, viewer.id),
    repo.subscribedJournals(ctx.db, viewer.id),
  ]);
  return {
    filters: filters.map((f) => ({
      ...f,
      journalIds: members.filter((m) => m.filter_id === f.id).map((m) => m.journal_id),
    })),
    subscribed,
  };
}

/** A filter of the reader's by name (any case), or undefined. */
export function readingFilterNamed(ctx: Ctx, viewer: Viewer, name: string) {
  return repo.filterByKey(ctx.db, viewer.id, tagKey(name));
}

/** The reading page asked for a filter the reader does not have: said plainly, never ignored. */
export const unknownFilter = (name: string, status = 404) =>
  new QuireError(
    'unknown_filter',
    status,
    `You have no reading filter called “${name}”. Your filters are listed at /reading/filters.`,
    'filter',
  );

async function ownFilter(ctx: Ctx, viewer: Viewer, id: number) {
  const filter = await repo.filterById(ctx.db, viewer.id, id);
  if (!filter) throw notFound('Reading filter');
  return filter;
}

/** Only journals the reader subscribes to may go in a filter (a filter narrows the reading page). */
async function checkSubscribed(ctx: Ctx, viewer: Viewer, ids: number[]) {
  const subscribed = new Set((await repo.subscribedJournals(ctx.db, viewer.id)).map((j) => j.id));
  if (ids.some((id) => !subscribed.has(id)))
    throw new ValidationError({ journals: 'A filter holds only journals you subscribe to.' });
}

const taken = (name: string) =>
  new ValidationError({ name: `You already have a filter called “${name}”: choose another name.` });

/** Makes a filter; nothing is written if the name is taken or a journal is not subscribed to. */
export async function createReadingFilter(ctx: Ctx, viewer: Viewer, raw: unknown) {
  const input = validate(readingFilterSchema, raw);
  await checkSubscribed(ctx, viewer, input.journals);
  try {
    return await inTransaction(ctx.db, async (trx) => {
      if ((await repo.countFilters(trx, viewer.id)) >= MAX_READING_FILTERS)
        throw new ValidationError({ name: `You can keep at most ${MAX_READING_FILTERS} reading filters.` });
      if (await repo.filterByKey(trx, viewer.id, tagKey(input.name))) throw taken(input.name);
      const id = await repo.insertFilter(trx, viewer.id, input.name, tagKey(input.name), nowIso());
      await repo.setFilterJournals(trx, id, input.journals);
      return { id, name: input.name };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name);
    throw error;
  }
}

/** Renames a filter and sets its journals. */
export async function saveReadingFilter(ctx: Ctx, viewer: Viewer, id: number, raw: unknown) {
  const input = validate(readingFilterSchema, raw);
  await ownFilter(ctx, viewer, id);
  await checkSubscribed(ctx, viewer, input.journals);
  try {
    await inTransaction(ctx.db, async (trx) => {
      const same = await repo.filterByKey(trx, viewer.id, tagKey(input.name));
      if (same && same.id !== id) throw taken(input.name);
      await repo.renameFilter(trx, id, input.name, tagKey(input.name));
      await repo.setFilterJournals(trx, id, input.journals);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name);
    throw error;
  }
  return { id, name: input.name };
}

export async function deleteReadingFilter(ctx: Ctx, viewer: Viewer, id: number) {
  const filter = await ownFilter(ctx, viewer, id);
  await repo.deleteFilter(ctx.db, id);
  return filter.name;
}
