import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/** The relationship key rule at the time of this migration (see features/tags/tag-names.ts). */
function relationshipKey(key: string): string {
  for (const separator of ['/', ' & ']) {
    const parts = key.split(separator).map((p) => p.trim());
    if (parts.length > 1 && parts.every((p) => p && !p.includes('/') && !p.includes(' & ')))
      return parts.sort().join(separator);
  }
  return key;
}

/**
 * Tag wrangling: a tag is canonical, or a synonym of a canonical tag (`merger_id`); fandoms belong
 * to a medium; `tag_links` holds parent fandoms of characters, relationships and freeforms
 * (kind 'fandom') and metatags (kind 'meta': parent is the metatag of child). `work_filter_tags` is
 * each work's tags as filters see them (synonyms replaced by their canonical tag, metatags added),
 * kept by features/tags/filter-tags.ts. Relationship keys become order-free ("A/B" = "B/A").
 */
export function wrangling(dialect: Dialect) {
  const { instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .alterTable('tags')
        .addColumn('merger_id', 'integer', (c) => c.references('tags.id').onDelete('set null'))
        .execute();
      await db.schema.alterTable('tags').addColumn('media', 'text').execute();
      await db.schema.alterTable('tags').addColumn('wrangled_at', instant).execute();
      await db.schema.createIndex('tags_merger_idx').on('tags').column('merger_id').execute();

      await db.schema
        .createTable('tag_links')
        .addColumn('parent_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('child_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('tag_links_pk', ['parent_id', 'child_id', 'kind'])
        .addCheckConstraint('tag_links_kind_check', sql`kind in ('fandom', 'meta')`)
        .execute();
      await db.schema
        .createIndex('tag_links_child_idx')
        .on('tag_links')
        .columns(['child_id', 'kind'])
        .execute();

      await db.schema
        .createTable('work_filter_tags')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('work_filter_tags_pk', ['work_id', 'tag_id'])
        .execute();
      await db.schema
        .createIndex('work_filter_tags_tag_idx')
        .on('work_filter_tags')
        .columns(['tag_id', 'work_id'])
        .execute();
      await sql`insert into work_filter_tags (work_id, tag_id) select distinct work_id, tag_id from work_tags`.execute(
        db,
      );

      // Listings read the works changed since they last looked (features/browse/browse-index.ts).
      await db.schema.createIndex('works_updated_idx').on('works').column('updated_at').execute();

      // Relationship keys without order; a clash means the two tags were one pairing all along.
      const relationships = await db
        .selectFrom('tags')
        .select(['id', 'name_key'])
        .where('type', '=', 'relationship')
        .orderBy('id')
        .execute();
      const seen = new Map<string, number>();
      for (const tag of relationships as { id: number; name_key: string }[]) {
        const key = relationshipKey(tag.name_key);
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, tag.id);
          if (key !== tag.name_key)
            await db.updateTable('tags').set({ name_key: key }).where('id', '=', tag.id).execute();
        } else {
          await db.updateTable('tags').set({ merger_id: first }).where('id', '=', tag.id).execute();
        }
      }
    },
    async down(db: MigrationDb) {
      await db.schema.dropIndex('works_updated_idx').execute();
      await db.schema.dropTable('work_filter_tags').execute();
      await db.schema.dropTable('tag_links').execute();
      await db.schema.dropIndex('tags_merger_idx').execute();
      await db.schema.alterTable('tags').dropColumn('wrangled_at').execute();
      await db.schema.alterTable('tags').dropColumn('media').execute();
      await db.schema.alterTable('tags').dropColumn('merger_id').execute();
    },
  };
}
