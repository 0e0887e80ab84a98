// The synthetic archive, work by work, as the rows Quire itself would have written: accounts with
// pseuds, works posted chapter by chapter over 20 years, tags created on first use (fixed
// vocabularies canonical; most fandoms, characters and relationships wrangled canonical with their
// fandom; a few synonyms), filter tags, creators, series and the search index entry of every
// listable work. Deterministic from the seed: the same options give the same rows.
import { typedTagKey } from '../../src/features/tags/tag-names.ts';
import { MEDIA } from '../../src/features/tags/media.ts';
import type { TagType } from '../../src/db/schema.ts';
import {
  CATEGORY_NAMES,
  CATEGORY_W,
  LANG_W,
  LANGS,
  ProseWriter,
  RATING_NAMES,
  RATING_W,
  type Rng,
  WARNING_NAMES,
  WARNING_W,
  cap,
  characterFirstName,
  characterName,
  code,
  fandomName,
  fandomPicker,
  fandomPools,
  freeformName,
  int,
  logNormal,
  mix,
  pair,
  prng,
  vocabulary,
  weighted,
  zipf,
} from './synthetic.ts';
import { Batch, type SearchRow } from './tables.ts';

export const FANDOMS = 30_000;
export const FREEFORMS = 80_000;
const START = Date.UTC(2006, 0, 1) / 1000;
const NOW = Date.UTC(2026, 0, 1) / 1000;
const SPAN = NOW - START;
const DAY = 86_400;

export interface GeneratorOptions {
  works: number;
  seed: number;
  bodies: 'short' | 'full';
  /** Accounts (default: 30% of the works, at least 50). */
  accounts?: number;
  /** The scrypt hash every account gets (one computed hash, reused). */
  passwordHash: string;
  /** First free ids (the database may hold accounts already). */
  firstUserId: number;
  firstPseudId: number;
}

/**
 * `gap` seconds after `from`, or, past the end of the archive's history, somewhere between `from`
 * and that end (instants stay distinct: many works sharing one updated_at would not be realistic).
 */
const later = (r: Rng, from: number, gap: number) =>
  from + gap <= NOW ? from + gap : from + (NOW - from) * (0.2 + 0.8 * r());
const iso = (seconds: number) => new Date(Math.round(seconds * 1000)).toISOString();

// Tag keys: every tag the archive could have, numbered; ids are given on first use.
const FIXED = 17;
const KF = FIXED; // fandoms
const KFS = KF + FANDOMS; // fandom synonyms
const POOLS = fandomPools(FANDOMS, 0);
const KCR = KFS + FANDOMS; // characters and relationships (POOLS numbering)
const KCS = KCR + POOLS.next; // character synonyms
const KFF = KCS + POOLS.next; // freeforms
const KEYS = KFF + FREEFORMS;
for (let f = 0; f < FANDOMS; f++) {
  const chars = POOLS.charCount[f]!;
  if (POOLS.relCount[f]! > (chars * (chars - 1)) / 2) throw new Error(`fandom ${f}: too few characters`);
}

const fandomHasSynonym = (f: number) => mix(f, 21) % 16 === 0;
const characterCanonical = (c: number) => mix(c, 3) % 10 !== 0;
const characterHasSynonym = (c: number) => characterCanonical(c) && mix(c, 5) % 20 === 0;
const relationshipCanonical = (k: number) => mix(k, 4) % 100 >= 15;
const freeformCanonical = (rank: number) => rank < 2000 || mix(rank, 6) % 4 === 0;
/** Metatags: a few mid-popular fandoms sit under a popular one (links written at the end). */
export function metaParent(f: number): number | null {
  return f >= 100 && f < 400 && f % 7 === 0 ? f % 20 : null;
}

interface TagFacts {
  type: TagType;
  name: string;
  canonical: boolean;
  /** Key of the canonical tag this one is a synonym of. */
  synonymOf?: number;
  /** Key of the parent fandom (canonical characters and relationships). */
  fandom?: number;
  media?: string;
}

