import { z } from 'zod';
import { findActiveViewer } from '../accounts/accounts.repository.ts';
import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';
import { inTransaction } from '../../db/transaction.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import { ValidationError } from '../../lib/errors.ts';
import { escapeHtml, type SafeHtml } from '../../lib/safe-html.ts';
import { htmlToText } from '../downloads/html-to-text.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleEntries } from '../visibility/entry-visibility.ts';
import { readWork } from '../works/works.read.ts';
import { entryUrl } from './entry.views.tsx';
import * as repo from './journals.repository.ts';
import { canPostTo, postEntry } from './journals.service.ts';

export const ANNOUNCE = 'journals.announce';

/** What a writer asks for when posting a work or a chapter: the same fields on the form and in the API. */
export interface AnnounceRequest {
  announceJournal?: boolean;
  announceCommunities?: string[];
  announceExcerpt?: boolean;
}

const payload = z.object({
  userId: z.number().int(),
  workId: z.number().int(),
  chapterId: z.number().int().nullable(),
  journals: z.array(z.number().int()),
  excerpt: z.boolean(),
});

/** How much of the text an announcement may carry ("the first part"). */
const EXCERPT_WORDS = 300;

/**
 * Checks where the announcement may go (now, so a refusal reaches the form) and asks the job queue
 * to post it in the same transaction as the work or chapter: a rolled-back post announces nothing.
 */
export async function requestAnnouncement(
  db: DB,
  viewer: Viewer,
  request: AnnounceRequest,
  target: { workId: number; chapterId: number | null },
): Promise<void> {
  const journals: number[] = [];
  if (request.announceJournal) journals.push((await repo.ensurePersonalJournal(db, viewer)).id);
  for (const name of request.announceCommunities ?? []) {
    const journal = await repo.findJournalByName(db, name);
    if (!journal || journal.kind !== 'community' || !(await canPostTo({ db }, viewer, journal)))
      throw new ValidationError({ announceCommunities: `You cannot post to a community called “${name}”.` });
    journals.push(journal.id);
  }
  if (journals.length === 0) return;
  await enqueue(db, ANNOUNCE, {
    userId: viewer.id,
    ...target,
    journals,
    excerpt: request.announceExcerpt ?? false,
  });
}

const line = (label: string, values: string[]) =>
  values.length ? `<p><strong>${escapeHtml(label)}:</strong> ${values.map(escapeHtml).join(', ')}</p>` : '';

/** The opening of a chapter, as plain text cut after `count` words (paragraphs kept). */
function firstWords(html: SafeHtml, count: number): string {
  let kept = '';
  let n = 0;
  for (const part of htmlToText(html).split(/(\s+)/)) {
    if (part.trim() && ++n > count) return `${kept.trim()} …`;
    kept += part;
  }
  return kept.trim();
}

/** Posts the announcement entries (the job): a link, the header block and, if asked, the opening. */
export const announceJob: JobHandler = async (raw, ctx) => {
  const job = payload.parse(raw);
  const viewer: Viewer | undefined = await findActiveViewer(ctx.db, job.userId);
  if (!viewer) return;
  const view = await readWork(ctx, viewer, job.workId).catch(() => null);
  if (!view || view.work.posted !== 1) return;
  const { work, tags } = view;
  const chapter = job.chapterId ? view.chapters.find((c) => c.id === job.chapterId) : view.chapters[0];
  if (!chapter || chapter.posted !== 1) return;
  const url = `${ctx.config.baseUrl}/works/${work.id}${job.chapterId ? `/chapters/${chapter.id}` : ''}`;
  const chapters = `${work.posted_chapters}/${work.expected_chapters ?? '?'}`;
  const newChapter = job.chapterId !== null;
  const subject = newChapter
    ? `${work.title}, chapter ${chapter.position}${chapter.title ? `: ${chapter.title}` : ''}`
    : work.title;
  const body = [
    `<p><a href="${escapeHtml(url)}">${escapeHtml(subject)}</a> by ${view.creators.map((c) => escapeHtml(c.pseud)).join(', ')}</p>`,
    line('Fandom', tags.fandom),
    line('Rating', tags.rating),
    line('Warnings', tags.warning),
    line('Relationships', tags.relationship),
    line('Characters', tags.character),
    line('Additional tags', tags.freeform),
    work.summary ? `<blockquote>${work.summary}</blockquote>` : '',
    `<p><strong>Words:</strong> ${work.word_count.toLocaleString('en')} · <strong>Chapters:</strong> ${chapters}</p>`,
    job.excerpt
      ? `<p>${escapeHtml(firstWords(chapter.body as SafeHtml, EXCERPT_WORDS))
          .replace(/\n\n+/g, '</p><p>')
          .replace(/\n/g, '<br>')}</p><p><a href="${escapeHtml(url)}">Read on</a></p>`
      : '',
  ].join('\n');
  for (const journalId of job.journals) {
    const journal = await repo.findJournal(ctx.db, journalId);
    if (!journal || !(await canPostTo(ctx, viewer, journal))) continue;
    await inTransaction(ctx.db, async (trx) => {
      const id = await postEntry({ db: trx, dialect: ctx.dialect }, viewer, journal, {
        subject,
        body,
        format: 'html',
        tags: tags.fandom,
        // A registered-only work is announced to members / the access list only.
        security: work.restricted ? 'access' : 'public',
      });
      await trx.updateTable('entries').set({ work_id: work.id }).where('id', '=', id).execute();
    });
  }
};

/** Where a work was announced, as this viewer may see it (the work page's "Announced in"). */
function announcementsQuery(db: DB, viewer: Viewer | null, workId: number) {
  return db
    .selectFrom('entries')
    .select(['entries.id', 'entries.journal_id', 'entries.subject'])
    .where('entries.work_id', '=', workId)
    .where((eb) => visibleEntries(eb, viewer))
    .orderBy('entries.created_at');
}

/** Guests' work pages (most of them) ask the same query: compiled once per database. */
const guestAnnouncements = prepared((db, p: Slots<{ workId: number }>) =>
  announcementsQuery(db, null, p.workId),
);

export async function announcementsOf(db: DB, viewer: Viewer | null, workId: number) {
  const rows =
    viewer === null
      ? await guestAnnouncements(db, { workId })
      : await announcementsQuery(db, viewer, workId).execute();
  const out: { journal: string; url: string; subject: string }[] = [];
  for (const row of rows) {
    const journal = await repo.findJournal(db, row.journal_id);
    if (journal)
      out.push({ journal: journal.display_name, url: entryUrl(journal, row.id), subject: row.subject });
  }
  return out;
}
