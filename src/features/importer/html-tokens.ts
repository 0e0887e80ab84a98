import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * A streaming HTML scan on htmlparser2's Tokenizer, without its Parser. The Parser keeps its open
 * elements in an array it `unshift`s and `indexOf`s, which is quadratic on hostile input (a million
 * unclosed `<b>`s take tens of seconds); the Tokenizer alone is a linear state machine. Callers get
 * lower-cased tag names, attributes with entities decoded, and decoded text. There is no tree and no
 * implied closing: callers keep their own (bounded) state. `<br/>`-style self-closing tags are
 * reported as an open followed by a close
 * (void elements, `<br/>`, as an open only).
 */
export interface HtmlHandlers {
  open(name: string, attribs: Record<string, string>): void;
  close(name: string): void;
  text(data: string): void;
}

/** Elements that never have content: their `/>` is not a close. */
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]); // prettier-ignore

/** Attributes past this many on one tag are ignored. */
const MAX_ATTRIBUTES = 32;

export function scanHtml(input: string, handlers: HtmlHandlers): void {
  let tag = '';
  let attribs: Record<string, string> = {};
  let attribCount = 0;
  let attribName = '';
  let attribValue = '';
  const callbacks: TokenizerCallbacks = {
    ontext(start, end) {
      handlers.text(input.slice(start, end));
    },
    ontextentity(codepoint) {
      handlers.text(String.fromCodePoint(codepoint));
    },
    onopentagname(start, end) {
      tag = input.slice(start, end).toLowerCase();
      attribs = {};
      attribCount = 0;
    },
    onattribname(start, end) {
      attribName = input.slice(start, end).toLowerCase();
      attribValue = '';
    },
    onattribdata(start, end) {
      if (attribValue.length < 2048) attribValue += input.slice(start, end);
    },
    onattribentity(codepoint) {
      if (attribValue.length < 2048) attribValue += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (attribCount < MAX_ATTRIBUTES && !(attribName in attribs)) {
        attribs[attribName] = attribValue;
        attribCount++;
      }
    },
    onopentagend() {
      handlers.open(tag, attribs);
    },
    onselfclosingtag() {
      handlers.open(tag, attribs);
      if (!VOID.has(tag)) handlers.close(tag);
    },
    onclosetag(start, end) {
      handlers.close(input.slice(start, end).toLowerCase());
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
