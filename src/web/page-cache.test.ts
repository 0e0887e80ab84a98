import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageCache } from './page-cache.ts';

describe('the guest page cache', () => {
  const page = (i: number) => `<p>${'A story told again. '.repeat(1000)}${i}</p>`; // ~20 KB

  it('keeps pages per version within its budget, the least recently used leaving first', () => {
    const cache = new PageCache(1);
    cache.set('/works/1|', 'v1', page(1));
    assert.equal(cache.get('/works/1|', 'v1')?.toString(), page(1));
    assert.equal(cache.get('/works/1|', 'v2'), undefined, 'another version is a miss');
    for (let i = 2; i <= 60; i++) cache.set(`/works/${i}|`, 'v1', page(i));
    assert.equal(cache.get('/works/1|', 'v1'), undefined, '60 pages of 20 KB do not fit in 1 MB');
    assert.equal(cache.get('/works/60|', 'v1')?.toString(), page(60));
  });

  it('keeps nothing with a budget of 0 (PAGE_CACHE_MB=0)', () => {
    const cache = new PageCache(0);
    cache.set('/works/1|', 'v1', page(1));
    assert.equal(cache.get('/works/1|', 'v1'), undefined);
  });
});
