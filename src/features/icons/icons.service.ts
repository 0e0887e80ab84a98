import type { Metadata } from 'sharp';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { type FieldErrors, notFound, ValidationError } from '../../lib/errors.ts';
import { zodFieldErrors } from '../../lib/validation.ts';
import * as repo from './icons.repository.ts';

type Ctx = Pick<AppContext, 'db' | 'dialect'>;

/** How many icons one account may keep (Dreamwidth's free accounts get six). */
export const MAX_ICONS = 6;
/** The largest upload taken, in bytes. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** Icons are stored to fit this square, never enlarged. */
export const ICON_SIZE = 100;
export const KEYWORD_MAX = 60;
export const ALT_MAX = 120;
/** Larger pictures are refused before they are decoded (a small file can unpack to a huge bitmap). */
const MAX_INPUT_PIXELS = 40_000_000;
/** What the stored bytes are: every icon is re-encoded, so this is the only type served. */
export const ICON_MIME = 'image/webp';
const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);

const NOT_AN_IMAGE =
  'That file is not a PNG, JPEG, GIF or WebP image. Please choose a picture in one of those.';
const TOO_LARGE = `The image is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Please choose a smaller file.`;

export const iconTextSchema = z.object({
  keyword: z
    .string({ error: 'Please give the icon a keyword.' })
    .trim()
    .min(1, 'Please give the icon a keyword.')
    .max(KEYWORD_MAX, `A keyword can be at most ${KEYWORD_MAX} characters long.`)
    .refine((s) => !/\p{Cc}/u.test(s), 'A keyword cannot contain control characters.'),
  alt: z
    .string({ error: 'Please describe the icon for people who cannot see it.' })
    .trim()
    .min(1, 'Please describe the icon for people who cannot see it.')
    .max(ALT_MAX, `The description can be at most ${ALT_MAX} characters long.`)
    .refine((s) => !/\p{Cc}/u.test(s), 'The description cannot contain control characters.'),
});
export type IconText = z.infer<typeof iconTextSchema>;

export interface IconUpload {
  keyword?: unknown;
  alt?: unknown;
  /** The checkbox: '1' (or true) to make the new icon the default. */
  makeDefault?: unknown;
  /** The uploaded file's bytes (its name and declared type are not trusted, so not taken). */
  image?: Uint8Array | null;
}

export interface ProcessedIcon {
  data: Buffer;
  mime: string;
  width: number;
  height: number;
}

/**
 * Reads an upload by its content (never its name or declared type), takes the first frame of an
 * animation, turns it upright, fits it in ICON_SIZE² without enlarging it, and re-encodes it as
 * WebP, which leaves every piece of metadata (EXIF, GPS, comments, colour profiles) behind.
 */
