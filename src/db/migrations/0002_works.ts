import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * The archive: tags (typed; wrangling columns arrive with [tags-browse]), works, their
 * creators (pseuds; co-creators accept an invitation first), chapters, series and parts.
 */
export function works(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await id(db.schema.createTable('tags'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('canonical', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addUniqueConstraint('tags_type_name_unique', ['type', 'name_key'])
        .addCheckConstraint(
          'tags_type_check',
          sql`type in ('rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform')`,
        )
        .execute();

      await id(db.schema.createTable('works'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('end_notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('restricted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('comment_permission', 'text', (c) => c.notNull().defaultTo('everyone'))
        .addColumn('moderated_comments', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expected_chapters', 'integer')
        .addColumn('posted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('hidden_at', instant)
        .addColumn('published_at', instant)
        .addColumn('revised_at', instant)
        .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('posted_chapters', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('major_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('minor_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addCheckConstraint(
          'works_comment_permission_check',
          sql`comment_permission in ('everyone', 'registered', 'none')`,
        )
        .execute();
      await db.schema
        .createIndex('works_revised_idx')
        .on('works')
        .columns(['posted', 'revised_at'])
        .execute();

      await db.schema
        .createTable('work_creators')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('work_creators_pk', ['work_id', 'pseud_id'])
        .execute();
      await db.schema
        .createIndex('work_creators_user_idx')
        .on('work_creators')
        .columns(['user_id', 'work_id'])
        .execute();
      await db.schema.createIndex('work_creators_pseud_idx').on('work_creators').column('pseud_id').execute();

      await id(db.schema.createTable('chapters'))
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('end_notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('posted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('published_at', instant)
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('chapters_work_idx')
        .on('chapters')
        .columns(['work_id', 'position'])
        .execute();

      await id(db.schema.createTable('series'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('series_creators')
        .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
        .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('series_creators_pk', ['series_id', 'pseud_id'])
        .execute();
      await db.schema
        .createIndex('series_creators_user_idx')
        .on('series_creators')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('serial_works')
        .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('part', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('serial_works_pk', ['series_id', 'work_id'])
        .addUniqueConstraint('serial_works_part_unique', ['series_id', 'part'])
        .execute();
      await db.schema.createIndex('serial_works_work_idx').on('serial_works').column('work_id').execute();

      await db.schema
        .createTable('work_tags')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('work_tags_pk', ['work_id', 'tag_id'])
        .execute();
      await db.schema
        .createIndex('work_tags_tag_idx')
        .on('work_tags')
        .columns(['tag_id', 'work_id'])
        .execute();

      // Gifts: to an account (linked, told by e-mail) or to a name without one.
      await db.schema
        .createTable('gifts')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('recipient_key', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('gifts_pk', ['work_id', 'recipient_key'])
        .execute();
      await db.schema.createIndex('gifts_user_idx').on('gifts').column('user_id').execute();

      // A reader's preference: skip the adult-content notice on Mature, Explicit and Not Rated works.
      await db.schema
        .alterTable('users')
        .addColumn('view_adult', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      // One row per visitor per work per day: hits count each visitor once a day.
      await db.schema
        .createTable('work_hits')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('visitor', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('work_hits_pk', ['work_id', 'visitor', 'day'])
        .execute();
      await db.schema.createIndex('work_hits_day_idx').on('work_hits').column('day').execute();
    },
    async down(db: MigrationDb) {
      for (const table of [
        'gifts',
        'work_hits',
        'work_tags',
        'serial_works',
        'series_creators',
        'series',
        'chapters',
        'work_creators',
        'works',
        'tags',
      ]) {
        await db.schema.dropTable(table).execute();
      }
      await db.schema.alterTable('users').dropColumn('view_adult').execute();
    },
  };
}
