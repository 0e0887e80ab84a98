import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { it } from 'node:test';
import { eachDialect } from '../../test/harness.ts';
import { nowIso } from '../lib/clock.ts';
import { enqueue } from './queue.ts';
import { parseWorkerId, releaseOrphans } from './recovery.ts';

it('parses worker ids, hosts with colons included', () => {
  assert.deepEqual(parseWorkerId('web-1:4242:ab12'), { host: 'web-1', pid: 4242 });
  assert.deepEqual(parseWorkerId('fe80::1:77:zz'), { host: 'fe80::1', pid: 77 });
  assert.equal(parseWorkerId('nonsense'), null);
  assert.equal(parseWorkerId('host:notapid:x'), null);
});

eachDialect('releasing the jobs of crashed workers', (env) => {
  it('puts back only jobs held by a dead process on this host', async () => {
    const { db } = env().ctx;
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const host = os.hostname();
    const holders = {
      dead: `${host}:${dead}:aaaa`,
      alive: `${host}:${process.ppid}:bbbb`,
      elsewhere: `some-other-host:${dead}:cccc`,
    };
    const ids: Record<string, number> = {};
    for (const [name, holder] of Object.entries(holders)) {
      ids[name] = await enqueue(db, 'test.noop', { name });
      await db
        .updateTable('jobs')
        .set({ status: 'running', locked_by: holder, locked_at: nowIso(), attempts: 1 })
        .where('id', '=', ids[name]!)
        .execute();
    }
    assert.equal(await releaseOrphans(db), 1);
    const rows = await db
      .selectFrom('jobs')
      .select(['id', 'status', 'locked_by', 'attempts'])
      .where('id', 'in', Object.values(ids))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.status, r.locked_by]),
      [
        ['pending', null],
        ['running', holders.alive],
        ['running', holders.elsewhere],
      ],
    );
    assert.equal(rows[0]!.attempts, 1, 'the interrupted attempt still counts');
  });
});
