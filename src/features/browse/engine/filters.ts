// The two filtering passes over candidate slots (see query-plan.ts). Both compact survivors into
// scratch.matches, in place when the candidates already live there (a survivor never overtakes the
// reader), and both keep the ascending slot order.
//
// scalarPass: flags byte (live, guest visibility, completion, crossover), word and date ranges, language,
// `within` membership. Branch-free: each test yields 0 or 1, the slot is always written and the output
// position advances by their product. Random 30–50% selectivity would otherwise mispredict a branch on
// nearly every work; this way a scan of a million slots takes about a millisecond.
//
// tagPass: include/exclude tags and creators. Tags whose posting list is a bitset are tested by one bit
// each; the others are flagged in a per-tag byte, and the work's tag list is scanned once for all of them
// (500 excluded tags cost the same per work as one). Creators likewise, against their flag bytes.

import type { Plan } from './query-plan.ts';
import type { QueryScratch } from './query-scratch.ts';
import type { WorkStore } from './work-store.ts';

export interface ScalarChecks {
  flagMask: number;
  flagWant: number;
  words: boolean;
  updated: boolean;
  within: boolean;
}

/** Scalar tests over cand[0..count) (or slots 0..count when cand is null); returns the survivors. */
export function scalarPass(
  store: WorkStore,
  plan: Plan,
  scratch: QueryScratch,
  cand: Int32Array | null,
  count: number,
  checks: ScalarChecks,
): number {
  const { flags, words, revisedAt, lang } = store.cols;
  const { matches, mark } = scratch;
  const { flagMask, flagWant } = checks;
  const [checkWords, checkUpdated, checkWithin] = [checks.words, checks.updated, checks.within];
  const { wordsFrom, wordsTo, updatedFrom, updatedTo, language } = plan;
  let out = 0;
  for (let i = 0; i < count; i++) {
    const s = cand === null ? i : cand[i]!;
    let ok = +((flags[s]! & flagMask) === flagWant);
    if (checkWords) {
      const w = words[s]!;
      ok &= +(w >= wordsFrom) & +(w <= wordsTo);
    }
    if (checkUpdated) {
      const u = revisedAt[s]!;
      ok &= +(u >= updatedFrom) & +(u <= updatedTo);
    }
    if (language >= 0) ok &= +(lang[s] === language);
    if (checkWithin) ok &= mark[s]!;
    matches[out] = s;
    out += ok;
  }
  return out;
}

export interface TagChecks {
  /** Bitsets of included / excluded tags. */
  includeBits: Uint32Array[];
  excludeBits: Uint32Array[];
  /** Included / excluded tags with list postings, matched against each work's tag list. */
  includeList: number[];
  excludeList: number[];
  /** Creators: only works by one of these (null: any), none by these. */
  creators: number[] | null;
  excludeCreators: number[];
}

/** Tag and creator tests over matches[0..count), in place; returns the survivors. */
export function tagPass(store: WorkStore, scratch: QueryScratch, count: number, checks: TagChecks): number {
  const { data: tData, start: tStart, len: tLen } = store.docTags;
  const { head: cHead, multi: cData } = store.docCreators;
  const { matches, tagFlag, creatorFlag } = scratch;
  const { includeBits, excludeBits, includeList, excludeList, creators, excludeCreators } = checks;
  const need = includeList.length;
  const scanTags = need > 0 || excludeList.length > 0;
  const wantCreators = creators !== null;
  const scanCreators = wantCreators || excludeCreators.length > 0;
  const [include, exclude] = [1, 2];
  for (const t of includeList) tagFlag[t] = include;
  for (const t of excludeList) tagFlag[t] = exclude;
  for (const c of creators ?? []) creatorFlag[c] = include;
  for (const c of excludeCreators) creatorFlag[c] = exclude;
  let out = 0;
  for (let i = 0; i < count; i++) {
    const s = matches[i]!;
    const word = s >>> 5;
    const bit = s & 31;
    let ok = 1;
    for (let k = 0; k < includeBits.length; k++) ok &= includeBits[k]![word]! >>> bit;
    for (let k = 0; k < excludeBits.length; k++) ok &= ~(excludeBits[k]![word]! >>> bit);
    ok &= 1;
    if (ok !== 0 && scanTags) {
      let hits = 0;
      let p = tStart[s]!;
      const e = p + tLen[s]!;
      let t = -1;
      while (p < e) {
        let v = tData[p++]!;
        if (v > 0x7f) {
          v = (v & 0x7f) | (tData[p++]! << 7);
          if (v > 0x3fff) {
            v = (v & 0x3fff) | (tData[p++]! << 14);
            if (v > 0x1fffff) v = (v & 0x1fffff) | (tData[p++]! << 21);
          }
        }
        t += v + 1;
        const f = tagFlag[t]!;
        if (f === 0) continue;
        if (f === exclude) {
          hits = -1;
          break;
        }
        hits++;
      }
      ok = +(hits >= need);
    }
    if (ok !== 0 && scanCreators) {
      let found = wantCreators ? 0 : 1;
      const h = cHead[s]!;
      if (h >= 0) {
        const f = creatorFlag[h]!;
        found = f === exclude ? 0 : f === include ? 1 : found;
      } else if (h !== -1) {
        // A co-written work: [count][creators], varints.
        let p = -2 - h;
        let n = cData[p++]!;
        if (n > 0x7f) n = (n & 0x7f) | (cData[p++]! << 7);
        for (; n > 0; n--) {
          let c = cData[p++]!;
          if (c > 0x7f) {
            c = (c & 0x7f) | (cData[p++]! << 7);
            if (c > 0x3fff) {
              c = (c & 0x3fff) | (cData[p++]! << 14);
              if (c > 0x1fffff) c = (c & 0x1fffff) | (cData[p++]! << 21);
            }
          }
          const f = creatorFlag[c]!;
          if (f === exclude) {
            found = 0;
            break;
          }
          if (f === include) found = 1;
        }
      }
      ok = found;
    }
    matches[out] = s;
    out += ok;
  }
  for (const t of includeList) tagFlag[t] = 0;
  for (const t of excludeList) tagFlag[t] = 0;
  for (const c of creators ?? []) creatorFlag[c] = 0;
  for (const c of excludeCreators) creatorFlag[c] = 0;
  return out;
}
