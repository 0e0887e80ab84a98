import type { AppContext } from '../../context.ts';
import type { TagType } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import { enqueueEmail } from '../../mail/mail.jobs.ts';
import { requestAnnouncement } from '../journals/announcements.ts';
import { notify } from '../notifications/notify.ts';
import { requestThreadReplies } from '../forums/work-links.ts';
import { isBlockedByAny } from '../blocking/blocks.repository.ts';
import { announceGifts, saveGifts } from './gifts.ts';
import { findUserByUsername } from '../accounts/accounts.repository.ts';
import { findDefaultPseud, listPseudsOfUser } from '../pseuds/pseuds.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { refreshFilterTags } from '../tags/filter-tags.ts';
import { findOrCreateTagGroups, setWorkTags } from '../tags/tags.repository.ts';
import { canEditWork, canSeeWork } from '../visibility/visibility.ts';
import { backdate, prepareBody, prepareNote } from './chapter-body.ts';
import { reviseWork } from './revision.ts';
import { lockWork } from './work-counters.ts';
import * as seriesRepo from './series.repository.ts';
import * as repo from './works.repository.ts';
import type { ChapterInput, WorkEditInput, WorkInput } from './works.schema.ts';

type Ctx = Pick<AppContext, 'db'>;
type Trx = AppContext['db'];

/** A work's own fields from the form or the API, notes through the sanitizer. */
function workFields(input: WorkEditInput) {
  return {
    title: input.title,
    summary: prepareNote(input.summary),
    notes: prepareNote(input.notes),
    end_notes: prepareNote(input.endNotes),
    language: input.language,
    restricted: input.restricted ? 1 : 0,
    comment_permission: input.comments,
    moderated_comments: input.moderatedComments ? 1 : 0,
    expected_chapters: input.expectedChapters,
  };
}

/** A chapter's text fields: notes sanitized, the body sanitized and counted once. */
function chapterFields(
  input: Pick<ChapterInput, 'title' | 'summary' | 'notes' | 'endNotes' | 'body' | 'format'>,
) {
  const body = prepareBody(input.body, input.format);
  return {
    title: input.title,
    summary: prepareNote(input.summary),
    notes: prepareNote(input.notes),
    end_notes: prepareNote(input.endNotes),
    body: body.html,
    word_count: body.wordCount,
  };
}

/** What gift e-mails need to know about the work. */
function giftTarget(ctx: Pick<AppContext, 'config'>, id: number, title: string, posted: boolean) {
  return { id, title, posted, url: `${ctx.config.baseUrl}/works/${id}` };
}

/** Tags of every type, in the order a work shows them. */
async function saveTags(db: Trx, workId: number, input: WorkEditInput, now: string) {
  const groups: [TagType, string[]][] = [
    ['rating', [input.rating]],
    ['warning', input.warnings],
    ['category', input.categories],
    ['fandom', input.fandoms],
    ['relationship', input.relationships],
    ['character', input.characters],
    ['freeform', input.additionalTags],
  ];
  const ids = await findOrCreateTagGroups(db, groups, now);
  await setWorkTags(db, workId, [...new Set(ids)]);
  await refreshFilterTags(db, [workId]);
}

/** The poster's chosen pseuds (their default when none is chosen); never someone else's. */
async function resolvePseuds(db: Trx, viewer: Viewer, pseudIds: number[]) {
  const own = await listPseudsOfUser(db, viewer.id);
  if (pseudIds.length === 0) return own.filter((p) => p.is_default === 1);
  const chosen = pseudIds.map((id) => own.find((p) => p.id === id));
  if (chosen.some((p) => p === undefined))
    throw new ValidationError({ pseudIds: 'You can only post as your own pseuds.' });
  return chosen as NonNullable<(typeof chosen)[number]>[];
}

