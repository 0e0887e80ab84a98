import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type LjEntry, LjXmlError, parseLjXml } from './lj-xml.ts';
import { SEED_POST as SEED } from '../../../../test/seed.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const seedLines = SEED.split('\n');
/** The post's body as the page shows it: from "Title:" to the last paragraph (before the tag line). */
const SEED_BODY = seedLines.slice(4, seedLines.indexOf('symphony, fic')).join('\n').trimEnd();

const byId = (entries: LjEntry[], itemid: string): LjEntry => {
  const entry = entries.find((e) => e.itemid === itemid);
  assert.ok(entry, `no entry ${itemid}`);
  return entry;
};
const stripTags = (html: string): string => html.replace(/<[^>]+>/g, '');

describe('LiveJournal export.bml', () => {
  const lj = fixture('livejournal-2006-01.xml');

  it('reads the month, the seed post intact: entities decoded once, HTML as written', () => {
    const { entries, journal, warnings } = parseLjXml(lj);
    assert.deepEqual(
      entries.map((e) => [e.itemid, e.line]),
      [
        ['79962', 3],
        ['80133', 16],
        ['80470', 31],
        ['80640', 42],
        ['80897', 95],
      ],
    );
    assert.equal(journal, null);
    assert.deepEqual(warnings, []);
    const seed = byId(entries, '80640');
    assert.equal(seed.subject, seedLines[0]); // "I&apos;m" in the file
    assert.equal(seedLines[2], 'Jan 21, 2006 19:20');
    assert.equal(seed.eventtime, '2006-01-21T19:20:00');
    assert.equal(seed.logtime, '2006-01-22T03:20:55');
    assert.ok(seed.event.startsWith('<b>Title:</b> Symphony, Part V\n<b>Summary:</b> Peace.\n'));
    assert.ok(seed.event.includes('<lj-cut text="Symphony, Part V">Lex opens the door'));
    assert.equal(stripTags(seed.event), SEED_BODY);
    assert.deepEqual(
      { ...seed, event: '', subject: '' },
      {
        itemid: '80640',
        eventtime: '2006-01-21T19:20:00',
        logtime: '2006-01-22T03:20:55',
        subject: '',
        event: '',
        security: 'public',
        allowmask: 0,
        mood: 'accomplished',
        music: 'Snow Patrol - Run',
        location: null,
        tags: [],
        journal: null,
        poster: null,
        props: {},
        line: 42,
      },
    );
  });

  it('reads security, allowmask, mood and music per entry', () => {
    const { entries } = parseLjXml(lj);
    const table = entries.map((e) => [e.itemid, e.security, e.allowmask, e.mood, e.music, e.subject]);
    assert.deepEqual(table, [
      ['79962', 'private', 0, null, null, 'note to self'],
      ['80133', 'usemask', 1, 'exhausted', 'Coldplay - Fix You', 'ugh, week'],
      ['80470', 'usemask', 6, 'anxious', null, 'Symphony, Part IV — beta needed?'],
      ['80640', 'public', 0, 'accomplished', 'Snow Patrol - Run', seedLines[0]],
      ['80897', 'public', 0, 'grateful', 'Keane - Somewhere Only We Know', ''],
    ]);
    const week = byId(entries, '80133').event;
    assert.ok(week.startsWith('Work was <i>awful</i>. The printer ate my report & then'));
    assert.ok(week.includes("<lj-cut>Long whiny rant under here so it doesn't clog"));
    assert.equal(
      byId(entries, '80897').event,
      'Thank you, everyone, for reading along. <lj user="dts_mod"> &hearts; you all.\n\n' +
        'Next up: something <em>fluffy</em>.',
    );
  });

  it('reads the same with a byte order mark and CRLF line ends', () => {
    assert.deepEqual(parseLjXml('\uFEFF' + lj.replace(/\n/g, '\r\n')), parseLjXml(lj));
  });
});

