// The privacy matrix's cell vocabulary: viewer strings, the n/a groups per item type, row builders.
// The table itself is matrix.ts (its header explains the format).
import type { SurfaceName } from './surfaces.ts';

export type Cells = Record<SurfaceName, string>;

export interface Row {
  kind: string;
  /** The world's item the row is about (world.ts `items`). */
  item: string;
  /** What the row protects and where it lives in the world (world.ts). */
  about: string;
  cells: Cells;
  notes?: Partial<Record<SurfaceName, string>>;
}

export const NA = 'n/a';
//                 gsafmcAMX
export const ALL = 'YYYYYYYYY';
export const NONE = '.........';
export const SIGNED = '.YYYYYYYY';
export const CREATORS = '.....YY..';
export const CREATORS_STAFF = '.....YYYY';
export const AUTHOR = '......Y..';
/** Subscribers of the author: everyone signed in but the creators (nobody is told of their own work). */
export const SUBSCRIBERS = '.YYYY..YY';
export const INVITED = 'the co-creator’s e-mail is their invitation to co-create it';

/** Surfaces that only works, chapters, entries… serve, so rows of other types say n/a for them at once. */
const notForComments = {
  listing: NA,
  apiListing: NA,
  creatorWorks: NA,
  series: NA,
  tagPage: NA,
  tagCount: NA,
  search: NA,
  prevNext: NA,
  reading: NA,
  feed: NA,
  privateFeed: NA,
  download: NA,
  commentForm: NA,
  autocomplete: NA,
  stats: NA,
};
const notForEntries = { count: NA, download: NA, autocomplete: NA, stats: NA, creatorWorks: NA, series: NA };
const notForWorks = { count: NA, prevNext: NA, feed: NA, privateFeed: NA };
const notForPosts = {
  count: NA,
  creatorWorks: NA,
  series: NA,
  tagPage: NA,
  tagCount: NA,
  search: NA,
  prevNext: NA,
  reading: NA,
  privateFeed: NA,
  download: NA,
  commentForm: NA,
  autocomplete: NA,
  stats: NA,
};

export const work = (cells: Omit<Cells, keyof typeof notForWorks>): Cells => ({ ...notForWorks, ...cells });
export const entry = (cells: Omit<Cells, keyof typeof notForEntries>): Cells => ({
  ...notForEntries,
  ...cells,
});
export const comment = (cells: Pick<Cells, 'page' | 'count' | 'api' | 'inbox' | 'email'>): Cells => ({
  ...notForComments,
  ...cells,
});
export const post = (
  cells: Pick<Cells, 'page' | 'listing' | 'apiListing' | 'feed' | 'api' | 'inbox' | 'email'>,
): Cells => ({
  ...notForPosts,
  ...cells,
});
export const bookmark = (
  cells: Pick<Cells, 'page' | 'count' | 'listing' | 'apiListing' | 'api' | 'inbox' | 'email'>,
): Cells => ({
  ...notForComments,
  ...cells,
});

/** A work everyone may read, as the author and subscribers see it. */
export const openWork = (listed: string, notified: string) =>
  work({
    page: ALL,
    listing: listed,
    apiListing: listed,
    creatorWorks: listed,
    series: listed,
    tagPage: listed,
    tagCount: listed,
    search: listed,
    reading: ALL,
    api: ALL,
    download: ALL,
    inbox: notified,
    email: notified,
    commentForm: '..YYYYYYY',
    autocomplete: ALL,
    stats: AUTHOR,
  });

/** A locked entry: seen by `seen` on its page and every list; feeds without a token never carry it. */
export function lockedEntry(seen: string, subscribed = true): Cells {
  // The reading page and notices reach subscribers who may see it (not its poster).
  const told = subscribed ? seen.replace(/^(.{6})Y/, '$1.') : NONE;
  return entry({
    page: seen,
    listing: seen,
    apiListing: seen,
    tagPage: seen,
    tagCount: seen,
    search: seen,
    prevNext: seen,
    reading: told,
    feed: NONE,
    privateFeed: seen,
    api: seen,
    inbox: told,
    email: told,
    commentForm: seen,
  });
}
