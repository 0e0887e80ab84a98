// The synthetic archive's building blocks, shared by bench/browse-engine.bench.ts (documents straight
// into the filter engine) and bench/archive/seed.ts (a whole Quire database): a small seedable PRNG,
// the skewed distributions, the AO3-like weights of the fixed vocabularies, the per-fandom tag pools,
// and deterministic names and prose.

/** sfc32: small, fast, seedable. */
export function prng(seed: number) {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 + seed;
  let c = 0xb7e15162 ^ Math.imul(seed, 0x85ebca6b);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}
export type Rng = () => number;
export const int = (r: Rng, n: number) => Math.floor(r() * n);
export const gauss = (r: Rng) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
export const logNormal = (r: Rng, median: number, sigma: number) => median * Math.exp(sigma * gauss(r));
/** Zipf-like rank in [0, n): P(rank < k) ≈ ln(k + 1) / ln(n + 1). */
export const zipf = (r: Rng, n: number) => Math.min(n - 1, Math.floor((n + 1) ** r()) - 1);
export function weighted(r: Rng, weights: readonly number[]): number {
  let u = r() * weights.reduce((x, y) => x + y, 0);
  for (let i = 0; i < weights.length; i++) if ((u -= weights[i]!) < 0) return i;
  return weights.length - 1;
}
/** A well-mixed 32-bit hash of a few integers (for per-tag facts that must not use the stream). */
export function mix(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

// ---- The fixed vocabularies, in the order the weights below use ----
/** General, Teen, Mature, Explicit, Not Rated. */
export const RATING_W = [28, 30, 14, 20, 8];
/** No Archive Warnings Apply, Choose Not To Use, violence, MCD, non-con, underage. */
export const WARNING_W = [58, 26, 9, 4, 2, 1];
/** M/M, F/M, Gen, F/F, Multi, Other. */
export const CATEGORY_W = [36, 24, 20, 9, 7, 4];
export const RATING_NAMES = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'Not Rated'];
export const WARNING_NAMES = [
  'No Archive Warnings Apply',
  'Creator Chose Not To Use Archive Warnings',
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'Rape/Non-Con',
  'Underage Sex',
];
export const CATEGORY_NAMES = ['M/M', 'F/M', 'Gen', 'F/F', 'Multi', 'Other'];
export const LANGS = ['en', 'es', 'zh', 'ru', 'fr', 'pt-BR', 'de', 'ja'];
export const LANG_W = [880, 30, 30, 20, 15, 10, 10, 5];

// ---- The tag universe ----
/**
 * Each fandom's own character and relationship pools (bigger for popular fandoms), numbered from
 * `firstId` on: fandom f's characters are charBase[f] … charBase[f] + charCount[f] − 1.
 */
export function fandomPools(fandoms: number, firstId: number) {
  const charBase = new Int32Array(fandoms);
  const charCount = new Int32Array(fandoms);
  const relBase = new Int32Array(fandoms);
  const relCount = new Int32Array(fandoms);
  let next = firstId;
  for (let f = 0; f < fandoms; f++) {
    charCount[f] = 6 + Math.floor(800 / Math.sqrt(f + 1));
    relCount[f] = 6 + Math.floor(1500 / Math.sqrt(f + 1));
    charBase[f] = next;
    next += charCount[f]!;
    relBase[f] = next;
    next += relCount[f]!;
  }
  return { charBase, charCount, relBase, relCount, next };
}