/** Co-creators are invited by username; they are shown once they accept. */
async function resolveCoCreators(db: Trx, viewer: Viewer, usernames: string[]) {
  const invited = [];
  for (const username of usernames) {
    const user = await findUserByUsername(db, username);
    if (!user || user.is_system || user.disabled_at) {
      throw new ValidationError({ coCreators: `There is no account named “${username}” to invite.` });
    }
    if (user.id === viewer.id) continue;
    if (await isBlockedByAny(db, [user.id], viewer.id))
      throw new ValidationError({ coCreators: `You cannot invite “${username}” as a co-creator.` });
    const pseud = await findDefaultPseud(db, user.id);
    if (pseud)
      invited.push({ pseud_id: pseud.id, user_id: user.id, email: user.email, username: user.username });
  }
  return invited;
}

async function placeInSeries(
  db: Trx,
  viewer: Viewer,
  workId: number,
  series: WorkEditInput['series'],
  creators: { pseud_id: number; user_id: number }[],
  now: string,
) {
  if (!series || (!series.id && !series.title)) return;
  let seriesId: number;
  if (series.id) {
    const own = await seriesRepo.findOwnSeries(db, series.id, viewer.id);
    if (!own) throw new ValidationError({ series: 'You can only add works to your own series.' });
    seriesId = own.id;
    await seriesRepo.lockSeries(db, seriesId, now);
  } else {
    seriesId = await seriesRepo.insertSeries(db, series.title!, now);
    await seriesRepo.addSeriesCreators(db, seriesId, creators);
  }
  const part = series.part ?? (await seriesRepo.nextPart(db, seriesId));
  if (await seriesRepo.partTaken(db, seriesId, part)) {
    throw new ValidationError({
      series: `Part ${part} of this series is already taken. Choose another part number.`,
    });
  }
  await seriesRepo.addToSeries(db, seriesId, workId, part);
}

/** Posts a work with its first chapter (or saves it as a draft). */
export async function postWork(
  ctx: Pick<AppContext, 'db' | 'config'>,
  viewer: Viewer,
  input: WorkInput,
): Promise<{ workId: number; chapterId: number }> {
  const now = nowIso();
  const firstChapter = chapterFields(input.chapter);
  return inTransaction(ctx.db, async (trx) => {
    const pseuds = await resolvePseuds(trx, viewer, input.pseudIds);
    const invited = await resolveCoCreators(trx, viewer, input.coCreators);
    const workId = await repo.insertWork(trx, {
      ...workFields(input),
      posted: input.draft ? 0 : 1,
      hidden_at: null,
      created_at: now,
      updated_at: now,
    });
    const creators = pseuds.map((p) => ({ pseud_id: p.id, user_id: viewer.id }));
    await repo.insertCreators(trx, [
      ...creators.map((c, position) => ({ ...c, work_id: workId, position, accepted: 1, created_at: now })),
      ...invited.map((c, i) => ({
        pseud_id: c.pseud_id,
        user_id: c.user_id,
        work_id: workId,
        position: creators.length + i,
        accepted: 0,
        created_at: now,
      })),
    ]);
    const chapterId = await repo.insertChapter(trx, {
      work_id: workId,
      position: 1,
      ...firstChapter,
      posted: input.draft ? 0 : 1,
      published_at: input.draft ? null : backdate(input.postedAt, now),
      created_at: now,
      updated_at: now,
    });
    await saveTags(trx, workId, input, now);
    await saveGifts(trx, giftTarget(ctx, workId, input.title, !input.draft), viewer, input.gifts);
    await placeInSeries(trx, viewer, workId, input.series, creators, now);
    await reviseWork(trx, workId, { kind: input.draft ? 'edited' : 'work-posted' }, now);
    if (!input.draft) await requestAnnouncement(trx, viewer, input, { workId, chapterId: null });
    if (!input.draft) await notify(trx, { kind: 'work.posted', workId });
    for (const person of invited) {
      await notify(trx, { kind: 'invitation', workId, userId: person.user_id, role: 'co-creator' });
      await enqueueEmail(trx, {
        to: person.email,
        subject: `${viewer.username} invited you to co-create “${input.title}”`,
        text: `Hi ${person.username},\n\n${viewer.username} listed you as a co-creator of “${input.title}” on Quire. You will be shown as a creator once you accept.\n\nAccept or decline: ${ctx.config.baseUrl}/account/invitations\n`,
      });
    }
    return { workId, chapterId };
  });
}

