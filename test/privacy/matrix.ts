// The privacy matrix: for every protected kind (row) and every surface, who sees it (one character per
// viewer, in the order of VIEWERS). `Y` visible, `.` not visible; a whole surface that has no meaning
// for the kind is `n/a`. Every row names every surface: the suite fails on a missing one, so nothing is
// skipped silently. A note explains a cell that may surprise (a deliberate behaviour, not a leak).
//
// Viewers:  g guest · s stranger (signed in; muted `troll`; blocked by the author) · a on the author's
// access list · f in the author's custom filter "Inner" (and on the access list) · m member of the
// author's community · c accepted co-creator of the author's works · A the author (maintainer of the
// community) · M site moderator · X site admin. Everyone signed in follows the author, their journal
// and the community. `commenter` (comments, community submissions, a forum reply) and `troll` are not
// viewers.
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

const NA = 'n/a';
//                 gsafmcAMX
const ALL = 'YYYYYYYYY';
const NONE = '.........';
const SIGNED = '.YYYYYYYY';
const CREATORS = '.....YY..';
const CREATORS_STAFF = '.....YYYY';
const AUTHOR = '......Y..';
/** Subscribers of the author: everyone signed in but the creators (nobody is told of their own work). */
const SUBSCRIBERS = '.YYYY..YY';
const INVITED = 'the co-creator’s e-mail is their invitation to co-create it';

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

const work = (cells: Omit<Cells, keyof typeof notForWorks>): Cells => ({ ...notForWorks, ...cells });
const entry = (cells: Omit<Cells, keyof typeof notForEntries>): Cells => ({ ...notForEntries, ...cells });
const comment = (cells: Pick<Cells, 'page' | 'count' | 'api' | 'inbox' | 'email'>): Cells => ({
  ...notForComments,
  ...cells,
});
const post = (
  cells: Pick<Cells, 'page' | 'listing' | 'apiListing' | 'feed' | 'api' | 'inbox' | 'email'>,
): Cells => ({
  ...notForPosts,
  ...cells,
});
const bookmark = (
  cells: Pick<Cells, 'page' | 'count' | 'listing' | 'apiListing' | 'api' | 'inbox' | 'email'>,
): Cells => ({
  ...notForComments,
  ...cells,
});

/** A work everyone may read, as the author and subscribers see it. */
const openWork = (listed: string, notified: string) =>
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

