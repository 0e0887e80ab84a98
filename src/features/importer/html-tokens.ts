import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * A streaming HTML scan on htmlparser2's Tokenizer, without its Parser. The Parser keeps its open
 * elements in an array it `unshift`s and `indexOf`s, which is quadratic on hostile input (a million
 * unclosed `<b>`s take tens of seconds); the Tokenizer alone is a linear state machine. Callers get
 * lower-cased tag names, attributes with entities decoded, decoded text and source offsets (so a
 * caller can slice an element's inner HTML out of the input). There is no tree and no implied
 * closing: callers keep their own (bounded) state. Comments, doctypes and CDATA are dropped.
 * `<x/>` is reported as an open then a close, except for void elements (an open only).
 */
export interface HtmlHandlers {
  /** `innerStart`: the offset just after the tag's `>`. */
  open(name: string, attribs: Record<string, string>, innerStart: number): void;
  /** `tagStart`: the offset of the closing tag's `<`. */
  close(name: string, tagStart: number): void;
  text(data: string): void;
}

/** Elements that never have content: their `/>` is not a close. */
export const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]); // prettier-ignore

/** Attributes past this many on one tag, and attribute text past this length, are dropped. */
const MAX_ATTRIBUTES = 32;
const MAX_ATTRIBUTE_LENGTH = 4096;

export function scanHtml(input: string, handlers: HtmlHandlers): void {
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
