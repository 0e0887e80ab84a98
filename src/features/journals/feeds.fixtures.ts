import assert from 'node:assert/strict';
import { parseFeed } from 'htmlparser2';
import { SaxesParser } from 'saxes';

// Reading feeds in tests (feeds.test.ts, community-feeds.test.ts): strictly as XML, as Atom 1.0
// requires, and as a feed reader does.

const ATOM = 'http://www.w3.org/2005/Atom';

interface XNode {
  name: string;
  uri: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

/** Parses XML strictly (saxes, namespace-aware): throws on anything that is not well-formed. */
export function parseXml(xml: string): XNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XNode[] = [];
  let root: XNode | undefined;
  parser.on('opentag', (tag) => {
    const node: XNode = {
      name: tag.local,
      uri: tag.uri,
      attrs: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(node);
    root ??= node;
    stack.push(node);
  });
  const addText = (text: string) => {
    if (stack.length > 0) stack.at(-1)!.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  assert.ok(root, 'a root element');
  return root;
}

export const child = (node: XNode, name: string) => node.children.find((c) => c.name === name);
export const childrenNamed = (node: XNode, name: string) => node.children.filter((c) => c.name === name);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks Atom 1.0's required elements (RFC 4287 §4.1) and returns the document's tree. */
export function checkAtom(xml: string): XNode {
  const feed = parseXml(xml);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.uri, ATOM);
  for (const name of ['id', 'title', 'updated']) assert.ok(child(feed, name)?.text.trim(), `feed <${name}>`);
  assert.match(child(feed, 'updated')!.text, RFC3339);
  const ids = new Set<string>();
  for (const entry of childrenNamed(feed, 'entry')) {
    assert.equal(entry.uri, ATOM);
    for (const name of ['id', 'title', 'updated'])
      assert.ok(child(entry, name)?.text.trim(), `entry <${name}>`);
    assert.match(child(entry, 'updated')!.text, RFC3339);
    const link = child(entry, 'link');
    assert.ok(link && new URL(link.attrs.href!).protocol.startsWith('http'), 'entry <link href> absolute');
    assert.ok(child(child(entry, 'author')!, 'name')?.text, 'entry author (the feed has none)');
    ids.add(child(entry, 'id')!.text);
  }
  assert.equal(ids.size, childrenNamed(feed, 'entry').length, 'entry ids are unique');
  return feed;
}

/** The feed as a feed reader (htmlparser2's parseFeed) reads it. */
export function readFeed(xml: string) {
  const feed = parseFeed(xml, { xmlMode: true });
  assert.ok(feed, 'the feed reader understands it');
  return feed;
}

export const subjects = (xml: string) => readFeed(xml).items.map((i) => i.title);
