import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { makeUser } from '../../test/factories.ts';
import { eachDialect } from '../../test/harness.ts';
import type { Role } from './schema.ts';
import { prepared, type Slots } from './prepared.ts';

const userByName = prepared((db, p: Slots<{ name: string; role: Role }>) =>
  db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', '=', p.name)
    .where('role', '!=', p.role)
    .where('id', '>', 0)
    .orderBy('id')
    .limit(5),
);

eachDialect('prepared queries', (env) => {
  it('run with each call’s parameters, and keep the query’s own constants', async () => {
    const a = await makeUser(env().ctx, { username: 'prep_a' });
    const b = await makeUser(env().ctx, { username: 'prep_b' });
    assert.deepEqual(await userByName(env().ctx.db, { name: 'prep_a', role: 'admin' }), [
      { id: a.id, username: 'prep_a' },
    ]);
    assert.deepEqual(await userByName(env().ctx.db, { name: 'prep_b', role: 'admin' }), [
      { id: b.id, username: 'prep_b' },
    ]);
    assert.deepEqual(await userByName(env().ctx.db, { name: 'prep_b', role: b.role }), []);
    assert.deepEqual(await userByName(env().ctx.db, { name: 'nobody', role: 'admin' }), []);
  });

  it('refuse a placeholder that does not reach the SQL as a parameter', async () => {
    const broken = prepared((db, p: Slots<{ name: string }>) =>
      db
        .selectFrom('users')
        .select('id')
        .where(sql<boolean>`username = ${sql.raw(`'${String(p.name)}'`)}`),
    );
    await assert.rejects(broken(env().ctx.db, { name: 'x' }), /parameter "name" did not reach the SQL/);
  });
});