export async function processIconImage(bytes: Uint8Array | null | undefined): Promise<ProcessedIcon> {
  if (!bytes || bytes.length === 0) throw new ValidationError({ image: 'Please choose an image to upload.' });
  if (bytes.length > MAX_UPLOAD_BYTES) throw new ValidationError({ image: TOO_LARGE });
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Loaded on first use: libvips adds ~30 MB to a process that may never see an upload.
  const { default: sharp } = await import('sharp');
  let meta: Metadata;
  try {
    meta = await sharp(input, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch {
    throw new ValidationError({ image: NOT_AN_IMAGE });
  }
  if (!meta.format || !ACCEPTED_FORMATS.has(meta.format) || !meta.width || !meta.height) {
    throw new ValidationError({ image: NOT_AN_IMAGE });
  }
  if (meta.width * meta.height > MAX_INPUT_PIXELS) {
    throw new ValidationError({
      image: `The picture is ${meta.width}×${meta.height} pixels, too many to shrink. Please make it smaller first.`,
    });
  }
  try {
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(ICON_SIZE, ICON_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 90 })
      .toBuffer({ resolveWithObject: true });
    return { data, mime: ICON_MIME, width: info.width, height: info.height };
  } catch {
    throw new ValidationError({ image: 'That image could not be read: the file may be damaged.' });
  }
}

const checkedText = (raw: { keyword?: unknown; alt?: unknown }) =>
  iconTextSchema.safeParse({ keyword: raw.keyword ?? '', alt: raw.alt ?? '' });

const clashMessage = (keyword: string) =>
  `You already have an icon with the keyword “${keyword}”. Keywords pick an icon, so each must be different.`;
const fullMessage = `You have ${MAX_ICONS} icons, the most an account can have. Delete one to upload another.`;

export function listIcons(ctx: Ctx, userId: number): Promise<repo.IconSummary[]> {
  return repo.listIcons(ctx.db, userId);
}

export async function ownIcon(ctx: Ctx, userId: number, id: number): Promise<repo.IconSummary> {
  const icon = await repo.findOwnIcon(ctx.db, userId, id);
  if (!icon) throw notFound('Icon');
  return icon;
}

/**
 * Adds an icon. Every problem (keyword, alt text, the file, the limit) is reported at once, and
 * nothing is written unless all is well. An account with no default icon (its first upload) gets this one.
 */
export async function uploadIcon(ctx: Ctx, userId: number, upload: IconUpload): Promise<repo.IconSummary> {
  const errors: FieldErrors = {};
  const text = checkedText(upload);
  if (!text.success) Object.assign(errors, zodFieldErrors(text.error));
  if (text.success) {
    const clash = await repo.findKeywordClash(ctx.db, userId, text.data.keyword);
    if (clash) errors.keyword = clashMessage(clash.keyword);
  }
  if ((await repo.countIcons(ctx.db, userId)) >= MAX_ICONS) errors.image = fullMessage;
  let image: ProcessedIcon | undefined;
  if (!errors.image) {
    try {
      image = await processIconImage(upload.image);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fields);
    }
  }
  if (!text.success || !image || Object.keys(errors).length > 0) throw new ValidationError(errors);
  const { keyword, alt } = text.data;
  const processed = image;
  const makeDefault =
    upload.makeDefault === true || upload.makeDefault === '1' || upload.makeDefault === 'on';
  return inTransaction(ctx.db, async (trx) => {
    // The checks again, now that no other upload for this account can run alongside.
    await repo.lockAccount(trx, ctx.dialect, userId);
    if ((await repo.countIcons(trx, userId)) >= MAX_ICONS) throw new ValidationError({ image: fullMessage });
    const clash = await repo.findKeywordClash(trx, userId, keyword);
    if (clash) throw new ValidationError({ keyword: clashMessage(clash.keyword) });
    const icon = await repo.insertIcon(trx, {
      user_id: userId,
      keyword,
      alt,
      mime: processed.mime,
      width: processed.width,
      height: processed.height,
      data: processed.data,
      created_at: nowIso(),
    });
    if (makeDefault || !(await repo.defaultIconFor(trx, userId))) {
      await repo.setDefaultIcon(trx, userId, icon.id);
      return { ...icon, is_default: 1 };
    }
    return icon;
  });
}

/** Changes an icon's keyword and alt text; its picture (and so its address) stays the same. */
export async function updateIcon(
  ctx: Ctx,
  userId: number,
  id: number,
  raw: { keyword?: unknown; alt?: unknown },
): Promise<repo.IconSummary> {
  await ownIcon(ctx, userId, id);
  const text = checkedText(raw);
  if (!text.success) throw new ValidationError(zodFieldErrors(text.error));
  return inTransaction(ctx.db, async (trx) => {
    await repo.lockAccount(trx, ctx.dialect, userId);
    const clash = await repo.findKeywordClash(trx, userId, text.data.keyword, id);
    if (clash) throw new ValidationError({ keyword: clashMessage(clash.keyword) });
    if (!(await repo.updateIconText(trx, userId, id, text.data))) throw notFound('Icon');
    return (await repo.findOwnIcon(trx, userId, id))!;
  });
}

export async function makeDefaultIcon(ctx: Ctx, userId: number, id: number): Promise<repo.IconSummary> {
  const icon = await ownIcon(ctx, userId, id);
  await inTransaction(ctx.db, (trx) => repo.setDefaultIcon(trx, userId, id));
  return { ...icon, is_default: 1 };
}

/** Deletes an icon. Entries that used it keep no icon; if it was the default, there is none until chosen. */
export async function deleteIcon(ctx: Ctx, userId: number, id: number): Promise<repo.IconSummary> {
  const icon = await ownIcon(ctx, userId, id);
  if (!(await repo.deleteIcon(ctx.db, userId, id))) throw notFound('Icon');
  return icon;
}

/** The bytes to serve at `/icons/:id`. Icons are public, like Dreamwidth's. */
export async function iconImage(ctx: Ctx, id: number): Promise<{ mime: string; data: Buffer }> {
  const row = await repo.findIconImage(ctx.db, id);
  if (!row) throw notFound('Icon');
  return { mime: row.mime, data: Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
}
