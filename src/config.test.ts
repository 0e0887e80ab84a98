import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, prepareDataDir } from './config.ts';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration', () => {
  it('defaults to SQLite in ./data on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.deepEqual(config.database, { dialect: 'sqlite', file: path.resolve('data/quire.sqlite') });
    assert.equal(config.baseUrl, 'http://127.0.0.1:3000');
    assert.equal(config.secureCookies, false);
    assert.equal(config.passwordHashCost, 17);
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      QUIRE_DATA: '/srv/quire',
      DATABASE_URL: 'postgres://quire:secret@db.internal:5432/quire',
      SMTP_URL: 'smtps://user:pw@mail.example.org',
      BASE_URL: 'https://fic.example.org/',
      QUIRE_WORKER: 'off',
      LOG_LEVEL: 'debug',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.dataDir, '/srv/quire');
    assert.deepEqual(config.database, {
      dialect: 'postgres',
      url: 'postgres://quire:secret@db.internal:5432/quire',
    });
    assert.equal(config.baseUrl, 'https://fic.example.org');
    assert.equal(config.secureCookies, true, 'https means Secure cookies');
    assert.equal(config.runWorker, false);
    assert.equal(config.mailFrom, 'Quire <quire@fic.example.org>');
  });

  it('reads QUIRE_PROCESSES: one by default, a number, or one per core', () => {
    assert.equal(loadConfig({}).processes, 1);
    assert.equal(loadConfig({ QUIRE_PROCESSES: '3' }).processes, 3);
    assert.equal(loadConfig({ QUIRE_PROCESSES: 'auto' }).processes, os.availableParallelism());
  });

  it('reads RATE_LIMIT_MAX for load tests, unset by default', () => {
    assert.equal(loadConfig({}).rateLimitMax, undefined);
    assert.equal(loadConfig({ RATE_LIMIT_MAX: '5000' }).rateLimitMax, 5000);
  });

  it('reads PAGE_CACHE_MB, 64 by default, 0 for none', () => {
    assert.equal(loadConfig({}).pageCacheMB, 64);
    assert.equal(loadConfig({ PAGE_CACHE_MB: '16' }).pageCacheMB, 16);
    assert.equal(loadConfig({ PAGE_CACHE_MB: '0' }).pageCacheMB, 0);
  });

  const bad: [Record<string, string>, string, RegExp][] = [
    [{ PORT: 'eighty' }, 'PORT', /whole number from 0 to 65535/],
    [{ PORT: '70000' }, 'PORT', /65535/],
    [{ DATABASE_URL: 'mysql://localhost/quire' }, 'DATABASE_URL', /postgres:\/\/ URL or sqlite:<file>/],
    [{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL', /not a valid postgres:\/\/ URL/],
    [{ BASE_URL: 'ftp://x' }, 'BASE_URL', /http\(s\) URL/],
    [{ SMTP_URL: 'mail.example.org' }, 'SMTP_URL', /smtp:\/\//],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
    [{ PASSWORD_HASH_COST: '8' }, 'PASSWORD_HASH_COST', /14 to 20/],
    [{ RATE_LIMIT_MAX: '0' }, 'RATE_LIMIT_MAX', /at least 1/],
    [{ QUIRE_PROCESSES: '0' }, 'QUIRE_PROCESSES', /from 1 to 64/],
    [{ QUIRE_PROCESSES: 'many' }, 'QUIRE_PROCESSES', /"auto" or a whole number/],
    [{ RATE_LIMIT_MAX: 'lots' }, 'RATE_LIMIT_MAX', /whole number/],
    [{ PAGE_CACHE_MB: '-1' }, 'PAGE_CACHE_MB', /from 0 to 4096/],
    [{ PAGE_CACHE_MB: '1.5' }, 'PAGE_CACHE_MB', /whole number of megabytes/],
  ];
  for (const [env, setting, message] of bad) {
    it(`names ${setting} when it is wrong (${JSON.stringify(env)})`, () => {
      const error = configError(() => loadConfig(env));
      assert.equal(error.setting, setting);
      assert.match(error.message, new RegExp(`^${setting}: `));
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /\n/, 'one line');
    });
  }

  it('refuses a data directory it cannot write', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quire-cfg-')), 'a-file');
    fs.writeFileSync(file, 'not a directory');
    const error = configError(() => prepareDataDir(loadConfig({ QUIRE_DATA: path.join(file, 'data') })));
    assert.equal(error.setting, 'QUIRE_DATA');
    assert.match(error.message, /is not writable \(ENOTDIR\)/);
  });

  it('creates the data directory and a stable cookie secret in it', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quire-cfg-')), 'nested', 'data');
    const first = prepareDataDir(loadConfig({ QUIRE_DATA: dir }));
    const second = prepareDataDir(loadConfig({ QUIRE_DATA: dir }));
    assert.equal(first.sessionSecret.length, 64);
    assert.equal(first.sessionSecret, second.sessionSecret);
    assert.equal(fs.statSync(path.join(dir, 'secret')).mode & 0o777, 0o600);
  });
});
