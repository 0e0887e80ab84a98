/** AO3's fixed vocabulary: a work has exactly one rating, one or more warnings, any categories. */
export const RATINGS = [
  'General Audiences',
  'Teen And Up Audiences',
  'Mature',
  'Explicit',
  'Not Rated',
] as const;
export type Rating = (typeof RATINGS)[number];

export const ARCHIVE_WARNINGS = [
  'Creator Chose Not To Use Archive Warnings',
  'No Archive Warnings Apply',
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'Rape/Non-Con',
  'Underage Sex',
] as const;
export type ArchiveWarning = (typeof ARCHIVE_WARNINGS)[number];

export const CATEGORIES = ['F/F', 'F/M', 'Gen', 'M/M', 'Multi', 'Other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Ratings that show an adult-content notice before the work. */
export const ADULT_RATINGS: readonly Rating[] = ['Mature', 'Explicit', 'Not Rated'];

export const LIMITS = {
  title: 255,
  summary: 1250,
  notes: 5000,
  tag: 150,
  tagsTogether: 75,
  chapterBody: 510_000,
  chapterTitle: 255,
} as const;
