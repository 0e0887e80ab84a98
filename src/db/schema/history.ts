import type { Generated } from 'kysely';

// Reading history (features/history, migration 0019).
export interface ReadingsTable {
  user_id: number;
  work_id: number;
  last_visited_at: string;
  visits: Generated<number>;
  /** The furthest chapter position reached (0: marked for later, never opened). */
  chapter_position: Generated<number>;
  /** The work's major_version at the last visit. */
  major_version: Generated<number>;
  later: Generated<number>;
}

export interface ReadingHistoryPausedTable {
  user_id: number;
  created_at: string;
}

export interface HistoryDatabase {
  readings: ReadingsTable;
  reading_history_paused: ReadingHistoryPausedTable;
}
