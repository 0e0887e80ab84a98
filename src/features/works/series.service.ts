import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { prepareNote } from './chapter-body.ts';
import { findOwnSeries } from './series.repository.ts';
import { touchWorks } from './works.repository.ts';
import { LIMITS } from './works.vocabulary.ts';

const flag = (value: unknown) => value === true || value === '1' || value === 'on' || value === 'true';

export const seriesSchema = z.object({
  title: z
    .string({ error: 'Please give the series a title.' })
    .trim()
    .min(1, 'Please give the series a title.')
    .max(LIMITS.title, `Titles can be at most ${LIMITS.title} characters long.`),
  summary: z.string().max(LIMITS.summary, `Summaries can be at most 1,250 characters long.`).default(''),
  notes: z.string().max(LIMITS.notes, `Notes can be at most 5,000 characters long.`).default(''),
  complete: z.preprocess(flag, z.boolean()).default(false),
});
export type SeriesInput = z.infer<typeof seriesSchema>;

/** The series, if this viewer is one of its creators (404 otherwise). */
export async function ownSeries(ctx: Pick<AppContext, 'db'>, viewer: Viewer, seriesId: number) {
  const series = await findOwnSeries(ctx.db, seriesId, viewer.id);
  if (!series) throw notFound('Series');
  return series;
}

/** Edits a series; its works' cached pages show the new title at once. */
export async function editSeries(
  ctx: Pick<AppContext, 'db'>,
  viewer: Viewer,
  seriesId: number,
  input: SeriesInput,
) {
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    await ownSeries({ db: trx }, viewer, seriesId);
    await trx
      .updateTable('series')
      .set({
        title: input.title,
        summary: prepareNote(input.summary),
        notes: prepareNote(input.notes),
        complete: input.complete ? 1 : 0,
        updated_at: now,
      })
      .where('id', '=', seriesId)
      .execute();
    const works = await trx
      .selectFrom('serial_works')
      .select('work_id')
      .where('series_id', '=', seriesId)
      .execute();
    await touchWorks(
      trx,
      works.map((w) => w.work_id),
      now,
    );
  });
}
