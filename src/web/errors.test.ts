import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuireError, ValidationError } from '../lib/errors.ts';
import { toQuireError } from './errors.tsx';

describe('one error shape', () => {
  const cases: [string, Error, { code: string; status: number; message?: RegExp }][] = [
    ['a QuireError as it is', new QuireError('last_admin', 409, 'x'), { code: 'last_admin', status: 409 }],
    [
      'a validation error',
      new ValidationError({ email: 'bad' }),
      { code: 'invalid_input', status: 422, message: /^bad$/ },
    ],
    [
      'an unexpected error, without its details',
      new Error('connection string postgres://secret@db'),
      { code: 'internal_error', status: 500, message: /^Sorry, something went wrong/ },
    ],
    [
      'a CSRF failure',
      Object.assign(new Error('Invalid csrf token'), { code: 'FST_CSRF_INVALID_TOKEN', statusCode: 403 }),
      { code: 'csrf_failed', status: 403, message: /This form has expired/ },
    ],
    [
      'a body over the limit',
      Object.assign(new Error('Request body is too large'), {
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
        statusCode: 413,
      }),
      { code: 'too_large', status: 413 },
    ],
  ];
  for (const [name, error, expected] of cases) {
    it(name, () => {
      const result = toQuireError(error);
      assert.equal(result.code, expected.code);
      assert.equal(result.status, expected.status);
      if (expected.message) assert.match(result.message, expected.message);
      assert.doesNotMatch(result.message, /secret/);
    });
  }
});
