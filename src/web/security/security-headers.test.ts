import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eachDialect } from '../../../test/harness.ts';
import { securityHeaders } from './security-headers.ts';

describe('security headers', () => {
  it('over http: a policy without upgrades, and no HSTS', () => {
    const headers = securityHeaders(false);
    assert.match(headers['content-security-policy']!, /default-src 'self';.*form-action 'self'/);
    assert.doesNotMatch(headers['content-security-policy']!, /upgrade-insecure-requests/);
    assert.equal(headers['strict-transport-security'], undefined);
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['x-frame-options'], 'SAMEORIGIN');
  });

  it('behind https: HSTS for a year and upgraded requests', () => {
    const headers = securityHeaders(true);
    assert.equal(headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
    assert.match(headers['content-security-policy']!, /upgrade-insecure-requests/);
  });
});

eachDialect('security headers on every response', (env) => {
  it('pages, API answers, errors and assets all carry them', async () => {
    for (const url of ['/', '/api/v1/works', '/no-such-page', '/works/999999', '/assets/quire.css']) {
      const response = await env().app.inject({ url });
      assert.match(String(response.headers['content-security-policy']), /object-src 'none'/, url);
      assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin', url);
      assert.equal(response.headers['cross-origin-opener-policy'], 'same-origin', url);
    }
  });
});
