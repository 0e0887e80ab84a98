import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * A streaming HTML scan on htmlparser2's Tokenizer (a linear state machine), like `scanHtml` in
 * ../html-tokens.ts but with source offsets, so a caller can slice an element's inner HTML out of the
 * input. Tag and attribute names are lower-cased; attribute values and text are entity-decoded;
 * comments, doctypes and CDATA are dropped. `<x/>` is an open then a close, except for void elements.
 */
export interface ScanHandlers {
  /** `innerStart`: the offset just after the tag's `>`. */
  open(name: string, attribs: Record<string, string>, innerStart: number): void;
  /** `tagStart`: the offset of the closing tag's `<`. */
  close(name: string, tagStart: number): void;
  text(data: string): void;
}

export const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]); // prettier-ignore

/** Attributes past this many on one tag, and attribute text past this length, are dropped. */
const MAX_ATTRIBUTES = 32;
const MAX_ATTRIBUTE_LENGTH = 4096;

export function scan(input: string, handlers: ScanHandlers): void {
  let tag = '';
  let attribs: Record<string, string> = Object.create(null);
  let count = 0;
  let name = '';
  let value = '';
  const callbacks: TokenizerCallbacks = {
    ontext(start, end) {
      handlers.text(input.slice(start, end));
    },
    ontextentity(codepoint) {
      handlers.text(String.fromCodePoint(codepoint));
    },
    onopentagname(start, end) {
      tag = input.slice(start, end).toLowerCase();
      attribs = Object.create(null); // no prototype: an attribute may be called "__proto__"
      count = 0;
    },
    onattribname(start, end) {
      name = input.slice(start, end).toLowerCase();
      value = '';
    },
    onattribdata(start, end) {
      if (value.length < MAX_ATTRIBUTE_LENGTH) value += input.slice(start, end);
    },
    onattribentity(codepoint) {
      if (value.length < MAX_ATTRIBUTE_LENGTH) value += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (count < MAX_ATTRIBUTES && !Object.hasOwn(attribs, name)) {
        attribs[name] = value;
        count++;
      }
    },
    onopentagend(end) {
      handlers.open(tag, attribs, end + 1);
    },
    onselfclosingtag(end) {
      handlers.open(tag, attribs, end + 1);
      if (!VOID.has(tag)) handlers.close(tag, end + 1);
    },
    onclosetag(start, end) {
      // `</` may be followed by spaces before the name: step back over them to the `<`.
      handlers.close(input.slice(start, end).toLowerCase(), Math.max(0, input.lastIndexOf('<', start)));
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(input);
  tokenizer.end();
}