function tagFacts(key: number): TagFacts {
  if (key < FIXED) {
    if (key < 5) return { type: 'rating', name: RATING_NAMES[key]!, canonical: true };
    if (key < 11) return { type: 'warning', name: WARNING_NAMES[key - 5]!, canonical: true };
    return { type: 'category', name: CATEGORY_NAMES[key - 11]!, canonical: true };
  }
  if (key < KFS) {
    const f = key - KF;
    return { type: 'fandom', name: fandomName(f), canonical: true, media: MEDIA[mix(f, 9) % MEDIA.length] };
  }
  if (key < KCR) {
    const f = key - KFS;
    return { type: 'fandom', name: `${fandomName(f)} (Series)`, canonical: false, synonymOf: KF + f };
  }
  if (key < KCS) {
    const p = key - KCR;
    const f = fandomOfPool(p);
    if (p < POOLS.relBase[f]!) {
      const canonical = characterCanonical(p);
      return { type: 'character', name: characterName(p), canonical, fandom: canonical ? KF + f : undefined };
    }
    const k = p - POOLS.relBase[f]!;
    const [a, b] = pair(k);
    const names = [characterName(POOLS.charBase[f]! + a), characterName(POOLS.charBase[f]! + b)];
    if (mix(f, k, 1) % 2) names.reverse();
    const canonical = relationshipCanonical(p);
    return {
      type: 'relationship',
      name: names.join(mix(f, k, 2) % 6 === 0 ? ' & ' : '/'),
      canonical,
      fandom: canonical ? KF + f : undefined,
    };
  }
  if (key < KFF) {
    const p = key - KCS;
    const [first, ...rest] = characterName(p).split(' ');
    return { type: 'character', name: `${rest.join(' ')}, ${first}`, canonical: false, synonymOf: KCR + p };
  }
  const rank = key - KFF;
  return { type: 'freeform', name: freeformName(rank), canonical: freeformCanonical(rank) };
}

