import { z } from 'zod';
import type { ReportReason } from '../../db/schema.ts';

export const REPORT_REASONS: Record<ReportReason, string> = {
  spam: 'Spam',
  harassment: 'Harassment',
  plagiarism: 'Plagiarism',
  untagged: 'Inappropriate content that is not tagged',
  other: 'Something else',
};
const reasonKeys = Object.keys(REPORT_REASONS) as [ReportReason, ...ReportReason[]];

const fields = {
  id: z.coerce.number({ error: 'There is nothing to report.' }).int().positive('There is nothing to report.'),
  reason: z.enum(reasonKeys, { error: 'Choose what is wrong.' }),
  details: z
    .string()
    .trim()
    .max(2000, 'Details: at most 2,000 characters.')
    .optional()
    .transform((s) => s ?? ''),
};

/** The report form (works, entries, comments; forum posts keep their own form). */
export const reportSchema = z.object({
  type: z.enum(['work', 'entry', 'comment'], { error: 'There is nothing to report.' }),
  ...fields,
});
export type ReportInput = z.infer<typeof reportSchema>;

/** `POST /api/v1/reports`: forum posts too (they go to the board's moderators: see decisions). */
export const apiReportSchema = z.object({
  type: z.enum(['work', 'entry', 'comment', 'post'], { error: 'type: work, entry, comment or post.' }),
  ...fields,
});

export const RESOLUTIONS = ['hide', 'warn', 'dismiss'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const resolveSchema = z.object({
  action: z.enum(RESOLUTIONS, { error: 'Choose hide, warn or dismiss.' }),
  note: z
    .string()
    .trim()
    .max(1000, 'A note: at most 1,000 characters.')
    .optional()
    .transform((s) => s ?? ''),
});
