import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblem } from '../features/accounts/password-policy.ts';
import { safeReturnTo } from '../features/accounts/accounts.routes.tsx';
import { hashPassword, verifyPassword } from './passwords.ts';
import { htmlOrText, plainTextToHtml, sanitize } from './sanitize.ts';

describe('sanitize', () => {
  const cases: [string, string][] = [
    ['<p>Hello <em>you</em></p>', '<p>Hello <em>you</em></p>'],
    ['<script>alert(1)</script><p>x</p>', '<p>x</p>'],
    ['<img src="javascript:alert(1)" onerror="alert(1)">', '<img />'],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="nofollow ugc noopener">x</a>'],
    [
      '<a href="https://example.org">x</a>',
      '<a href="https://example.org" rel="nofollow ugc noopener">x</a>',
    ],
    ['<p style="position:fixed">x</p>', '<p>x</p>'],
    [
      '<div class="note"><span class="a b">x</span></div>',
      '<div class="note"><span class="a b">x</span></div>',
    ],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<iframe src="https://evil.example"></iframe>', ''],
    ['<table><tr><td colspan="2">x</td></tr></table>', '<table><tr><td colspan="2">x</td></tr></table>'],
    ['<abbr title="as far as I know">AFAIK</abbr>', '<abbr title="as far as I know">AFAIK</abbr>'],
    ['<p onclick="x()">x</p>', '<p>x</p>'],
    ['<img src="//evil.example/x.png">', '<img />'],
  ];
  for (const [input, output] of cases) {
    it(`${input} → ${output || '(nothing)'}`, () => assert.equal(sanitize(input), output));
  }

  it('turns plain text into paragraphs and line breaks, escaped', () => {
    assert.equal(plainTextToHtml('One\nline <b>\n\nTwo'), '<p>One<br />line &lt;b&gt;</p>\n<p>Two</p>');
    assert.equal(htmlOrText('a < b and c > d'), '<p>a &lt; b and c &gt; d</p>');
    assert.equal(htmlOrText('<p>html</p>'), '<p>html</p>');
  });
});

describe('password policy', () => {
  const cases: [string, string | null][] = [
    ['short', 'Passwords must be at least 10 characters long.'],
    ['x'.repeat(201), 'Passwords can be at most 200 characters long.'],
    ['Password123', 'That password is one of the most commonly used. Please choose another.'],
    ['zzzzzzzzzzzz', 'Passwords cannot be one character repeated.'],
    ['lex_luthor_rules', 'Passwords cannot contain your username.'],
    ['lana.lang.forever', 'Passwords cannot contain your e-mail address.'],
    ['the talon at midnight', null],
  ];
  for (const [password, expected] of cases) {
    it(`${password.slice(0, 20)} → ${expected ?? 'ok'}`, () =>
      assert.equal(
        passwordProblem(password, { username: 'Lex_Luthor', email: 'lana.lang@example.org' }),
        expected,
      ));
  }
});

describe('password hashing', () => {
  it('hashes with scrypt and a per-password salt, and verifies', async () => {
    const a = await hashPassword('the talon at midnight', 14);
    const b = await hashPassword('the talon at midnight', 14);
    assert.match(a, /^scrypt\$16384\$8\$1\$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('the talon at midnight', a), true);
    assert.equal(await verifyPassword('the talon at midnight!', a), false);
    assert.equal(await verifyPassword('anything', '!'), false, 'unusable hashes never verify');
  });
});

describe('return_to after log-in', () => {
  const cases: [unknown, string | undefined][] = [
    ['/account', '/account'],
    ['/works/1?view=full', '/works/1?view=full'],
    ['//evil.example', undefined],
    ['/\\evil.example', undefined],
    ['https://evil.example', undefined],
    ['javascript:alert(1)', undefined],
    [undefined, undefined],
  ];
  for (const [input, output] of cases)
    it(`${String(input)} → ${String(output)}`, () => assert.equal(safeReturnTo(input), output));
});
