/**
 * A small XML well-formedness check for the tests (Node has no XML parser, and htmlparser2's xmlMode
 * is lenient): one root element, tags nested and matched, attributes quoted and not repeated, only
 * the five predefined entities or character references, no character XML forbids. Returns the first
 * problem found, or null.
 */
const NAME = '[A-Za-z_][\\w.:-]*';
const START_TAG = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^<"]*"|'[^<']*'))*)\\s*(/?)>`, 'y');
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
const BAD_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function xmlProblem(xml: string): string | null {
  if (BAD_CHARACTER.test(xml)) return 'character not allowed in XML';
  const stack: string[] = [];
  let roots = 0;
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (stack.length === 0 && text.trim())
      return `text outside the root element: ${text.trim().slice(0, 40)}`;
    if (BAD_REFERENCE.test(text)) return `bad entity reference near: ${text.slice(0, 60)}`;
    if (text.includes(']]>')) return '"]]>" in text';
    if (lt === -1) break;
    const rest = xml.slice(lt, lt + 9);
    const skipTo = (end: string) => {
      const at = xml.indexOf(end, lt);
      return at === -1 ? -1 : at + end.length;
    };
    if (rest.startsWith('<!--')) i = skipTo('-->');
    else if (rest.startsWith('<![CDATA[')) i = skipTo(']]>');
    else if (rest.startsWith('<?')) i = skipTo('?>');
    else if (rest.startsWith('<!DOCTYPE')) {
      if (roots > 0) return 'DOCTYPE after the root element';
      i = skipTo('>');
    } else if (rest.startsWith('</')) {
      const end = new RegExp(`</(${NAME})\\s*>`, 'y');
      end.lastIndex = lt;
      const match = end.exec(xml);
      if (!match) return `malformed end tag at ${lt}`;
      if (stack.pop() !== match[1]) return `</${match[1]}> does not close the open element at ${lt}`;
      i = end.lastIndex;
    } else {
      START_TAG.lastIndex = lt;
      const match = START_TAG.exec(xml);
      if (!match) return `malformed tag: ${xml.slice(lt, lt + 60)}`;
      const names = [...match[2]!.matchAll(ATTRIBUTE)].map((a) => a[1]!);
      if (new Set(names).size !== names.length) return `repeated attribute in <${match[1]}>`;
      if (BAD_REFERENCE.test(match[2]!)) return `bad entity reference in <${match[1]}> attributes`;
      if (stack.length === 0 && roots++ > 0) return `second root element <${match[1]}>`;
      if (!match[3]) stack.push(match[1]!);
      i = START_TAG.lastIndex;
    }
    if (i === -1) return 'unterminated comment, CDATA section or declaration';
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`;
  return roots === 1 ? null : 'no root element';
}
