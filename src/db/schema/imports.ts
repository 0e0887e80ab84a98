import type { Generated } from 'kysely';

/** One imported source item (journal entry, file, AO3 download) per account: see migration 0003. */
export interface ImportsTable {
  id: Generated<number>;
  user_id: number;
  /** `lj:<journal>:<itemid>`, `post:<sha256>` or `ao3:<work url or sha256>`. */
  source_key: string;
  kind: 'lj-entry' | 'post' | 'ao3';
  /** JSON of a journal entry's own data, kept for [journals]; null for files. */
  entry: string | null;
  created_at: string;
}

export interface ImportWorksTable {
  import_id: number;
  work_id: number;
  /** Set when the import added a chapter to an existing work rather than creating one. */
  chapter_id: number | null;
}

export interface ImportsDatabase {
  imports: ImportsTable;
  import_works: ImportWorksTable;
}
