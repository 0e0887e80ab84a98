import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { type ColumnBuilder, columns, type MigrationDb } from './helpers.ts';

/**
 * Journals and communities on Dreamwidth's model (features/journals). A journal is an account's
 * own (`owner_id`) or a community's (`name`, its members in `community_members`). An entry's
 * `security` is public, access (the owner's access list; a community's members), filter (a
 * named subset of the access list, `filter_id`) or private; who may see what is decided in
 * features/visibility. `posted_at` is the entry's own date (backdating allowed, what Recent and
 * the calendar order by); `created_at` is when it was posted (what reading pages order by).
 * Journal tags belong to their journal. *Access* (`journal_access`: may read my locked entries)
 * and *subscriptions* (`journal_subscriptions`: show their entries on my reading page) are
 * separate relations.
 */
export function journals(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  const user: ColumnBuilder = (c) => c.notNull().references('users.id').onDelete('cascade');
  return {
    async up(db: MigrationDb) {
      await id(db.schema.createTable('journals'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'integer', (c) => c.references('users.id').onDelete('cascade').unique())
        .addColumn('name', 'text')
        .addColumn('name_key', 'text', (c) => c.unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('subtitle', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('default_security', 'text', (c) => c.notNull().defaultTo('public'))
        .addColumn('default_comments', 'text', (c) => c.notNull().defaultTo('enabled'))
        .addColumn('default_screening', 'text', (c) => c.notNull().defaultTo('none'))
        .addColumn('default_commenters', 'text', (c) => c.notNull().defaultTo('everyone'))
        .addColumn('theme', 'text', (c) => c.notNull().defaultTo('parchment'))
        .addColumn('membership', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('posting', 'text', (c) => c.notNull().defaultTo('members'))
        .addColumn('moderated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('nonmember_posting', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addCheckConstraint('journals_kind_check', sql`kind in ('personal', 'community')`)
        .addCheckConstraint(
          'journals_owner_check',
          sql`(kind = 'personal' and owner_id is not null) or (kind = 'community' and name_key is not null)`,
        )
        .execute();

      await id(db.schema.createTable('user_icons'))
        .addColumn('user_id', 'integer', user)
        .addColumn('keyword', 'text', (c) => c.notNull())
        .addColumn('alt', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('user_icons_user_idx').on('user_icons').column('user_id').execute();

      await id(db.schema.createTable('access_filters'))
        .addColumn('owner_id', 'integer', user)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addUniqueConstraint('access_filters_owner_name_unique', ['owner_id', 'name_key'])
        .execute();

      await id(db.schema.createTable('entries'))
        .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
        .addColumn('poster_id', 'integer', user)
        .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('security', 'text', (c) => c.notNull())
        .addColumn('filter_id', 'integer', (c) => c.references('access_filters.id').onDelete('restrict'))
        .addColumn('mood', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('music', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('icon_id', 'integer', (c) => c.references('user_icons.id').onDelete('set null'))
        .addColumn('posted_at', instant, (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addColumn('backdated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sticky', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('adult', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('edit_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('comments', 'text', (c) => c.notNull().defaultTo('enabled'))
        .addColumn('screening', 'text', (c) => c.notNull().defaultTo('none'))
        .addColumn('commenters', 'text', (c) => c.notNull().defaultTo('everyone'))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
        .addColumn('status_reason', 'text')
        .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('set null'))
        .addCheckConstraint(
          'entries_security_check',
          sql`security in ('public', 'access', 'filter', 'private')`,
        )
        .addCheckConstraint('entries_filter_check', sql`(security = 'filter') = (filter_id is not null)`)
        .addCheckConstraint('entries_status_check', sql`status in ('published', 'pending', 'rejected')`)
        .execute();
      await db.schema
        .createIndex('entries_journal_posted_idx')
        .on('entries')
        .columns(['journal_id', 'posted_at', 'id'])
        .execute();
      await db.schema
        .createIndex('entries_created_idx')
        .on('entries')
        .columns(['created_at', 'id'])
        .execute();
      await db.schema.createIndex('entries_poster_idx').on('entries').column('poster_id').execute();
      await db.schema.createIndex('entries_work_idx').on('entries').column('work_id').execute();

      await id(db.schema.createTable('journal_tags'))
        .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addUniqueConstraint('journal_tags_journal_name_unique', ['journal_id', 'name_key'])
        .execute();
      await db.schema
        .createTable('entry_tags')
        .addColumn('entry_id', 'integer', (c) => c.notNull().references('entries.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('journal_tags.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('entry_tags_pk', ['entry_id', 'tag_id'])
        .execute();
      await db.schema
        .createIndex('entry_tags_tag_idx')
        .on('entry_tags')
        .columns(['tag_id', 'entry_id'])
        .execute();

      await db.schema
        .createTable('journal_access')
        .addColumn('owner_id', 'integer', user)
        .addColumn('member_id', 'integer', user)
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('journal_access_pk', ['owner_id', 'member_id'])
        .execute();
      await db.schema
        .createIndex('journal_access_member_idx')
        .on('journal_access')
        .column('member_id')
        .execute();

      await db.schema
        .createTable('access_filter_members')
        .addColumn('filter_id', 'integer', (c) =>
          c.notNull().references('access_filters.id').onDelete('cascade'),
        )
        .addColumn('member_id', 'integer', user)
        .addPrimaryKeyConstraint('access_filter_members_pk', ['filter_id', 'member_id'])
        .execute();

      await db.schema
        .createTable('journal_subscriptions')
        .addColumn('reader_id', 'integer', user)
        .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('journal_subscriptions_pk', ['reader_id', 'journal_id'])
        .execute();

      await db.schema
        .createTable('community_members')
        .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', user)
        .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
        .addColumn('can_post', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('member'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('community_members_pk', ['journal_id', 'user_id'])
        .addCheckConstraint(
          'community_members_role_check',
          sql`role in ('member', 'moderator', 'maintainer')`,
        )
        .addCheckConstraint('community_members_status_check', sql`status in ('member', 'requested')`)
        .execute();
      await db.schema
        .createIndex('community_members_user_idx')
        .on('community_members')
        .column('user_id')
        .execute();

      await id(db.schema.createTable('feed_tokens'))
        .addColumn('user_id', 'integer', user)
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();
    },
    async down(db: MigrationDb) {
      for (const table of [
        'feed_tokens',
        'community_members',
        'journal_subscriptions',
        'access_filter_members',
        'journal_access',
        'entry_tags',
        'journal_tags',
        'entries',
        'access_filters',
        'user_icons',
        'journals',
      ])
        await db.schema.dropTable(table).execute();
    },
  };
}
