import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../test/factories.ts';
import { eachDialect } from '../../test/harness.ts';
import type { AppContext } from '../context.ts';
import { runMaintenance } from './maintenance.ts';
import { backoffMs, claimNext, enqueue, jobCounts, markFailed } from './queue.ts';
import { type JobHandler, Worker } from './worker.ts';

async function clearJobs(ctx: AppContext) {
  await ctx.db.deleteFrom('jobs').execute();
}

eachDialect('job queue', (env) => {
  it('enqueues inside the caller’s transaction: a rolled-back write leaves no job', async () => {
    const { ctx } = env();
    await clearJobs(ctx);
    await assert.rejects(
      ctx.db.transaction().execute(async (trx) => {
        await enqueue(trx, 'test.noop', { n: 1 });
        throw new Error('the write failed');
      }),
    );
    assert.deepEqual(await jobCounts(ctx.db), {});
    await ctx.db.transaction().execute((trx) => enqueue(trx, 'test.noop', { n: 2 }));
    assert.deepEqual(await jobCounts(ctx.db), { pending: 1 });
  });

  it('runs due jobs once, in order, and records them done', async () => {
    const { ctx } = env();
    await clearJobs(ctx);
    const seen: unknown[] = [];
    const worker = new Worker(ctx, { 'test.record': async (payload) => void seen.push(payload) });
    await enqueue(ctx.db, 'test.record', { n: 1 });
    await enqueue(ctx.db, 'test.record', { n: 2 });
    await enqueue(ctx.db, 'test.record', { n: 3 }, { runAt: new Date(Date.now() + 60_000).toISOString() });
    assert.equal(await worker.drain(), 2);
    assert.deepEqual(seen, [{ n: 1 }, { n: 2 }]);
    assert.deepEqual(await jobCounts(ctx.db), { done: 2, pending: 1 });
  });

  it('retries a failing job with growing backoff, then marks it failed', async () => {
    const { ctx } = env();
    await clearJobs(ctx);
    let calls = 0;
    const worker = new Worker(ctx, {
      'test.flaky': async () => {
        calls++;
        throw new Error(`attempt ${calls} failed`);
      },
    });
    const id = await enqueue(ctx.db, 'test.flaky', {}, { maxAttempts: 3 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await ctx.db
        .updateTable('jobs')
        .set({ run_at: new Date(0).toISOString() })
        .where('id', '=', id)
        .execute();
      assert.equal(await worker.drain(), 1);
      const job = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(job.attempts, attempt);
      assert.equal(job.last_error, `Error: attempt ${attempt} failed`);
      if (attempt < 3) {
        assert.equal(job.status, 'pending');
        const delay = Date.parse(job.run_at) - Date.now();
        assert.ok(
          delay > backoffMs(attempt) - 5000 && delay <= backoffMs(attempt),
          `backoff after attempt ${attempt}`,
        );
      } else {
        assert.equal(job.status, 'failed');
      }
    }
    assert.equal(await worker.drain(), 0, 'a failed job is not retried again');
    assert.ok(backoffMs(2) > backoffMs(1) && backoffMs(30) === 60 * 60_000);
  });

  it('fails a job of an unknown kind without stopping the worker', async () => {
    const { ctx } = env();
    await clearJobs(ctx);
    const id = await enqueue(ctx.db, 'test.unknown', {}, { maxAttempts: 1 });
    const worker = new Worker(ctx, {});
    assert.equal(await worker.drain(), 1);
    const job = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'failed');
    assert.match(job.last_error ?? '', /no handler for job kind "test.unknown"/);
  });

  it('takes back a job whose worker crashed mid-run', async () => {
    const { ctx } = env();
    await clearJobs(ctx);
    const id = await enqueue(ctx.db, 'test.record', {});
    const claimed = await claimNext(ctx.db, ctx.dialect, 'crashed-worker');
    assert.equal(claimed?.id, id);
    assert.equal(
      await claimNext(ctx.db, ctx.dialect, 'other'),
      undefined,
      'a running job is not claimed twice',
    );
    await ctx.db
      .updateTable('jobs')
      .set({ locked_at: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    const retaken = await claimNext(ctx.db, ctx.dialect, 'survivor');
    assert.equal(retaken?.id, id);
    assert.equal(retaken?.locked_by, 'survivor');
    assert.equal(retaken?.attempts, 2);
    await markFailed(ctx.db, retaken!, new Error('x'));
  });

  it('never runs a job twice when two workers drain the queue at once', async () => {
    const { ctx } = env();
    await clearJobs(ctx);
    const runs = new Map<number, number>();
    const handler: JobHandler = async (payload) => {
      const n = (payload as { n: number }).n;
      runs.set(n, (runs.get(n) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 2));
    };
    for (let n = 0; n < 40; n++) await enqueue(ctx.db, 'test.count', { n });
    const a = new Worker(ctx, { 'test.count': handler });
    const b = new Worker(ctx, { 'test.count': handler });
    const [ranA, ranB] = await Promise.all([a.drain(), b.drain()]);
    assert.equal(ranA + ranB, 40);
    assert.equal(runs.size, 40);
    assert.ok([...runs.values()].every((count) => count === 1));
    assert.deepEqual(await jobCounts(ctx.db), { done: 40 });
  });

  it('stops after finishing the job it is running', async () => {
    const { ctx } = env();
    await clearJobs(ctx);
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = new Worker(
      ctx,
      {
        'test.slow': async () => {
          started();
          await new Promise((resolve) => setTimeout(resolve, 150));
          finished = true;
        },
      },
      20,
    );
    await enqueue(ctx.db, 'test.slow', {});
    worker.start();
    await running;
    await worker.stop();
    assert.equal(finished, true);
    assert.deepEqual(await jobCounts(ctx.db), { done: 1 });
  });
});

eachDialect('maintenance', (env) => {
  it('deletes expired sessions, spent reset tokens and week-old finished jobs, nothing else', async () => {
    const { ctx } = env();
    await clearJobs(ctx);
    const user = await makeUser(ctx);
    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    const old = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    const session = (id: string, expires_at: string) => ({
      id,
      user_id: user.id,
      remember: 0,
      created_at: past,
      last_seen_at: past,
      expires_at,
      user_agent: '',
    });
    await ctx.db
      .insertInto('sessions')
      .values([session('expired', past), session('live', future)])
      .execute();
    const reset = (token_hash: string, expires_at: string, used_at: string | null) => ({
      token_hash,
      user_id: user.id,
      created_at: past,
      expires_at,
      used_at,
    });
    await ctx.db
      .insertInto('password_resets')
      .values([reset('r-expired', past, null), reset('r-used', future, past), reset('r-live', future, null)])
      .execute();
    const oldDone = await enqueue(ctx.db, 'test.x', {});
    const oldFailed = await enqueue(ctx.db, 'test.x', {});
    const recentDone = await enqueue(ctx.db, 'test.x', {});
    await ctx.db
      .updateTable('jobs')
      .set({ status: 'done', finished_at: old })
      .where('id', '=', oldDone)
      .execute();
    await ctx.db
      .updateTable('jobs')
      .set({ status: 'failed', finished_at: old })
      .where('id', '=', oldFailed)
      .execute();
    await ctx.db
      .updateTable('jobs')
      .set({ status: 'done', finished_at: past })
      .where('id', '=', recentDone)
      .execute();

    assert.deepEqual(await runMaintenance(ctx), {
      sessions: 1,
      passwordResets: 2,
      jobs: 1,
      visits: 0,
      rateLimits: 0,
    });
    assert.deepEqual(
      (await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).map(
        (r) => r.id,
      ),
      ['live'],
    );
    assert.deepEqual(
      (
        await ctx.db
          .selectFrom('password_resets')
          .select('token_hash')
          .where('user_id', '=', user.id)
          .execute()
      ).map((r) => r.token_hash),
      ['r-live'],
    );
    assert.deepEqual(await jobCounts(ctx.db), { done: 1, failed: 1 });
  });
});