/**
 * Loads a work for editing: only its accepted creators may. Its row is locked for the rest of the
 * transaction (`lockWork`), so two chapters posted at once get different positions.
 */
async function editableWork(db: Trx, viewer: Viewer, workId: number) {
  await lockWork(db, workId);
  const work = await repo.findWork(db, workId);
  const creators = work ? await repo.creatorsOfWork(db, workId) : [];
  const creatorUserIds = creators.filter((c) => c.accepted).map((c) => c.user_id);
  if (!work || !canSeeWork(viewer, { ...work, creatorUserIds })) throw notFound('Work');
  if (!canEditWork(viewer, { creatorUserIds }))
    throw new QuireError('forbidden', 403, 'Only the work’s creators can change it.');
  return work;
}

/** Posts a draft work: its chapters are dated now (or the work's backdate). */
export async function publishDraft(
  ctx: Pick<AppContext, 'db' | 'config'>,
  viewer: Viewer,
  workId: number,
  postedAt?: string,
): Promise<void> {
  const now = nowIso();
  await inTransaction(ctx.db, async (trx) => {
    const work = await editableWork(trx, viewer, workId);
    if (work.posted) return;
    await repo.updateWorkFields(trx, workId, { posted: 1 });
    const chapters = await repo.chaptersOfWork(trx, workId, { postedOnly: false });
    for (const chapter of chapters) {
      await repo.updateChapter(trx, chapter.id, { posted: 1, published_at: backdate(postedAt, now) });
    }
    await reviseWork(trx, workId, { kind: 'work-posted' }, now);
    await notify(trx, { kind: 'work.posted', workId });
    if (chapters[0]) await requestThreadReplies(trx, viewer, { workId, chapterId: chapters[0].id });
    await announceGifts(trx, giftTarget(ctx, workId, work.title, true), viewer);
  });
}

/** Edits a work's fields and tags: never a bump (revision "edited"). */
export async function editWork(
  ctx: Pick<AppContext, 'db' | 'config'>,
  viewer: Viewer,
  workId: number,
  input: WorkEditInput,
): Promise<void> {
  const now = nowIso();
  await inTransaction(ctx.db, async (trx) => {
    const work = await editableWork(trx, viewer, workId);
    await repo.updateWorkFields(trx, workId, workFields(input));
    await saveTags(trx, workId, input, now);
    await saveGifts(trx, giftTarget(ctx, workId, input.title, work.posted === 1), viewer, input.gifts);
    await reviseWork(trx, workId, { kind: 'edited' }, now);
  });
}

/** Adds a chapter: posted, it bumps the work; as a draft, it does not. */
export async function addChapter(
  ctx: Ctx,
  viewer: Viewer,
  workId: number,
  input: ChapterInput,
): Promise<number> {
  const now = nowIso();
  const text = chapterFields(input);
  return inTransaction(ctx.db, async (trx) => {
    const work = await editableWork(trx, viewer, workId);
    const posted = !input.draft && work.posted === 1;
    const publishedAt = posted ? backdate(input.postedAt, now) : null;
    const chapterId = await repo.insertChapter(trx, {
      work_id: workId,
      position: await repo.nextChapterPosition(trx, workId),
      ...text,
      posted: posted ? 1 : 0,
      published_at: publishedAt,
      created_at: now,
      updated_at: now,
    });
    await reviseWork(
      trx,
      workId,
      posted ? { kind: 'chapter-posted', publishedAt: publishedAt! } : { kind: 'edited' },
      now,
    );
    if (posted) await requestAnnouncement(trx, viewer, input, { workId, chapterId });
    if (posted) await requestThreadReplies(trx, viewer, { workId, chapterId });
    if (posted) await notify(trx, { kind: 'chapter.posted', workId, chapterId });
    return chapterId;
  });
}

