import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { unavailableKind } from '../../src/db/unavailable.ts';
import { QuireError } from '../../src/lib/errors.ts';
import { toQuireError } from '../../src/web/errors.tsx';
import { Outage } from '../../src/web/security/outage.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('which database errors mean "cannot save right now"', () => {
  const cases: [Error, ReturnType<typeof unavailableKind>][] = [
    [withCode('SQLITE_FULL', 'database or disk is full'), 'full'],
    [withCode('SQLITE_READONLY', 'attempt to write a readonly database'), 'read_only'],
    [withCode('SQLITE_READONLY_DBMOVED'), 'read_only'],
    [withCode('SQLITE_IOERR_WRITE', 'disk I/O error'), 'unreachable'],
    [withCode('SQLITE_IOERR_FSYNC'), 'unreachable'],
    [withCode('SQLITE_BUSY', 'database is locked'), 'unreachable'],
    [withCode('53100', 'could not extend file: No space left on device'), 'full'],
    [withCode('25006', 'cannot execute INSERT in a read-only transaction'), 'read_only'],
    [withCode('57P03', 'the database system is starting up'), 'unreachable'],
    [withCode('57P01', 'terminating connection due to administrator command'), 'unreachable'],
    [withCode('53300', 'too many connections'), 'unreachable'],
    [withCode('08006'), 'unreachable'],
    [withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'unreachable'],
    [new Error('Connection terminated unexpectedly'), 'unreachable'],
    [new Error('timeout exceeded when trying to connect'), 'unreachable'],
    [new Error('wrapped', { cause: withCode('SQLITE_FULL') }), 'full'],
    // Not unavailability: bugs and bad input keep their own answers.
    [withCode('23505', 'duplicate key value violates unique constraint'), null],
    [withCode('SQLITE_CONSTRAINT_UNIQUE'), null],
    [withCode('42P01', 'relation "nope" does not exist'), null],
    [withCode('SQLITE_ERROR', 'no such table: nope'), null],
    [new TypeError('cannot read properties of undefined'), null],
  ];
  for (const [error, kind] of cases) {
    it(`${(error as { code?: string }).code ?? error.message} → ${kind}`, () => {
      assert.equal(unavailableKind(error), kind);
      const answer = toQuireError(error);
      assert.equal(answer.status, kind ? 503 : 500);
    });
  }

  it('leaves a QuireError as it is', () => {
    const error = new QuireError('not_found', 404, 'No.');
    assert.equal(toQuireError(error), error);
  });
});

describe('an outage is logged once', () => {
  it('logs the first refusal, counts the rest, and logs the recovery once', () => {
    const lines: { level: number; msg: string; refused?: number; kind?: string }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const log = pino({ level: 'info' }, stream);
    const outage = new Outage();
    outage.succeeded(log);
    for (let i = 0; i < 5; i++) outage.failed(log, withCode('SQLITE_FULL'), 'full');
    assert.equal(outage.active, true);
    outage.succeeded(log);
    outage.succeeded(log);
    assert.equal(outage.active, false);
    assert.deepEqual(
      lines.map((l) => [l.level, l.kind ?? l.refused]),
      [
        [50, 'full'],
        [40, 5],
      ],
    );
    assert.match(lines[0]!.msg, /cannot take writes/);
  });
});
