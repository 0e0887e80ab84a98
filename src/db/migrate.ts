import { type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { DB, Dialect } from './connect.ts';
import { foundation } from './migrations/0001_foundation.ts';
import { works } from './migrations/0002_works.ts';
import { imports } from './migrations/0003_imports.ts';
import { workChangeNotify } from './migrations/0004_work_change_notify.ts';
import { wrangling } from './migrations/0005_wrangling.ts';
import { search } from './migrations/0006_search.ts';
import { readerFilters } from './migrations/0007_reader_filters.ts';
import { tagPrefixIndex } from './migrations/0008_tag_prefix_index.ts';
import { journals } from './migrations/0009_journals.ts';
import { worksChangeOrder } from './migrations/0010_works_change_order.ts';
import { forums } from './migrations/0011_forums.ts';
import { journalSearchAndReadingFilters } from './migrations/0012_journal_search_and_reading_filters.ts';
import { searchHead } from './migrations/0013_search_head.ts';
import { listableWorksIndex } from './migrations/0014_listable_works_index.ts';
import { interactionsCore } from './migrations/0015_interactions_core.ts';
import { comments } from './migrations/0016_comments.ts';
import { bookmarks } from './migrations/0017_bookmarks.ts';
import { notifications } from './migrations/0018_notifications.ts';
import { readingHistory } from './migrations/0019_reading_history.ts';
import { reportsStats } from './migrations/0020_reports_stats.ts';
import { rateLimits } from './migrations/0021_rate_limits.ts';
import { delivery } from './migrations/0022_delivery.ts';
import { moderatorUnhide } from './migrations/0024_moderator_unhide.ts';
import { hitCounters } from './migrations/0025_hit_counters.ts';

/** Every migration, in order. Each is a function of the dialect so column types can differ. */
function allMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_foundation': foundation(dialect),
    '0002_works': works(dialect),
    '0003_imports': imports(dialect),
    '0004_work_change_notify': workChangeNotify(dialect),
    '0005_wrangling': wrangling(dialect),
    '0006_search': search(dialect),
    '0007_reader_filters': readerFilters(dialect),
    '0008_tag_prefix_index': tagPrefixIndex(dialect),
    '0009_journals': journals(dialect),
    '0010_works_change_order': worksChangeOrder(dialect),
    '0011_forums': forums(dialect),
    '0012_journal_search_and_reading_filters': journalSearchAndReadingFilters(dialect),
    '0013_search_head': searchHead(dialect),
    '0014_listable_works_index': listableWorksIndex(dialect),
    '0015_interactions_core': interactionsCore(dialect),
    '0016_comments': comments(dialect),
    '0017_bookmarks': bookmarks(dialect),
    '0018_notifications': notifications(dialect),
    '0019_reading_history': readingHistory(dialect),
    '0020_reports_stats': reportsStats(dialect),
    '0021_rate_limits': rateLimits(dialect),
    '0022_delivery': delivery(dialect),
    '0024_moderator_unhide': moderatorUnhide(dialect),
    '0025_hit_counters': hitCounters(dialect),
  };
}

/** The migrations' names, in order. */
export function migrationNames(dialect: Dialect): string[] {
  return Object.keys(allMigrations(dialect));
}

export function migrator(db: DB, dialect: Dialect): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => allMigrations(dialect) },
  });
}

export class MigrationError extends Error {}

/** Runs pending migrations; each runs in a transaction, so a failure leaves the schema as it was. */
export async function migrateToLatest(db: DB, dialect: Dialect): Promise<MigrationResultSet> {
  const result = await migrator(db, dialect).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${(result.error as Error).message}`);
  }
  return result;
}

export interface MigrationStatus {
  name: string;
  executedAt: string | null;
}

export async function migrationStatus(db: DB, dialect: Dialect): Promise<MigrationStatus[]> {
  const list = await migrator(db, dialect).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ? m.executedAt.toISOString() : null }));
}

export async function hasPendingMigrations(db: DB, dialect: Dialect): Promise<boolean> {
  return (await migrationStatus(db, dialect)).some((m) => m.executedAt === null);
}
