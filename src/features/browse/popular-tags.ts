/**
 * A type's most used tags for autocomplete (tag-suggestions.ts), packed: at a million works each
 * autocomplete type keeps 20,000 of them, and as objects (an id, a name, an array of lower-cased
 * forms) the four big types took ~20 MB of the server's heap. Here they are a few typed arrays and
 * two strings: every entry's forms joined into one, searched with indexOf, and the names.
 *
 * Entries keep the list's order (most used first). In `forms`, each entry's forms are separated by
 * FORM and entries by ENTRY; `formStart[i]` is where entry i's first form begins.
 */
const ENTRY = '\u0000';
const FORM = '\u0001';
const WORDLIKE = /[\p{L}\p{N}]/u;

export interface PopularTag {
  id: number;
  name: string;
  canonical: boolean;
  /** The lower-cased name as written, and its stored key when it differs. */
  forms: string[];
  /** Uses for registered readers when the list was built (no reader's count is higher). */
  bound: number;
}

export class PopularTags {
  readonly length: number;
  private readonly ids: Int32Array;
  private readonly canonical: Uint8Array;
  private readonly bounds: Float64Array;
  private readonly forms: string;
  private readonly formStart: Int32Array;
  private readonly names: string;
  private readonly nameStart: Int32Array;

  constructor(tags: PopularTag[]) {
    const n = tags.length;
    this.length = n;
    this.ids = Int32Array.from(tags, (t) => t.id);
    this.canonical = Uint8Array.from(tags, (t) => (t.canonical ? 1 : 0));
    this.bounds = Float64Array.from(tags, (t) => t.bound);
    this.formStart = new Int32Array(n + 1);
    this.nameStart = new Int32Array(n + 1);
    const forms: string[] = [];
    const names: string[] = [];
    let at = 0;
    let nameAt = 0;
    for (let i = 0; i < n; i++) {
      const joined = tags[i]!.forms.map((f) => f.replaceAll(ENTRY, ' ').replaceAll(FORM, ' ')).join(FORM);
      this.formStart[i] = at;
      forms.push(joined);
      at += joined.length + 1;
      this.nameStart[i] = nameAt;
      names.push(tags[i]!.name);
      nameAt += tags[i]!.name.length;
    }
    this.formStart[n] = at;
    this.nameStart[n] = nameAt;
    this.forms = forms.join(ENTRY) + ENTRY;
    this.names = names.join('');
  }

  id(i: number): number {
    return this.ids[i]!;
  }

  bound(i: number): number {
    return this.bounds[i]!;
  }

  isCanonical(i: number): boolean {
    return this.canonical[i] === 1;
  }

  /** Entry i as an object (for the few that match a look-up). */
  tag(i: number): PopularTag {
    return {
      id: this.ids[i]!,
      name: this.names.slice(this.nameStart[i]!, this.nameStart[i + 1]!),
      canonical: this.canonical[i] === 1,
      forms: this.forms.slice(this.formStart[i]!, this.formStart[i + 1]! - 1).split(FORM),
      bound: this.bounds[i]!,
    };
  }

  /**
   * Calls `visit(i, rank)` for each entry with a form that starts with `key` (rank 0) or with a word
   * inside a form that does (rank 1: after a space, a slash, a bracket…; anywhere when the key starts
   * with punctuation), in list order, once per entry with its best rank. `visit` returns false to stop.
   */
  matches(key: string, visit: (i: number, rank: number) => boolean): void {
    if (key === '' || key.includes(ENTRY) || key.includes(FORM)) return;
    const loose = !WORDLIKE.test(key[0]!);
    let entry = -1;
    let best = -1;
    for (let at = this.forms.indexOf(key); at >= 0; at = this.forms.indexOf(key, at + 1)) {
      let i = entry < 0 ? 0 : entry;
      while (this.formStart[i + 1]! <= at) i++;
      if (i !== entry) {
        if (entry >= 0 && best >= 0 && !visit(entry, best)) return;
        entry = i;
        best = -1;
      }
      const before = at === 0 ? ENTRY : this.forms[at - 1]!;
      const rank = before === ENTRY || before === FORM ? 0 : loose || !WORDLIKE.test(before) ? 1 : -1;
      if (rank >= 0 && (best < 0 || rank < best)) best = rank;
    }
    if (entry >= 0 && best >= 0) visit(entry, best);
  }
}
