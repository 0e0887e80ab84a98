import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextRevision, type PostedChapter, type RevisionEvent, type RevisionState } from './revision.ts';

const JAN = '2006-01-10T12:00:00.000Z';
const FEB = '2006-02-10T12:00:00.000Z';
const MAR = '2006-03-10T12:00:00.000Z';
const NOW = '2026-11-23T20:00:00.000Z';

const posted: RevisionState = {
  posted: true,
  publishedAt: JAN,
  revisedAt: FEB,
  majorVersion: 2,
  minorVersion: 3,
  expectedChapters: 3,
};
const two: PostedChapter[] = [
  { publishedAt: JAN, wordCount: 1000 },
  { publishedAt: FEB, wordCount: 500 },
];

interface Row {
  name: string;
  state: RevisionState;
  chapters: PostedChapter[];
  event: RevisionEvent;
  expect: Partial<ReturnType<typeof nextRevision>>;
}

const table: Row[] = [
  {
    name: 'posting a work dates it by its chapters and makes it version 1.0',
    state: { ...posted, publishedAt: null, revisedAt: null, majorVersion: 0, minorVersion: 0 },
    chapters: [{ publishedAt: NOW, wordCount: 595 }],
    event: { kind: 'work-posted' },
    expect: {
      publishedAt: NOW,
      revisedAt: NOW,
      majorVersion: 1,
      minorVersion: 0,
      wordCount: 595,
      postedChapters: 1,
    },
  },
  {
    name: 'posting a backdated work keeps the backdate',
    state: { ...posted, publishedAt: null, revisedAt: null },
    chapters: [{ publishedAt: JAN, wordCount: 595 }],
    event: { kind: 'work-posted' },
    expect: { publishedAt: JAN, revisedAt: JAN },
  },
  {
    name: 'a new chapter bumps Date Updated to now and raises the major version',
    state: posted,
    chapters: [...two, { publishedAt: NOW, wordCount: 250 }],
    event: { kind: 'chapter-posted', publishedAt: NOW },
    expect: {
      publishedAt: JAN,
      revisedAt: NOW,
      majorVersion: 3,
      minorVersion: 0,
      wordCount: 1750,
      complete: true,
    },
  },
  {
    name: 'a backdated new chapter dates the work by that chapter',
    state: posted,
    chapters: [...two, { publishedAt: MAR, wordCount: 250 }],
    event: { kind: 'chapter-posted', publishedAt: MAR },
    expect: { revisedAt: MAR, majorVersion: 3 },
  },
  {
    name: 'editing (work, chapter, tags, a draft chapter) never bumps; it raises the minor version',
    state: posted,
    chapters: two,
    event: { kind: 'edited' },
    expect: { publishedAt: JAN, revisedAt: FEB, majorVersion: 2, minorVersion: 4, wordCount: 1500 },
  },
  {
    name: 'deleting the latest chapter recomputes Date Updated from what remains',
    state: { ...posted, revisedAt: MAR },
    chapters: [two[0]!],
    event: { kind: 'chapter-removed' },
    expect: { revisedAt: JAN, wordCount: 1000, postedChapters: 1, minorVersion: 4 },
  },
  {
    name: 'changing a chapter’s date recomputes Date Updated',
    state: posted,
    chapters: [two[0]!, { publishedAt: MAR, wordCount: 500 }],
    event: { kind: 'chapter-redated' },
    expect: { revisedAt: MAR },
  },
  {
    name: 'redating the first chapter moves the publication date',
    state: posted,
    chapters: [{ publishedAt: '2005-12-25T00:00:00.000Z', wordCount: 1000 }, two[1]!],
    event: { kind: 'chapter-redated' },
    expect: { publishedAt: '2005-12-25T00:00:00.000Z', revisedAt: FEB },
  },
  {
    name: 'a draft work has no dates or versions, whatever happens',
    state: { ...posted, posted: false, publishedAt: null, revisedAt: null, majorVersion: 0, minorVersion: 0 },
    chapters: [],
    event: { kind: 'edited' },
    expect: { publishedAt: null, revisedAt: null, majorVersion: 0, minorVersion: 0, wordCount: 0 },
  },
  {
    name: 'complete when posted chapters reach the expected count; "?" is never complete',
    state: { ...posted, expectedChapters: null },
    chapters: two,
    event: { kind: 'edited' },
    expect: { complete: false },
  },
  {
    name: 'complete with 2 of 2',
    state: { ...posted, expectedChapters: 2 },
    chapters: two,
    event: { kind: 'edited' },
    expect: { complete: true },
  },
];

describe('the Date Updated rule (works/revision.ts)', () => {
  for (const row of table) {
    it(row.name, () => {
      const result = nextRevision(row.state, row.chapters, row.event);
      for (const [key, value] of Object.entries(row.expect)) {
        assert.deepEqual(result[key as keyof typeof result], value, key);
      }
    });
  }
});
