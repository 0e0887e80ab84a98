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
import type { Row } from './cells.ts';
import { ARCHIVE_ROWS } from './rows-archive.ts';
import { JOURNAL_ROWS } from './rows-journals.ts';

export type { Cells, Row } from './cells.ts';

export const MATRIX: Row[] = [...ARCHIVE_ROWS, ...JOURNAL_ROWS];