async function workChapter(db: Trx, workId: number, chapterId: number) {
  const chapter = (await repo.chaptersOfWork(db, workId, { postedOnly: false })).find(
    (c) => c.id === chapterId,
  );
  if (!chapter) throw notFound('Chapter');
  return chapter;
}

/**
 * Edits a chapter. Editing text never bumps; posting a draft chapter does ("chapter-posted");
 * changing a posted chapter's date recomputes Date Updated ("chapter-redated").
 */
export async function editChapter(
  ctx: Ctx,
  viewer: Viewer,
  workId: number,
  chapterId: number,
  input: ChapterInput,
): Promise<void> {
  const now = nowIso();
  const text = chapterFields(input);
  await inTransaction(ctx.db, async (trx) => {
    const work = await editableWork(trx, viewer, workId);
    const chapter = await workChapter(trx, workId, chapterId);
    const nowPosted = !input.draft && work.posted === 1;
    const becomesPosted = nowPosted && chapter.posted === 0;
    const publishedAt = nowPosted
      ? input.postedAt
        ? backdate(input.postedAt, now)
        : (chapter.published_at ?? now)
      : null;
    await repo.updateChapter(trx, chapterId, {
      ...text,
      posted: nowPosted ? 1 : 0,
      published_at: publishedAt,
      updated_at: now,
    });
    const event = becomesPosted
      ? ({ kind: 'chapter-posted', publishedAt: publishedAt! } as const)
      : chapter.posted && (publishedAt !== chapter.published_at || !nowPosted)
        ? ({ kind: 'chapter-redated' } as const)
        : ({ kind: 'edited' } as const);
    await reviseWork(trx, workId, event, now);
    if (becomesPosted) await requestThreadReplies(trx, viewer, { workId, chapterId });
    if (becomesPosted) await notify(trx, { kind: 'chapter.posted', workId, chapterId });
  });
}

/** Deletes a chapter (never the only one) and recomputes the work's dates. */
export async function deleteChapter(
  ctx: Ctx,
  viewer: Viewer,
  workId: number,
  chapterId: number,
): Promise<void> {
  const now = nowIso();
  await inTransaction(ctx.db, async (trx) => {
    await editableWork(trx, viewer, workId);
    await workChapter(trx, workId, chapterId);
    const all = await repo.chaptersOfWork(trx, workId, { postedOnly: false });
    if (all.length === 1) {
      throw new QuireError(
        'last_chapter',
        409,
        'A work needs at least one chapter. Delete the work instead.',
        'form',
      );
    }
    await repo.deleteChapter(trx, chapterId);
    await repo.renumberChapters(
      trx,
      workId,
      all.filter((c) => c.id !== chapterId).map((c) => c.id),
    );
    await reviseWork(trx, workId, { kind: 'chapter-removed' }, now);
  });
}

/** Reorders chapters (ids in the new order): an edit, not a bump. */
export async function reorderChapters(
  ctx: Ctx,
  viewer: Viewer,
  workId: number,
  orderedIds: number[],
): Promise<void> {
  const now = nowIso();
  await inTransaction(ctx.db, async (trx) => {
    await editableWork(trx, viewer, workId);
    const all = await repo.chaptersOfWork(trx, workId, { postedOnly: false });
    const same = all.length === orderedIds.length && all.every((c) => orderedIds.includes(c.id));
    if (!same) throw new ValidationError({ order: 'List every chapter of the work exactly once.' });
    await repo.renumberChapters(trx, workId, orderedIds);
    await reviseWork(trx, workId, { kind: 'edited' }, now);
  });
}

/** Deletes a work with its chapters, tags and series places (only its creators may). */
export async function deleteWork(ctx: Ctx, viewer: Viewer, workId: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    await editableWork(trx, viewer, workId);
    await repo.deleteWork(trx, workId);
  });
}