/** A fandom rank in [0, fandoms) with Zipf (1/rank) popularity. */
export function fandomPicker(fandoms: number): (r: Rng) => number {
  const cdf = new Float64Array(fandoms);
  for (let f = 0, sum = 0; f < fandoms; f++) cdf[f] = sum += 1 / (f + 1);
  return (r) => {
    const u = r() * cdf[fandoms - 1]!;
    let lo = 0;
    let hi = fandoms - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const SYLLABLES = 'ka ri mo sen ta lu vi an el or ith mar cas dean sam sher lock har ry dra co'.split(' ');
/** A made-up word of 1–3 syllables (titles in the engine benchmark). */
export const word = (r: Rng) =>
  Array.from({ length: 1 + int(r, 3) }, () => SYLLABLES[int(r, SYLLABLES.length)]).join('');

// ---- Deterministic names ----
const CONSONANTS = 'bdfghklmnprstvz';
const VOWELS = 'aeiou';
/**
 * A distinct pronounceable lower-case word for every n ≥ 0 (bijective base 75 over two-letter
 * syllables: different numbers never give the same word).
 */
export function code(n: number): string {
  let out = '';
  let v = Math.floor(n) + 1;
  while (v > 0) {
    v -= 1;
    const s = v % 75;
    out += CONSONANTS[Math.floor(s / 5)]! + VOWELS[s % 5]!;
    v = Math.floor(v / 75);
  }
  return out;
}
export const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

const FIRST_NAMES = (
  'Alex Sam Dean Harry Draco Hermione Ron Luna Ginny Severus Remus Sirius Tony Steve Bucky Natasha Clint ' +
  'Bruce Thor Loki Peter Wanda Sherlock John Molly Greg Mycroft Aziraphale Crowley Jon Arya Sansa Jaime ' +
  'Brienne Tyrion Daenerys Kirk Spock Leonard Nyota Geralt Jaskier Yennefer Ciri Castiel Jack Mary Ellen ' +
  'Kara Lena Alex Maggie Clarke Lexa Octavia Bellamy Raven Zuko Katara Sokka Aang Toph Izuku Katsuki ' +
  'Shouto Ochako Levi Eren Mikasa Armin Yuuri Victor Yurio Hannibal Will Eddie Richie Bill Beverly Nico ' +
  'Percy Annabeth Jason Leo Piper Frodo Sam Merry Pippin Legolas Gimli Aragorn Arwen Buffy Spike Willow ' +
  'Tara Faith Xena Gabrielle Kylo Rey Finn Poe Ben Din Grogu Wei Lan Xie Hua Cheng Shen Luo'
)
  .split(' ')
  .filter((name, i, all) => all.indexOf(name) === i);
/** A character: a first name and a made-up family name; distinct for every index. */
export function characterName(index: number): string {
  return `${FIRST_NAMES[index % FIRST_NAMES.length]} ${cap(code(Math.floor(index / FIRST_NAMES.length) + 80))}`;
}
/** A character's first name (what prose and searches use). */
export const characterFirstName = (index: number) => FIRST_NAMES[index % FIRST_NAMES.length]!;

const FANDOM_SUFFIXES = ['', '', '', ' (TV)', ' - All Media Types', ' (Anime & Manga)', ' (Video Game)', ''];
/** A fandom: distinct for every rank (the first word is code(rank)). */
export function fandomName(rank: number): string {
  const second = cap(code(mix(rank, 7) % 4000));
  return `${cap(code(rank + 5))} ${second}${FANDOM_SUFFIXES[mix(rank, 11) % FANDOM_SUFFIXES.length]}`;
}

const COMMON_FREEFORMS = (
  'Fluff|Angst|Hurt/Comfort|Alternate Universe|Romance|Humor|Smut|Friendship|Family|Fluff and Angst|' +
  'Canon Compliant|Happy Ending|Slow Burn|Established Relationship|Alternate Universe - Modern Setting|' +
  'Alternate Universe - Canon Divergence|Hurt No Comfort|Enemies to Lovers|Friends to Lovers|Drabble|' +
  'Character Study|Post-Canon|Pre-Canon|Crack|Crack Treated Seriously|Whump|Pining|Mutual Pining|' +
  'Sexual Content|Oral Sex|Anal Sex|Kissing|Cuddling & Snuggling|Domestic Fluff|Found Family|' +
  'Soulmates|Time Travel|Fix-It|Missing Scene|Introspection|Grief/Mourning|Character Death|Violence|' +
  'Blood and Injury|Emotional Hurt/Comfort|Minor Character Death|Coming Out|Getting Together|First Kiss|' +
  "Christmas|Halloween|Valentine's Day|Hogwarts Eighth Year|Coffee Shops & Cafés|Team as Family|" +
  'Miscommunication|Unresolved Sexual Tension|Misunderstandings|Amnesia|Sick Character|Nightmares'
).split('|');
const FREEFORM_SUFFIXES = ['Feels', 'AU', 'Fluff', 'Angst', 'Friendship', 'Drama', 'Trope', 'Smut', 'Humor'];
/** A freeform tag: the well-known ones first, then made-up ones; distinct for every rank. */
export function freeformName(rank: number): string {
  if (rank < COMMON_FREEFORMS.length) return COMMON_FREEFORMS[rank]!;
  return `${cap(code(rank + 300))} ${FREEFORM_SUFFIXES[rank % FREEFORM_SUFFIXES.length]}`;
}

/** The i-th unordered pair (a < b) in the order (0,1), (0,2), (1,2), (0,3), (1,3), (2,3)… */
export function pair(k: number): [number, number] {
  let b = Math.floor((1 + Math.sqrt(1 + 8 * k)) / 2);
  while ((b * (b - 1)) / 2 > k) b--;
  while (((b + 1) * b) / 2 <= k) b++;
  return [k - (b * (b - 1)) / 2, b];
}

// ---- Prose ----
const COMMON_WORDS = (
  'the and to a of he she was it in that his her i you had with for at on as not but they him be said ' +
  'have is this from were all so what one out up there would could if we them when like no back been ' +
  'by their do me just about then into know now over did before eyes even more time something down ' +
  'hand looked only an my face way away head again around too still through thought how see felt ' +
  'want here who going right after think other long never room which something door smiled voice ' +
  'little because night where much well against made take why nothing turned come get let first ' +
  'words quiet slowly moment hands light heart breath smile dark morning fire water house world'
)
  .split(' ')
  .filter((w, i, all) => all.indexOf(w) === i);
export const VOCABULARY_SIZE = 30_000;
/** The vocabulary by rank: common English words first, then made-up words of 2–4 syllables. */
export function vocabulary(size = VOCABULARY_SIZE): string[] {
  const words = [...COMMON_WORDS];
  for (let k = 0; words.length < size; k++) words.push(code(k + 6000));
  return words;
}

/**
 * Seeded prose from a Zipf vocabulary: sentences of 4–22 words (capitalised, a comma now and then),
 * with the given names sprinkled in. Every generated token is one word by Quire's word counter.
 */
export class ProseWriter {
  constructor(
    private readonly words: string[],
    private readonly r: Rng,
  ) {}

  /** Appends exactly `count` words as `<p>` paragraphs to `out` (HTML) and `plain` (words only). */
  paragraphs(count: number, names: readonly string[], html: string[], plain: string[]): void {
    const { r, words } = this;
    let left = count;
    while (left > 0) {
      let inParagraph = Math.min(left, 30 + int(r, 120));
      left -= inParagraph;
      const sentences: string[] = [];
      while (inParagraph > 0) {
        const n = Math.min(inParagraph, 4 + int(r, 19));
        inParagraph -= n;
        const sentence: string[] = [];
        for (let k = 0; k < n; k++) {
          const w =
            names.length > 0 && r() < 0.025 ? names[int(r, names.length)]! : words[zipf(r, words.length)]!;
          plain.push(w);
          sentence.push(k === 0 ? cap(w) : k < n - 1 && r() < 0.06 ? `${w},` : w);
        }
        sentences.push(`${sentence.join(' ')}.`);
      }
      html.push(`<p>${sentences.join(' ')}</p>`);
    }
  }

  /** A sentence-like line of `count` words (titles, summaries), plain text. */
  line(count: number, names: readonly string[] = []): string {
    const plain: string[] = [];
    const html: string[] = [];
    this.paragraphs(count, names, html, plain);
    return html.join(' ').replace(/<\/?p>/g, '');
  }
}