describe('Dreamwidth export', () => {
  const { entries, warnings } = parseLjXml(fixture('dreamwidth-2010-05.xml'));

  it('reads entries, user tags and non-Latin text', () => {
    assert.deepEqual(
      entries.map((e) => e.itemid),
      ['1794', '2051', '2305', '2562'],
    );
    const hello = byId(entries, '1794');
    assert.ok(
      hello.event.startsWith('Hello, Dreamwidth. Imported everything from LJ, <user name="symphonic_lex"'),
    );
    assert.ok(hello.event.endsWith('Still learning what "access" vs "subscribe" means. Приветствую всех 👋'));
    assert.equal(hello.music, 'Florence + the Machine - Dog Days Are Over');
    assert.equal(
      byId(entries, '2051').event,
      '<cut text="Exchange drabble (G, Lex/Lana)">Snow on the Talon&rsquo;s windows.</cut>',
    );
  });

  it('keeps access filters exactly, and fails closed on a mask it cannot hold exactly', () => {
    const masks = entries.map((e) => [e.itemid, e.security, e.allowmask]);
    assert.deepEqual(masks, [
      ['1794', 'public', 0],
      ['2051', 'usemask', 1],
      ['2305', 'usemask', 2 ** 45],
      ['2562', 'private', null],
    ]);
    assert.deepEqual(warnings, [
      'line 38: entry 2562: allowmask "1152921504606846977" cannot be read exactly; treated as private',
    ]);
  });
});

describe('ljdump files', () => {
  it('reads the <event> root as the entry, with <props> and tags', () => {
    const { entries, warnings } = parseLjXml(fixture('ljdump-L-315.xml'));
    assert.deepEqual(warnings, []);
    assert.equal(entries.length, 1);
    const [e] = entries as [LjEntry];
    const fromExport = byId(parseLjXml(fixture('livejournal-2006-01.xml')).entries, '80640');
    assert.equal(e.event, fromExport.event);
    assert.equal(e.subject, seedLines[0]);
    assert.deepEqual(
      { ...e, event: '', subject: '' },
      {
        itemid: '315',
        eventtime: '2006-01-21T19:20:00',
        logtime: '2006-01-22T03:20:55',
        subject: '',
        event: '',
        security: 'public',
        allowmask: null,
        mood: 'accomplished',
        music: 'Snow Patrol - Run',
        location: null,
        tags: ['symphony', 'fic'],
        journal: null,
        poster: null,
        props: {
          reply_count: '14',
          url: 'https://symphonic-lex.livejournal.com/80640.html',
          current_moodid: '2',
          commentalter: '1138080013',
          revnum: '1',
          interface: 'web',
          anum: '0',
          event_timestamp: '1137871200',
        },
        line: 2,
      },
    );
  });

  it('reads a locked community post: poster, location, deduplicated tags, CRLF in the body', () => {
    const [e] = parseLjXml(fixture('ljdump-L-313.xml')).entries as [LjEntry];
    assert.equal(e.security, 'usemask');
    assert.equal(e.allowmask, 1);
    assert.equal(e.poster, 'symphonic_lex');
    assert.equal(e.location, 'home, finally');
    assert.deepEqual(e.tags, ['rl', 'whining']);
    assert.deepEqual(e.props, { opt_preformatted: '1', anum: '5' });
    assert.equal(
      e.event,
      'Work was <i>awful</i>.\nThe printer ate my report & then the coffee machine died.',
    );
    assert.equal(e.logtime, null);
  });
});

describe('refusals', () => {
  it('refuses an RSS feed, naming what it is', () => {
    assert.throws(
      () => parseLjXml(fixture('livejournal-rss.xml')),
      (err: unknown) =>
        err instanceof LjXmlError &&
        err.line === 2 &&
        err.column === 1 &&
        err.message ===
          'line 2, column 1: not a LiveJournal/Dreamwidth export: the document is <rss> (an RSS feed), ' +
            'not <livejournal> (export.bml) or <event> (ljdump)',
    );
  });

  it('refuses a comment export', () => {
    const xml =
      '<?xml version="1.0" encoding=\'utf-8\'?>\n<livejournal>\n<maxid>16832</maxid>\n</livejournal>\n';
    assert.throws(() => parseLjXml(xml), { line: 3, column: 1, message: /comment export/ });
  });

  it('refuses an entry without an itemid, or with an empty one', () => {
    const xml = (itemid: string): string =>
      [
        '<livejournal>',
        '<entry><itemid>1</itemid></entry>',
        '  <entry>',
        itemid,
        '<subject>x</subject>',
        '</entry>',
      ]
        .concat('</livejournal>')
        .join('\n');
    const noId = 'line 3, column 3: <entry> has no <itemid>: every entry needs one';
    assert.throws(
      () => parseLjXml(xml('')),
      (err: unknown) => err instanceof LjXmlError && err.message === noId,
    );
    assert.throws(() => parseLjXml(xml('<itemid> </itemid>')), { line: 3, message: /has an empty <itemid>/ });
  });
});
