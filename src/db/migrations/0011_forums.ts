import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { type ColumnBuilder, columns, type MigrationDb } from './helpers.ts';

/**
 * Forums (features/forums): categories → boards → threads → posts, site-wide or a community's
 * (`community_id`, a community journal). A thread's `bumped_at` (what its board sorts by) and
 * `last_posted_at` (when its latest visible post appeared) are written only by forums/bump.ts.
 * Posts are numbered per thread (`post_count` allocates the numbers under a row lock; unique
 * (thread_id, number)); hidden and deleted posts keep their number as a stub. `visible_at` is when a
 * post became visible (its posting, or its approval), which is what bumps. `chapter_replies` makes
 * the chapter → thread job idempotent; `work_threads` links works to threads.
 */
export function forums(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  const user: ColumnBuilder = (c) => c.notNull().references('users.id').onDelete('cascade');
  const community: ColumnBuilder = (c) => c.references('journals.id').onDelete('cascade');
  const thread: ColumnBuilder = (c) => c.notNull().references('threads.id').onDelete('cascade');
  return {
    async up(db: MigrationDb) {
      await id(db.schema.createTable('forum_categories'))
        .addColumn('community_id', 'integer', community)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('forum_categories_community_idx')
        .on('forum_categories')
        .column('community_id')
        .execute();

      await id(db.schema.createTable('boards'))
        .addColumn('category_id', 'integer', (c) =>
          c.notNull().references('forum_categories.id').onDelete('cascade'),
        )
        .addColumn('community_id', 'integer', community)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('access', 'text', (c) => c.notNull().defaultTo('public'))
        .addColumn('moderated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addCheckConstraint('boards_access_check', sql`access in ('public', 'members', 'read-only')`)
        .execute();
      await db.schema.createIndex('boards_category_idx').on('boards').column('category_id').execute();

      await id(db.schema.createTable('threads'))
        .addColumn('board_id', 'integer', (c) => c.notNull().references('boards.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starter_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_post_id', 'integer')
        .addColumn('last_post_number', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_poster_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('last_posted_at', instant, (c) => c.notNull())
        .addColumn('bumped_at', instant, (c) => c.notNull())
        .addColumn('merged_into', 'integer', (c) => c.references('threads.id').onDelete('set null'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('threads_board_order_idx')
        .on('threads')
        .columns(['board_id', 'pinned', 'bumped_at', 'id'])
        .execute();

      await id(db.schema.createTable('posts'))
        .addColumn('thread_id', 'integer', thread)
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('author_id', 'integer', user)
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('reply'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('visible'))
        .addColumn('bumps', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('set null'))
        .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('set null'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('visible_at', instant)
        .addColumn('edited_at', instant)
        .addColumn('edit_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('posts_kind_check', sql`kind in ('reply', 'chapter')`)
        .addCheckConstraint('posts_status_check', sql`status in ('visible', 'hidden', 'pending', 'deleted')`)
        .execute();
      await db.schema
        .createIndex('posts_thread_number_unique')
        .on('posts')
        .columns(['thread_id', 'number'])
        .unique()
        .execute();
      await db.schema
        .createIndex('posts_thread_visible_idx')
        .on('posts')
        .columns(['thread_id', 'status', 'visible_at'])
        .execute();
      await db.schema.createIndex('posts_author_idx').on('posts').column('author_id').execute();
      await db.schema.createIndex('posts_work_idx').on('posts').column('work_id').execute();

      await id(db.schema.createTable('post_revisions'))
        .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('editor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('post_revisions_post_idx').on('post_revisions').column('post_id').execute();

      await db.schema
        .createTable('work_threads')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('thread_id', 'integer', thread)
        .addColumn('user_id', 'integer', user)
        .addColumn('with_text', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('work_threads_pk', ['work_id', 'thread_id'])
        .execute();
      await db.schema.createIndex('work_threads_thread_idx').on('work_threads').column('thread_id').execute();

      await db.schema
        .createTable('chapter_replies')
        .addColumn('thread_id', 'integer', thread)
        .addColumn('chapter_id', 'integer', (c) => c.notNull().references('chapters.id').onDelete('cascade'))
        .addColumn('post_id', 'integer', (c) => c.references('posts.id').onDelete('set null'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('chapter_replies_pk', ['thread_id', 'chapter_id'])
        .execute();

      await db.schema
        .createTable('thread_reads')
        .addColumn('user_id', 'integer', user)
        .addColumn('thread_id', 'integer', thread)
        .addColumn('last_read_number', 'integer', (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('thread_reads_pk', ['user_id', 'thread_id'])
        .execute();

      await id(db.schema.createTable('post_reports'))
        .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
        .addColumn('reporter_id', 'integer', user)
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('resolved_at', instant)
        .addCheckConstraint('post_reports_status_check', sql`status in ('open', 'dismissed', 'actioned')`)
        .execute();
      await db.schema
        .createIndex('post_reports_status_idx')
        .on('post_reports')
        .columns(['status', 'created_at'])
        .execute();

      await id(db.schema.createTable('forum_subscriptions'))
        .addColumn('user_id', 'integer', user)
        .addColumn('board_id', 'integer', (c) => c.references('boards.id').onDelete('cascade'))
        .addColumn('thread_id', 'integer', (c) => c.references('threads.id').onDelete('cascade'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addCheckConstraint(
          'forum_subscriptions_target_check',
          sql`(board_id is null) <> (thread_id is null)`,
        )
        .execute();
      await db.schema
        .createIndex('forum_subscriptions_board_unique')
        .on('forum_subscriptions')
        .columns(['user_id', 'board_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('forum_subscriptions_thread_unique')
        .on('forum_subscriptions')
        .columns(['user_id', 'thread_id'])
        .unique()
        .execute();
    },
    async down(db: MigrationDb) {
      for (const table of [
        'forum_subscriptions',
        'post_reports',
        'thread_reads',
        'chapter_replies',
        'work_threads',
        'post_revisions',
        'posts',
        'threads',
        'boards',
        'forum_categories',
      ])
        await db.schema.dropTable(table).execute();
    },
  };
}
