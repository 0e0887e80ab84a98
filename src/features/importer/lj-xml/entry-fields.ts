/**
 * One entry's fields as they are read (EntryDraft), and the LjEntry they make: element names mapped to
 * fields, dates, security and tags normalised, problems noted rather than guessed around.
 */
import type { LjEntry, LjSecurity } from './lj-types.ts';

type Field =
  | 'itemid'
  | 'eventtime'
  | 'logtime'
  | 'subject'
  | 'event'
  | 'security'
  | 'allowmask'
  | 'mood'
  | 'music'
  | 'location'
  | 'journal'
  | 'poster';

/** Element (or attribute) names, lower-cased, that fill a field. */
const FIELDS = new Map<string, Field>([
  ['itemid', 'itemid'],
  ['eventtime', 'eventtime'],
  ['logtime', 'logtime'],
  ['subject', 'subject'],
  ['event', 'event'],
  ['security', 'security'],
  ['allowmask', 'allowmask'],
  ['current_mood', 'mood'],
  ['mood', 'mood'],
  ['current_music', 'music'],
  ['music', 'music'],
  ['current_location', 'location'],
  ['location', 'location'],
  ['journal', 'journal'],
  ['poster', 'poster'],
]);
const TAG_LISTS = new Set(['taglist', 'tags', 'tag']);

export class EntryDraft {
  private readonly values = new Map<Field, string>();
  private readonly tagList: string[] = [];
  private readonly props = new Map<string, string>();
  /** Problems with this entry, said without its position (the caller adds it). */
  readonly notes: string[] = [];

  /** Records an element's (or attribute's) text. A repeated field keeps its first value. */
  add(name: string, value: string): void {
    const key = name.toLowerCase();
    if (TAG_LISTS.has(key)) {
      this.tagList.push(value);
      return;
    }
    const field = FIELDS.get(key);
    if (field === undefined) {
      const before = this.props.get(name);
      this.props.set(name, before === undefined ? value : `${before}\n${value}`);
      return;
    }
    const first = this.values.get(field);
    if (first === undefined) this.values.set(field, value);
    else if (first.trim() !== value.trim()) this.notes.push(`more than one <${name}>; kept the first`);
  }

  /** The itemid as written (trimmed), '' when empty, null when there is none. */
  get itemid(): string | null {
    return this.values.get('itemid')?.trim() ?? null;
  }

  /** Whether the entry said anything about its security. */
  get saysSecurity(): boolean {
    return this.values.has('security');
  }

  /** The entry. Call only when itemid is non-empty. */
  build(line: number): LjEntry {
    const { security, allowmask } = this.readSecurity();
    return {
      itemid: this.itemid ?? '',
      eventtime: this.readTime('eventtime'),
      logtime: this.readTime('logtime'),
      subject: this.values.get('subject')?.trim() ?? '',
      event: this.values.get('event') ?? '',
      security,
      allowmask,
      mood: this.text('mood'),
      music: this.text('music'),
      location: this.text('location'),
      tags: splitTags(this.tagList),
      journal: this.text('journal'),
      poster: this.text('poster'),
      props: Object.fromEntries(this.props),
      line,
    };
  }

  private text(field: Field): string | null {
    return this.values.get(field)?.trim() || null;
  }

  private readTime(field: 'eventtime' | 'logtime'): string | null {
    const raw = this.values.get(field);
    if (raw === undefined || raw.trim() === '') return null;
    const iso = isoTime(raw.trim());
    if (iso === null) this.notes.push(`unreadable <${field}> "${raw.trim()}"; left empty`);
    return iso;
  }

  private readSecurity(): { security: LjSecurity; allowmask: number | null } {
    const raw = this.values.get('security');
    const word = raw?.trim().toLowerCase();
    let security: LjSecurity;
    if (word === undefined || word === 'public' || word === 'private' || word === 'usemask') {
      security = word ?? 'public';
    } else if (word === 'friends' || word === 'access') {
      security = 'usemask';
    } else {
      security = 'private';
      this.notes.push(
        word === ''
          ? 'empty <security>; treated as private'
          : `unknown security "${raw?.trim()}"; treated as private`,
      );
    }
    const maskText = this.values.get('allowmask')?.trim() ?? '';
    let allowmask: number | null = null;
    if (maskText !== '') {
      const n = Number(maskText);
      if (/^\d+$/.test(maskText) && Number.isSafeInteger(n)) allowmask = n;
      else if (security === 'usemask') {
        security = 'private';
        this.notes.push(`allowmask "${maskText}" cannot be read exactly; treated as private`);
      } else this.notes.push(`unreadable allowmask "${maskText}"; ignored`);
    }
    if (allowmask === null && (word === 'friends' || word === 'access') && security === 'usemask')
      allowmask = 1;
    return { security, allowmask };
  }
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** 'YYYY-MM-DD HH:MM[:SS]' (or with a 'T') → 'YYYY-MM-DDTHH:MM:SS', or null when it is not a real time. */
export function isoTime(raw: string): string | null {
  const m = TIME.exec(raw);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  const ok =
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    Number(h) < 24 &&
    Number(mi) < 60;
  return ok && Number(s) < 60 ? `${y}-${mo}-${d}T${h}:${mi}:${s}` : null;
}

/** Comma-separated tag lists → tags, trimmed, without empties or repeats (the first spelling wins). */
export function splitTags(lists: string[]): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const list of lists) {
    for (const part of list.split(',')) {
      const tag = part.trim().replace(/\s+/g, ' ');
      if (tag === '' || seen.has(tag.toLowerCase())) continue;
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}
