import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { ImportsTable } from '../../db/schema.ts';
import { nowIso } from '../../lib/clock.ts';
import { QuireError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { listOwnSeries } from '../works/series.repository.ts';
import { formToChapterInput, formToWorkInput } from '../works/work-form.ts';
import { chapterSchema, workSchema } from '../works/works.schema.ts';
import { addChapter, postWork } from '../works/works.service.ts';
import { parsePost } from './header-parser.ts';
import { draftFromParsed, type ImportDraft, workTitleOf } from './import-draft.ts';
import * as repo from './imports.repository.ts';
import type { ParsedPost, ParseOptions } from './types.ts';

type Ctx = Pick<AppContext, 'db' | 'config'>;

/** Where an import came from: its key makes importing it again a no-op. */
export interface ImportSource {
  key: string;
  kind: ImportsTable['kind'];
  /** A journal entry's own data, kept for [journals]. */
  entry?: unknown;
}

/** One work to create from an import (the posting form's values), or a chapter to add to a work. */
export interface WorkPlan {
  values: Record<string, string | string[]>;
  /** Add the text as the next chapter of this work (a "Chapter 3" post of a work already here). */
  continueWorkId?: number | null;
  /** The chapter form's values of the work's further chapters (an AO3 download's chapters 2…n). */
  moreChapters?: Record<string, string>[];
}

export interface ImportedWork {
  id: number;
  title: string;
  chapterId: number | null;
}

export type ImportResult =
  | { status: 'imported'; works: ImportedWork[] }
  | { status: 'already'; works: ImportedWork[] }
  | { status: 'no-fic' };

/** A key for a pasted or uploaded post: its content, so the same post is imported once. */
export function postKey(text: string, index: number): string {
  return `post:${createHash('sha256').update(text).digest('hex').slice(0, 32)}#${index + 1}`;
}

/** A parsed fic with the work it continues, when it is a later chapter of one of the account's works. */
export interface ReadWork extends ImportDraft {
  continues: { id: number; title: string } | null;
}

/** Reads a post for the import form: the parse, and each fic as the posting form's values. */
export async function readPost(
  ctx: Ctx,
  viewer: Viewer,
  text: string,
  options: ParseOptions = {},
): Promise<{ post: ParsedPost; works: ReadWork[] }> {
  const post = parsePost(text, options);
  const ownSeries = post.works.some((w) => w.series) ? await listOwnSeries(ctx.db, viewer.id) : [];
  const works: ReadWork[] = [];
  for (const work of post.works) {
    const draft = draftFromParsed(work, post.source, ownSeries);
    works.push({ ...draft, continues: await continuedWork(ctx, viewer, draft, workTitleOf(work)) });
  }
  return { post, works };
}

async function continuedWork(ctx: Ctx, viewer: Viewer, draft: ImportDraft, title: string) {
  if (!draft.chapter?.number || draft.chapter.number < 2 || !title) return null;
  const [work] = await repo.ownWorksTitled(ctx.db, viewer.id, title);
  return work ?? null;
}

/**
 * Imports one source item in one transaction: records it, then posts each planned work (or adds
 * each planned chapter). Importing the same key again changes nothing and says what it made before;
 * a work the form would refuse fails the whole item (ValidationError) and writes nothing.
 */
export async function importItem(
  ctx: Ctx,
  viewer: Viewer,
  source: ImportSource,
  plans: WorkPlan[],
): Promise<ImportResult> {
  return inTransaction(ctx.db, async (trx) => {
    const previous = await repo.findImport(trx, viewer.id, source.key);
    if (previous) {
      return {
        status: 'already',
        works: previous.works.map((w) => ({ id: w.id, title: w.title, chapterId: w.chapter_id })),
      };
    }
    const importId = await repo.insertImport(trx, {
      user_id: viewer.id,
      source_key: source.key,
      kind: source.kind,
      entry: source.entry === undefined ? null : JSON.stringify(source.entry),
      created_at: nowIso(),
    });
    if (plans.length === 0) return { status: 'no-fic' };
    const inner = { ...ctx, db: trx };
    const works: ImportedWork[] = [];
    for (const plan of plans) {
      const title = String(plan.values.title ?? '');
      if (plan.continueWorkId) {
        const input = validate(chapterSchema, formToChapterInput(chapterValues(plan.values)));
        const chapterId = await addChapter(inner, viewer, plan.continueWorkId, input);
        await repo.linkImportedWork(trx, importId, plan.continueWorkId, chapterId);
        works.push({ id: plan.continueWorkId, title, chapterId });
      } else {
        const input = validate(workSchema, formToWorkInput(plan.values));
        const { workId } = await postWork(inner, viewer, input);
        for (const chapter of plan.moreChapters ?? []) {
          await addChapter(inner, viewer, workId, validate(chapterSchema, formToChapterInput(chapter)));
        }
        await repo.linkImportedWork(trx, importId, workId, null);
        works.push({ id: workId, title, chapterId: null });
      }
    }
    return { status: 'imported', works };
  });
}

/** A continuing chapter's fields: the post's notes become the chapter's notes. */
function chapterValues(values: WorkPlan['values']): Record<string, unknown> {
  return {
    ...values,
    chapterNotes: values.chapterNotes ?? values.notes,
    chapterEndNotes: values.chapterEndNotes ?? values.endNotes,
    chapterSummary: values.chapterSummary ?? values.summary,
  };
}

export type ImportMode = 'post' | 'draft';

/**
 * Imports a post (plain text or HTML) as is, for the command line: every fic in it (each its own
 * import, keyed like the web's), posted or saved as drafts, later chapters added to the works they
 * continue.
 */
export async function importPostText(
  ctx: Ctx,
  viewer: Viewer,
  text: string,
  options: ParseOptions & { mode: ImportMode },
): Promise<ImportResult[]> {
  const { works } = await readPost(ctx, viewer, text, options);
  if (works.length === 0) throw new QuireError('no_fic', 422, 'No story found in the post.');
  const plans = plansFor(works, options.mode);
  const results: ImportResult[] = [];
  for (const [index, plan] of plans.entries()) {
    results.push(await importItem(ctx, viewer, { kind: 'post', key: postKey(text, index) }, [plan]));
  }
  return results;
}

export function plansFor(works: ReadWork[], mode: ImportMode): WorkPlan[] {
  return works.map((work) => ({
    values: { ...work.values, save: mode === 'draft' ? 'draft' : 'post' },
    continueWorkId: work.continues?.id ?? null,
  }));
}
