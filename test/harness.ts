import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { type BuildOptions, buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import type { Dialect } from '../src/db/connect.ts';
import type { Worker } from '../src/jobs/worker.ts';
import { openRuntime } from '../src/runtime.ts';

export interface TestEnv {
  dialect: Dialect;
  ctx: AppContext;
  app: FastifyInstance;
  worker: Worker;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

const PG_URL = process.env.TEST_DATABASE_URL;

/** The dialects this run covers; PostgreSQL is included whenever TEST_DATABASE_URL is set. */
export const dialects: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** Creates an empty PostgreSQL database for one test file; returns its URL and a dropper. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `quire_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A fresh, migrated database of the dialect, an app on it, and a temp data directory. */
export interface EnvOptions {
  config?: Partial<Config>;
  app?: BuildOptions;
}

export async function createTestEnv(dialect: Dialect, options: EnvOptions = {}): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-test-'));
  const pgDb = dialect === 'postgres' ? await createPostgresDatabase() : null;
  const config = loadConfig(
    {
      QUIRE_DATA: dataDir,
      DATABASE_URL: pgDb ? pgDb.url : '',
      LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
      // The cheapest cost the configuration allows: tests check behaviour, not hashing speed.
      PASSWORD_HASH_COST: '14',
    },
    options.config,
  );
  const log = pino({ level: config.logLevel });
  const runtime = await openRuntime({ config, log, listen: true });
  const app = await buildApp(runtime.ctx, { rateLimitMax: 1000, ...options.app });
  await app.ready();
  return {
    dialect,
    ctx: runtime.ctx,
    app,
    worker: runtime.worker,
    config: runtime.ctx.config,
    dataDir,
    async close() {
      await app.close();
      await runtime.close();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a suite once per database. PostgreSQL runs whenever TEST_DATABASE_URL is set (the
 * test runner starts a throwaway cluster when PostgreSQL is installed); otherwise the
 * PostgreSQL suite is reported as skipped, with the reason.
 */
export function eachDialect(name: string, body: (env: () => TestEnv) => void, options: EnvOptions = {}) {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip =
      dialect === 'postgres' && !PG_URL ? 'PostgreSQL not available (TEST_DATABASE_URL unset)' : false;
    describe(`${name} [${dialect}]`, { skip }, () => {
      let env: TestEnv | undefined;
      before(async () => {
        env = await createTestEnv(dialect, options);
      });
      after(async () => {
        await env?.close();
      });
      body(() => {
        if (!env) throw new Error('test environment not ready');
        return env;
      });
    });
  }
}
