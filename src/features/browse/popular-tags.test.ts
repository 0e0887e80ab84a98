import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PopularTag, PopularTags } from './popular-tags.ts';

const WORDLIKE = /[\p{L}\p{N}]/u;

/** The rule, written plainly: 0 a form starts with the key, 1 a word inside one does, −1 neither. */
function rankOf(forms: string[], key: string): number {
  if (forms.some((f) => f.startsWith(key))) return 0;
  const loose = !WORDLIKE.test(key[0] ?? '');
  for (const form of forms)
    for (let at = form.indexOf(key, 1); at > 0; at = form.indexOf(key, at + 1))
      if (loose || !WORDLIKE.test(form[at - 1]!)) return 1;
  return -1;
}

function random(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

const tag = (id: number, forms: string[], canonical = true): PopularTag => ({
  id,
  name: forms[0]!.toUpperCase(),
  canonical,
  forms,
  bound: 1000 - id,
});

describe('packed popular tags', () => {
  it('find prefix and word-start matches as the plain rule does, in list order, once each', () => {
    const next = random(7);
    const alphabet = ['a', 'b', 'ab', 'ba', ' ', '/', '(', 'é', '日', '%', '_'];
    const word = () =>
      Array.from({ length: 1 + Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)])
        .join('')
        .trim() || 'a';
    const tags = Array.from({ length: 400 }, (_, i) =>
      tag(i + 1, next() < 0.3 ? [word(), word()] : [word()], next() < 0.8),
    );
    const packed = new PopularTags(tags);
    for (const key of ['a', 'b', 'ab', 'ba', 'a b', '/a', '(', 'é', '日', '%', '_a', 'zz']) {
      const expected = tags.flatMap((t, i) => (rankOf(t.forms, key) >= 0 ? [[i, rankOf(t.forms, key)]] : []));
      const seen: number[][] = [];
      packed.matches(key, (i, rank) => {
        seen.push([i, rank]);
        return true;
      });
      assert.deepEqual(seen, expected, `key "${key}"`);
    }
  });

  it('give back each entry as it was, and stop when asked', () => {
    const tags = [tag(1, ['harry potter']), tag(2, ['lex/lana', 'lana/lex'], false), tag(3, ['hermione'])];
    const packed = new PopularTags(tags);
    assert.deepEqual(
      Array.from({ length: packed.length }, (_, i) => packed.tag(i)),
      tags,
    );
    const seen: number[] = [];
    packed.matches('h', (i) => {
      seen.push(i);
      return false;
    });
    assert.deepEqual(seen, [0]);
    const lana: number[] = [];
    packed.matches('lana', (i, rank) => {
      lana.push(i, rank);
      return true;
    });
    assert.deepEqual(lana, [1, 0]);
  });
});
