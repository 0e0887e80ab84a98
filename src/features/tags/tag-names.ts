import type { TagType } from '../../db/schema.ts';

/** How tag names compare: case-insensitive, with runs of whitespace as one space. */
export function tagKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A relationship's key names the same pairing however it is written: "Lex/Lana" and "Lana/Lex"
 * are one romantic pairing, "Lex & Lana" (friendship) is another. Only plain lists are reordered:
 * a mix like "A/B & C" is kept as written.
 */
export function relationshipKey(key: string): string {
  for (const separator of ['/', ' & ']) {
    const parts = key.split(separator).map((p) => p.trim());
    if (parts.length > 1 && parts.every((p) => p && !p.includes('/') && !p.includes(' & ')))
      return parts.sort().join(separator);
  }
  return key;
}

/** The key a tag of this type is stored and looked up by. */
export function typedTagKey(type: TagType, name: string): string {
  const key = tagKey(name);
  return type === 'relationship' ? relationshipKey(key) : key;
}
