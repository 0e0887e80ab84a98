import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import type { EntrySecurity } from '../../db/schema.ts';
import { createFeedToken } from './feed-tokens.service.ts';
import { checkAtom, readFeed, subjects } from './feeds.fixtures.ts';

eachDialect('community feeds', (env) => {
  const get = (url: string) => env().app.inject({ method: 'GET', url });
  const withToken = (url: string, token: string) => `${url}?token=${encodeURIComponent(token)}`;

  it('a community’s feed: members read its locked entries with their key; pending entries never', async () => {
    const { ctx } = env();
    const [maintainer, member, outsider] = await Promise.all([makeUser(ctx), makeUser(ctx), makeUser(ctx)]);
    const now = new Date().toISOString();
    const community = await ctx.db
      .insertInto('journals')
      .values({
        kind: 'community',
        owner_id: null,
        name: `sunnydale_${maintainer.id}`,
        name_key: `sunnydale_${maintainer.id}`,
        title: 'Sunnydale High',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('community_members')
      .values([
        {
          journal_id: community.id,
          user_id: maintainer.id,
          role: 'maintainer',
          status: 'member',
          can_post: 1,
          created_at: now,
        },
        {
          journal_id: community.id,
          user_id: member.id,
          role: 'member',
          status: 'member',
          can_post: 1,
          created_at: now,
        },
      ])
      .execute();
    const entry = async (
      subject: string,
      security: EntrySecurity,
      minute: number,
      status: 'published' | 'pending' = 'published',
    ) => {
      const at = new Date(Date.UTC(2024, 1, 1, 0, minute)).toISOString();
      await ctx.db
        .insertInto('entries')
        .values({
          journal_id: community.id,
          poster_id: member.id,
          subject,
          body: `<p>${subject}</p>`,
          security,
          posted_at: at,
          created_at: at,
          updated_at: at,
          status,
          status_reason: null,
          filter_id: null,
          mood: '',
          music: '',
          location: '',
          icon_id: null,
          backdated: 0,
          sticky: 0,
          adult: 0,
          edit_count: 0,
          comments: 'enabled',
          screening: 'none',
          commenters: 'everyone',
          work_id: null,
        })
        .execute();
    };
    await entry('Open', 'public', 1);
    await entry('Members', 'access', 2);
    await entry('Staff', 'private', 3);
    await entry('Queued', 'public', 4, 'pending');
    const url = `/journals/Sunnydale_${maintainer.id}/feed.atom`;
    const [memberKey, maintainerKey, outsiderKey] = await Promise.all([
      createFeedToken(ctx, member),
      createFeedToken(ctx, maintainer),
      createFeedToken(ctx, outsider),
    ]);
    const guest = await get(url);
    checkAtom(guest.body);
    assert.equal(readFeed(guest.body).title, 'Sunnydale High');
    assert.deepEqual(subjects(guest.body), ['Open']);
    assert.deepEqual(subjects((await get(withToken(url, outsiderKey))).body), ['Open']);
    assert.deepEqual(subjects((await get(withToken(url, memberKey))).body), ['Staff', 'Members', 'Open']);
    assert.deepEqual(subjects((await get(withToken(url, maintainerKey))).body), ['Staff', 'Members', 'Open']);
    const link = readFeed(guest.body).items[0]!.link;
    assert.match(link!, new RegExp(`/journals/sunnydale_${maintainer.id}/entries/\\d+$`));
  });
});
