import type { AppContext } from '../../context.ts';
import { QuireError } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { listOwnSeries } from '../works/series.repository.ts';
import { parseAo3Html } from './ao3/ao3-html.ts';
import { ao3Plan, ao3Source } from './ao3-draft.ts';
import { sniffKind } from './import-file.ts';
import { type ImportMode, type ImportResult, importItem, importPostText } from './import.service.ts';

type Ctx = Pick<AppContext, 'db' | 'config'>;

/** Imports an AO3 HTML download: every chapter, tag, note and its series. */
export async function importAo3Html(
  ctx: Ctx,
  viewer: Viewer,
  html: string,
  mode: ImportMode,
): Promise<{ result: ImportResult; problems: string[] }> {
  const parsed = parseAo3Html(html);
  if (!parsed.ok) throw new QuireError('bad_file', 422, parsed.problem, 'file');
  const { plan, problems } = ao3Plan(parsed.work, mode, await listOwnSeries(ctx.db, viewer.id));
  const result = await importItem(ctx, viewer, ao3Source(parsed.work, html), [plan]);
  return { result, problems };
}

/** Imports a file's text: an AO3 download as one work, anything else as a journal post's fics. */
export async function importFileText(
  ctx: Ctx,
  viewer: Viewer,
  text: string,
  options: { mode: ImportMode; format?: 'auto' | 'text' | 'html' },
): Promise<ImportResult[]> {
  const kind = options.format && options.format !== 'auto' ? options.format : sniffKind(text);
  if (kind === 'lj-xml') {
    throw new QuireError(
      'bad_file',
      422,
      'This is a LiveJournal/Dreamwidth export: import it with `quire import lj-xml`.',
      'file',
    );
  }
  if (kind === 'ao3') return [(await importAo3Html(ctx, viewer, text, options.mode)).result];
  return importPostText(ctx, viewer, text, { mode: options.mode, format: kind });
}
