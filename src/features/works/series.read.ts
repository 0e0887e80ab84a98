import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleWorks } from '../visibility/visibility.ts';
import { findSeries } from './series.repository.ts';

/** A series and the parts this viewer may see, in order. A series with none is not found. */
export async function readSeries(ctx: Pick<AppContext, 'db'>, viewer: Viewer | null, seriesId: number) {
  const series = await findSeries(ctx.db, seriesId);
  if (!series) throw notFound('Series');
  const parts = await ctx.db
    .selectFrom('serial_works')
    .innerJoin('works', 'works.id', 'serial_works.work_id')
    .select(['works.id', 'works.title', 'works.word_count', 'works.complete', 'serial_works.part'])
    .where('serial_works.series_id', '=', seriesId)
    .where((eb) => visibleWorks(eb, viewer))
    .orderBy('serial_works.part')
    .execute();
  if (parts.length === 0) throw notFound('Series');
  return { series, parts, words: parts.reduce((sum, p) => sum + p.word_count, 0) };
}