/** The fandom a character/relationship pool index belongs to (binary search over the bases). */
function fandomOfPool(p: number): number {
  let lo = 0;
  let hi = FANDOMS - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (POOLS.charBase[mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const pickFandom = fandomPicker(FANDOMS);

export class ArchiveGenerator {
  readonly accounts: number;
  private readonly tagIds = new Int32Array(KEYS);
  private readonly tagNames: string[] = [''];
  private readonly tagTypes: TagType[] = ['rating'];
  private readonly mergerOf: number[] = [0];
  private nextTagId: number;
  private readonly firstTagId: number;
  private readonly pseudBase: Int32Array;
  private readonly pseudCount: Uint8Array;
  private readonly openSeries: Int32Array;
  private readonly seriesParts = new Map<number, number>();
  private readonly words = vocabulary();
  private nextChapterId = 1;
  private nextSeriesId = 1;
  readonly counts = { works: 0, chapters: 0, tags: 0, series: 0, listable: 0 };

  constructor(
    private readonly options: GeneratorOptions,
    first: { workId: number; tagId: number; chapterId: number; seriesId: number },
  ) {
    this.accounts = options.accounts ?? Math.max(50, Math.round(options.works * 0.3));
    this.pseudBase = new Int32Array(this.accounts);
    this.pseudCount = new Uint8Array(this.accounts);
    this.openSeries = new Int32Array(this.accounts);
    this.firstWorkId = first.workId;
    this.nextTagId = this.firstTagId = first.tagId;
    this.nextChapterId = first.chapterId;
    this.nextSeriesId = first.seriesId;
  }
  private readonly firstWorkId: number;

  // ---- Accounts ----
  private username(u: number): string {
    return `${code((u % 3000) + 200)}_${Math.floor(u / 3000) + 1}`;
  }
  private userCreated(u: number): number {
    return START - 30 * DAY + SPAN * Math.sqrt(u / this.accounts);
  }
  private pseudName(u: number, k: number): string {
    return k === 0 ? this.username(u) : cap(code((mix(u, 3) % 20_000) + 20_000 * (k - 1)));
  }

  /** Accounts `from` … `to` − 1 with their pseuds. */
  accountRows(batch: Batch, from: number, to: number): void {
    const { passwordHash, firstUserId, firstPseudId } = this.options;
    let pseudId = from === 0 ? firstPseudId : this.pseudBase[from - 1]! + this.pseudCount[from - 1]!;
    for (let u = from; u < to; u++) {
      const username = this.username(u);
      const email = `${username}@bench.invalid`;
      const created = iso(this.userCreated(u));
      batch.rows.users.push(
        firstUserId + u,
        username,
        username.toLowerCase(),
        email,
        email.toLowerCase(),
        passwordHash,
        'user',
        0,
        mix(u, 8) % 3 === 0 ? 1 : 0,
        created,
        created,
      );
      const pseuds = 1 + (mix(u, 2) % 5 === 0 ? 1 + (mix(u, 2) % 2) : 0);
      this.pseudBase[u] = pseudId;
      this.pseudCount[u] = pseuds;
      for (let k = 0; k < pseuds; k++) {
        const name = this.pseudName(u, k);
        batch.rows.pseuds.push(
          pseudId++,
          firstUserId + u,
          name,
          name.toLowerCase(),
          '',
          k === 0 ? 1 : 0,
          created,
        );
      }
    }
  }

  // ---- Tags ----
  /** The id of a tag, created (with its wrangling) on first use by the work posted at `when`. */
  private tag(batch: Batch, key: number, when: string): number {
    const known = this.tagIds[key]!;
    if (known) return known;
    const facts = tagFacts(key);
    const id = this.nextTagId++;
    this.tagIds[key] = id;
    const merger = facts.synonymOf !== undefined ? this.tagIds[facts.synonymOf]! : 0;
    const wrangled = key >= FIXED && (facts.canonical || merger !== 0);
    batch.rows.tags.push(
      id,
      facts.type,
      facts.name,
      typedTagKey(facts.type, facts.name),
      facts.canonical ? 1 : 0,
      merger || null,
      facts.media ?? null,
      wrangled ? when : null,
      when,
    );
    if (facts.fandom !== undefined) batch.rows.tag_links.push(this.tagIds[facts.fandom]!, id, 'fandom');
    this.tagNames[id - this.firstTagId + 1] = facts.name;
    this.tagTypes[id - this.firstTagId + 1] = facts.type;
    this.mergerOf[id - this.firstTagId + 1] = merger;
    this.counts.tags++;
    return id;
  }

  /** A synonym's key when it may be used now (its canonical tag exists), else the canonical key. */
  private maybeSynonym(r: Rng, canonicalKey: number, synonymKey: number, has: boolean, share: number) {
    return has && this.tagIds[canonicalKey] && r() < share ? synonymKey : canonicalKey;
  }

  /** Metatag links between fandoms that both exist (wrangled after the fact): rows for `tag_links`. */
  metaLinks(batch: Batch): number {
    let n = 0;
    for (let f = 0; f < FANDOMS; f++) {
      const parent = metaParent(f);
      if (parent === null) continue;
      const child = this.tagIds[KF + f]!;
      const meta = this.tagIds[KF + parent]!;
      if (child && meta) {
        batch.rows.tag_links.push(meta, child, 'meta');
        n++;
      }
    }
    return n;
  }

  // ---- Works ----
  /** Work number i (0-based) and everything that hangs off it, appended to the batch. */
  work(batch: Batch, i: number): void {
    const { works: total, seed, bodies } = this.options;
    const r = prng(mix(seed, i, 0x5eed));
    const id = this.firstWorkId + i;
    const x = (i + 0.5) / total;
    const posted0 = START + SPAN * Math.sqrt(x);
    const createdIso = iso(posted0);

    // Creators: accounts that existed by then, the earliest the most prolific.
    const available = Math.max(1, Math.min(this.accounts, Math.floor(this.accounts * x)));
    const poster = zipf(r, available);
    const posterPseud =
      this.pseudBase[poster]! +
      (this.pseudCount[poster]! > 1 && r() < 0.3 ? 1 + int(r, this.pseudCount[poster]! - 1) : 0);
    const creators: { pseud: number; user: number; accepted: number }[] = [
      { pseud: posterPseud, user: poster, accepted: 1 },
    ];
    if (r() < 0.03 && available > 1) {
      let other = zipf(r, available);
      if (other === poster) other = (poster + 1) % available;
      creators.push({ pseud: this.pseudBase[other]!, user: other, accepted: r() < 0.9 ? 1 : 0 });
    }

    // Tags, in the order the posting form gives them.
    const fandoms = [pickFandom(r)];
    const extra = r() < 0.05 ? (r() < 0.8 ? 1 : 2) : 0;
    for (let k = 0; k < extra; k++) fandoms.push(pickFandom(r));
    const keys: number[] = [weighted(r, RATING_W), 5 + weighted(r, WARNING_W)];
    if (r() < 0.15) keys.push(5 + 2 + int(r, 4));
    keys.push(11 + weighted(r, CATEGORY_W));
    if (r() < 0.2) keys.push(11 + weighted(r, CATEGORY_W));
    const fandomKeys = fandoms.map((f) => this.maybeSynonym(r, KF + f, KFS + f, fandomHasSynonym(f), 0.1));
    const names: string[] = [];
    const rels: number[] = [];
    for (let k = weighted(r, [15, 45, 28, 12]); k > 0; k--) {
      const f = fandoms[int(r, fandoms.length)]!;
      rels.push(KCR + POOLS.relBase[f]! + zipf(r, POOLS.relCount[f]!));
    }
    const chars: number[] = [];
    for (let k = 1 + int(r, 6); k > 0; k--) {
      const f = fandoms[int(r, fandoms.length)]!;
      const c = POOLS.charBase[f]! + zipf(r, POOLS.charCount[f]!);
      names.push(characterFirstName(c));
      chars.push(this.maybeSynonym(r, KCR + c, KCS + c, characterHasSynonym(c), 0.08));
    }
    const frees: number[] = [];
    for (let k = int(r, 8); k > 0; k--) frees.push(KFF + zipf(r, FREEFORMS));
    // Fandoms first: a character's fandom link and a synonym's canonical tag need them to exist.
    const ordered = [...keys, ...fandomKeys, ...rels, ...chars, ...frees];
    const tagIds = [...new Set(ordered.map((key) => this.tag(batch, key, createdIso)))];

    // Chapters and their dates.
    const full = bodies === 'full';
    const totalWords = full
      ? Math.max(100, Math.min(40_000, Math.floor(logNormal(r, 1000, 0.9))))
      : Math.max(100, Math.min(2_000_000, Math.floor(logNormal(r, 3500, 1.2))));
    let chapterCount = full
      ? Math.max(1, Math.min(40, Math.round(totalWords / logNormal(r, 1500, 0.5))))
      : r() < 0.55
        ? 1
        : Math.min(40, 1 + Math.floor(logNormal(r, 4, 0.9)));
    chapterCount = Math.min(chapterCount, Math.floor(totalWords / 20));
    chapterCount = Math.max(1, chapterCount);
    const complete = chapterCount === 1 ? r() < 0.93 : r() < 0.6;
    const draft = r() < 0.01;
    const hidden = !draft && r() < 0.001;
    const restricted = r() < 0.03;
    const expected = complete ? chapterCount : r() < 0.5 ? null : chapterCount + 1 + int(r, 10);
    const lastIsDraft = !draft && !complete && chapterCount > 1 && r() < 0.03;
    const gap = logNormal(r, 10, 1.1) * DAY;
    const chapterTimes: number[] = [posted0];
    for (let c = 1; c < chapterCount; c++) {
      chapterTimes.push(later(r, chapterTimes[c - 1]!, gap * (0.3 + 1.4 * r())));
    }
    const weights = Array.from({ length: chapterCount }, () => 0.6 + r() * 0.8);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const chapterWords = weights.map((w) => Math.max(1, Math.floor((totalWords * w) / weightSum)));
    const titled = chapterCount > 1 && r() < 0.3;
    const prose = new ProseWriter(this.words, r);
    let postedWords = 0;
    let postedChapters = 0;
    let lastPosted = posted0;
    const bodyParts: string[] = [];
    for (let c = 0; c < chapterCount; c++) {
      const chapterPosted = !draft && !(lastIsDraft && c === chapterCount - 1);
      const title = titled ? cap(prose.line(1 + int(r, 4), names).replace(/[.,]/g, '')) : '';
      const html: string[] = [];
      const plain: string[] = [];
      prose.paragraphs(full ? chapterWords[c]! : 8 + int(r, 20), names, html, plain);
      const wordCount = full ? plain.length : chapterWords[c]!;
      const when = iso(chapterTimes[c]!);
      batch.rows.chapters.push(
        this.nextChapterId++,
        id,
        c + 1,
        title,
        '',
        '',
        '',
        html.join('\n'),
        wordCount,
        chapterPosted ? 1 : 0,
        chapterPosted ? when : null,
        when,
        when,
      );
      this.counts.chapters++;
      if (chapterPosted) {
        postedWords += wordCount;
        postedChapters++;
        lastPosted = chapterTimes[c]!;
        if (title) bodyParts.push(title);
        bodyParts.push(plain.join(' '));
      }
    }

    // The work: the revision rule's columns follow from the chapters (works/revision.ts).
    const edits = r() < 0.25 ? 1 + int(r, 3) : 0;
    let updated = Math.max(...chapterTimes);
    for (let e = 0; e < edits; e++) updated = later(r, updated, logNormal(r, 20, 1) * DAY);
    const title = cap(prose.line(1 + int(r, 5), names).replace(/[.,]/g, ''));
    const summary = `<p>${prose.line(10 + int(r, 60), names)}</p>`;
    const notes = r() < 0.3 ? `<p>${prose.line(5 + int(r, 30))}</p>` : '';
    const endNotes = r() < 0.15 ? `<p>${prose.line(5 + int(r, 20))}</p>` : '';
    const hiddenAt = later(r, updated, DAY);
    const isComplete = !draft && expected !== null && postedChapters >= expected;
    batch.rows.works.push(
      id,
      title,
      summary,
      notes,
      endNotes,
      LANGS[weighted(r, LANG_W)]!,
      restricted ? 1 : 0,
      ['everyone', 'registered', 'none'][weighted(r, [90, 8, 2])]!,
      r() < 0.05 ? 1 : 0,
      expected,
      draft ? 0 : 1,
      hidden ? iso(hiddenAt) : null,
      draft ? null : createdIso,
      draft ? null : iso(lastPosted),
      draft ? 0 : postedWords,
      draft ? 0 : postedChapters,
      isComplete ? 1 : 0,
      draft ? 0 : postedChapters,
      draft ? 0 : edits + (lastIsDraft ? 1 : 0),
      draft ? 0 : Math.floor(logNormal(r, 800, 1.4)),
      createdIso,
      iso(hidden ? hiddenAt : updated),
    );
    this.counts.works++;
    for (const [position, c] of creators.entries()) {
      batch.rows.work_creators.push(
        id,
        c.pseud,
        this.options.firstUserId + c.user,
        position,
        c.accepted,
        createdIso,
      );
    }
    for (const [position, tagId] of tagIds.entries()) batch.rows.work_tags.push(id, tagId, position);
    const filters = new Set(tagIds.map((t) => this.mergerOf[t - this.firstTagId + 1] || t));
    for (const tagId of [...filters].sort((a, b) => a - b)) batch.rows.work_filter_tags.push(id, tagId);

    // Series: some works continue their poster's latest series or start one.
    if (r() < 0.08) {
      const open = this.openSeries[poster]!;
      let seriesId = open;
      if (!open || r() < 0.35) {
        seriesId = this.nextSeriesId++;
        this.openSeries[poster] = seriesId;
        batch.rows.series.push(
          seriesId,
          cap(prose.line(1 + int(r, 4)).replace(/[.,]/g, '')),
          '',
          '',
          0,
          createdIso,
          createdIso,
        );
        batch.rows.series_creators.push(seriesId, posterPseud, this.options.firstUserId + poster);
        this.counts.series++;
      }
      const part = (this.seriesParts.get(seriesId) ?? 0) + 1;
      this.seriesParts.set(seriesId, part);
      batch.rows.serial_works.push(seriesId, id, part);
    }

    // The search index entry: listable works only (search-index.ts loadSearchDoc).
    if (!draft && !hidden) {
      this.counts.listable++;
      const creatorNames = creators
        .filter((c) => c.accepted)
        .flatMap((c) => [this.pseudName(c.user, c.pseud - this.pseudBase[c.user]!), this.username(c.user)]);
      const row: SearchRow = {
        workId: id,
        title,
        summary: summary.slice(3, -4),
        notes: [notes.slice(3, -4), endNotes.slice(3, -4)].filter(Boolean).join('\n\n'),
        tags: tagIds
          .filter((t) => this.typeOf(t) !== 'rating')
          .map((t) => this.tagNames[t - this.firstTagId + 1]!),
        creators: [...new Set(creatorNames)],
        body: bodyParts.join('\n\n'),
      };
      batch.search.push(row);
    }
  }

  private typeOf(tagId: number): TagType {
    return this.tagTypes[tagId - this.firstTagId + 1]!;
  }
}