export const MATRIX: Row[] = [
  // ---- Works ----
  {
    kind: 'public work (control)',
    item: 'publicwork',
    about: 'posted, public, co-created; the author blocked the stranger',
    cells: openWork(ALL, SIGNED),
    notes: {
      commentForm:
        'guests may not comment on this work; the stranger is blocked by the author: they read everything (AO3 blocking hides nothing) but get no comment box',
      inbox: 'subscribers are told of the new work; the creators’ inboxes name it in the comment notices',
      stats: 'statistics are the author’s own page',
    },
  },
  {
    kind: 'public work with a draft chapter (control)',
    item: 'chapterhost',
    about: 'posted, public, moderated comments; its second chapter is a draft',
    cells: openWork(ALL, SIGNED),
  },
  {
    kind: 'registered-only work',
    item: 'restrictedwork',
    about: 'posted with “only show to registered users”',
    cells: work({
      page: SIGNED,
      listing: SIGNED,
      apiListing: SIGNED,
      creatorWorks: SIGNED,
      series: SIGNED,
      tagPage: SIGNED,
      tagCount: SIGNED,
      search: SIGNED,
      reading: SIGNED,
      api: SIGNED,
      download: SIGNED,
      inbox: SUBSCRIBERS,
      email: '.YYYYY.YY',
      commentForm: '..YYYYYYY',
      autocomplete: SIGNED,
      stats: AUTHOR,
    }),
    notes: { email: INVITED },
  },
  {
    kind: 'work made registered-only after guests read it',
    item: 'restrictedlater',
    about: 'posted public, read by guests everywhere, then restricted (its jobs left waiting)',
    cells: work({
      page: SIGNED,
      listing: SIGNED,
      apiListing: SIGNED,
      creatorWorks: SIGNED,
      series: SIGNED,
      tagPage: SIGNED,
      tagCount: SIGNED,
      search: SIGNED,
      reading: SIGNED,
      api: SIGNED,
      download: SIGNED,
      inbox: SUBSCRIBERS,
      email: '.YYYYY.YY',
      commentForm: '..YYYYYYY',
      autocomplete: SIGNED,
      stats: AUTHOR,
    }),
    notes: { email: INVITED },
  },
  {
    kind: 'draft work',
    item: 'draftwork',
    about: 'saved as a draft, never posted',
    cells: work({
      page: CREATORS,
      listing: NONE,
      apiListing: NONE,
      creatorWorks: AUTHOR,
      series: CREATORS,
      tagPage: NONE,
      tagCount: NONE,
      search: NONE,
      reading: CREATORS,
      api: CREATORS,
      download: NONE,
      inbox: NONE,
      email: '.....Y...',
      commentForm: NONE,
      autocomplete: NONE,
      stats: AUTHOR,
    }),
    notes: {
      stats: 'the author’s own statistics list their draft (nobody else sees the page)',
      creatorWorks: 'a creator’s drafts show on their own works page only (the co-creator sees it on theirs)',
      email: INVITED,
    },
  },
  {
    kind: 'draft chapter of a posted work',
    item: 'draftchapter',
    about: 'chapter 2 of chapterhost, saved as a draft',
    cells: {
      page: CREATORS,
      count: NA,
      listing: CREATORS,
      apiListing: NA,
      creatorWorks: NA,
      series: NA,
      tagPage: NA,
      tagCount: NA,
      search: NONE,
      prevNext: CREATORS,
      reading: CREATORS,
      feed: NA,
      privateFeed: NA,
      api: CREATORS,
      download: NONE,
      inbox: NONE,
      email: NONE,
      commentForm: NA,
      autocomplete: NA,
      stats: NA,
    },
  },
  {
    kind: 'work hidden by a moderator',
    item: 'hiddenwork',
    about: 'posted (subscribers were told), then hidden through a report',
    cells: work({
      page: CREATORS_STAFF,
      listing: NONE,
      apiListing: NONE,
      creatorWorks: NONE,
      series: CREATORS_STAFF,
      tagPage: CREATORS_STAFF,
      tagCount: NONE,
      search: NONE,
      reading: CREATORS_STAFF,
      api: CREATORS_STAFF,
      download: CREATORS_STAFF,
      inbox: SUBSCRIBERS,
      email: '.YYYYY.YY',
      commentForm: CREATORS_STAFF,
      autocomplete: NONE,
      stats: AUTHOR,
    }),
    notes: {
      listing: 'staff reach a hidden work by its page, never through listings or search',
      creatorWorks:
        'hidden works leave every listing, the creators’ own included (they reach it by its link)',
      series: 'the series page asks the work rule (creators and staff see it), not the listing rule',
      tagPage: 'the tag’s own page lists recent works by the work rule too (creators and staff)',
      inbox:
        'a notice, like an e-mail, records what was shown when it was sent (the work was visible then); opening it asks again: 404',
      email: 'the e-mails went out while the work was visible; ' + INVITED,
    },
  },
  {
    kind: 'muted creator’s work',
    item: 'mutedwork',
    about: 'by troll, whom the stranger muted',
    cells: work({
      page: ALL,
      listing: 'Y.YYYYYYY',
      apiListing: 'Y.YYYYYYY',
      creatorWorks: 'Y.YYYYYYY',
      series: NA,
      tagPage: 'Y.YYYYYYY',
      tagCount: 'Y.YYYYYYY',
      search: 'Y.YYYYYYY',
      reading: ALL,
      api: ALL,
      download: ALL,
      inbox: NONE,
      email: NONE,
      commentForm: SIGNED,
      autocomplete: ALL,
      stats: NA,
    }),
    notes: { page: 'a muted creator’s work stays reachable by its link (mutes only filter listings)' },
  },
  // ---- Comments (on publicwork unless said) ----
  {
    kind: 'comment (control)',
    item: 'publiccomment',
    about: 'by commenter',
    cells: comment({ page: ALL, count: ALL, api: ALL, inbox: CREATORS, email: CREATORS }),
  },
  {
    kind: 'screened comment',
    item: 'screenedcomment',
    about: 'by commenter, screened by the author',
    cells: comment({ page: '......YYY', count: NONE, api: '......YYY', inbox: AUTHOR, email: AUTHOR }),
    notes: { inbox: 'the creators were told before they screened it' },
  },
  {
    kind: 'held comment (moderated work)',
    item: 'heldcomment',
    about: 'by commenter on chapterhost, awaiting approval',
    cells: comment({
      page: CREATORS_STAFF,
      count: NONE,
      api: CREATORS_STAFF,
      inbox: CREATORS,
      email: CREATORS,
    }),
  },
  {
    kind: 'muted user’s comment',
    item: 'mutedcomment',
    about: 'by troll, whom the stranger muted',
    cells: comment({ page: 'Y.YYYYYYY', count: ALL, api: 'Y.YYYYYYY', inbox: AUTHOR, email: AUTHOR }),
  },
  {
    kind: 'comment on an access-list entry',
    item: 'entrycomment',
    about: 'by the access-list member on accessentry',
    cells: { ...comment({ page: '..YY..Y..', count: NA, api: '..YY..Y..', inbox: AUTHOR, email: AUTHOR }) },
  },
  // ---- Bookmarks (by the author) ----
  {
    kind: 'bookmark (control)',
    item: 'publicbookmark',
    about: 'public bookmark of publicwork',
    cells: bookmark({
      page: ALL,
      count: ALL,
      listing: ALL,
      apiListing: ALL,
      api: ALL,
      inbox: NONE,
      email: NONE,
    }),
  },
  {
    kind: 'private bookmark',
    item: 'privatebookmark',
    about: 'private bookmark of restrictedwork',
    cells: bookmark({
      page: NONE,
      count: NONE,
      listing: AUTHOR,
      apiListing: AUTHOR,
      api: AUTHOR,
      inbox: NONE,
      email: NONE,
    }),
    notes: {
      page: 'a work’s bookmarks page lists public bookmarks only (AO3); the owner finds theirs in their own listing',
    },
  },
  {
    kind: 'public bookmark of a registered-only work',
    item: 'bookmarkofrestrictedwork',
    about: 'by commenter; the marker is the work’s title',
    cells: bookmark({
      page: SIGNED,
      count: NA,
      listing: SIGNED,
      apiListing: SIGNED,
      api: SIGNED,
      inbox: SUBSCRIBERS,
      email: '.YYYYY.YY',
    }),
    notes: { inbox: 'the inbox and e-mails are the work’s own notices (see its row)' },
  },
  {
    kind: 'public bookmark of a hidden work',
    item: 'bookmarkofhiddenwork',
    about: 'by commenter, made before a moderator hid the work; the marker is the work’s title',
    cells: bookmark({
      page: CREATORS_STAFF,
      count: NA,
      listing: NONE,
      apiListing: NONE,
      api: NONE,
      inbox: SUBSCRIBERS,
      email: '.YYYYY.YY',
    }),
    notes: { inbox: 'the inbox and e-mails are the work’s own notices (see its row)' },
  },
  // ---- Journal entries ----
  {
    kind: 'public entry (control)',
    item: 'publicentry',
    about: 'in the author’s journal',
    cells: entry({
      page: ALL,
      listing: ALL,
      apiListing: ALL,
      tagPage: ALL,
      tagCount: ALL,
      search: ALL,
      prevNext: ALL,
      reading: '.YYYYY.YY',
      feed: ALL,
      privateFeed: SIGNED,
      api: ALL,
      inbox: '.YYYYY.YY',
      email: '.YYYYY.YY',
      commentForm: 'Y.YYYYYYY',
    }),
  },
  ...(
    [
      ['access-list entry', 'accessentry', '..YY..Y..', '..YY..Y..'],
      ['custom-filter entry', 'filterentry', '...Y..Y..', '...Y.....'],
      ['private entry', 'privateentry', AUTHOR, NONE],
    ] as const
  ).map(([kind, item, seen, told]) => ({
    kind,
    item,
    about: 'in the author’s journal',
    cells: { ...lockedEntry(seen), inbox: told, email: told },
    notes: item === 'accessentry' ? { inbox: 'the author hears of the comment on it, which names it' } : {},
  })),
  {
    kind: 'entry made private after guests read it',
    item: 'privatelater',
    about: 'posted public (subscribers were told), read by guests everywhere, then made private',
    cells: { ...lockedEntry(AUTHOR), inbox: '.YYYYY.YY', email: '.YYYYY.YY' },
    notes: { inbox: 'notices and e-mails record what was shown when they were sent' },
  },
  {
    kind: 'community entry (control)',
    item: 'approvedentry',
    about: 'by commenter in the moderated community, approved by the author',
    cells: entry({
      page: ALL,
      listing: ALL,
      apiListing: ALL,
      tagPage: ALL,
      tagCount: ALL,
      search: ALL,
      prevNext: ALL,
      reading: '.YYYYY.YY',
      feed: ALL,
      privateFeed: SIGNED,
      api: ALL,
      inbox: '.YYYYY.YY',
      email: '.YYYYY.YY',
      commentForm: ALL,
    }),
  },
  {
    kind: 'members-only community entry',
    item: 'memberentry',
    about: 'by the author (maintainer), security “members”',
    cells: lockedEntry('....Y.Y..'),
  },
  {
    kind: 'community entry awaiting approval',
    item: 'pendingentry',
    about: 'by commenter, public once approved',
    cells: { ...lockedEntry(AUTHOR, false), privateFeed: NONE, commentForm: NONE },
    notes: {
      page: 'the maintainers (the author) see the queue; site staff get nothing more in a community',
      privateFeed: 'feeds carry published entries only',
      commentForm: 'an entry awaiting approval takes no comments',
    },
  },
  {
    kind: 'rejected community entry',
    item: 'rejectedentry',
    about: 'by commenter, rejected by the author: its poster’s alone',
    cells: lockedEntry(NONE, false),
  },
  // ---- Forums ----
  {
    kind: 'thread on a public board (control)',
    item: 'openthread',
    about: 'started by the admin on a moderated site board',
    cells: post({ page: ALL, listing: ALL, apiListing: ALL, feed: ALL, api: ALL, inbox: NONE, email: NONE }),
  },
  {
    kind: 'members-only community board',
    item: 'boardthread',
    about: 'a thread by the author on the community’s members-only board',
    cells: post({
      page: '....Y.Y..',
      listing: '....Y.Y..',
      apiListing: '....Y.Y..',
      feed: NONE,
      api: '....Y.Y..',
      inbox: NONE,
      email: NONE,
    }),
    notes: { page: 'site staff get nothing more on a community’s members-only board' },
  },
  {
    kind: 'forum reply awaiting approval',
    item: 'pendingpost',
    about: 'by commenter in openthread (moderated board)',
    cells: post({
      page: '.......YY',
      listing: NONE,
      apiListing: NONE,
      feed: NONE,
      api: '.......YY',
      inbox: NONE,
      email: NONE,
    }),
  },
  {
    kind: 'forum reply hidden by a moderator',
    item: 'hiddenpost',
    about: 'by the admin in openthread, hidden by the moderator: a stub for all but moderators',
    cells: post({
      page: '.......YY',
      listing: NONE,
      apiListing: NONE,
      feed: NONE,
      api: '.......YY',
      inbox: NONE,
      email: NONE,
    }),
  },
];

/** A locked entry: seen by `seen` on its page and every list; feeds without a token never carry it. */
function lockedEntry(seen: string, subscribed = true): Cells {
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
