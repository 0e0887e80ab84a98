// Small DOM helpers for the client scripts. They never set `style` attributes: the page's CSP
// (style-src 'self') refuses inline styles, so everything visual lives in the stylesheets.

export type Attrs = Record<string, string | boolean | undefined>;

/** An element with attributes (true: present, false/undefined: absent) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A 24×24 line icon from SVG path data, hidden from assistive technology (its button is named). */
export function icon(d: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [name, value] of Object.entries({
    viewBox: '0 0 24 24',
    width: '18',
    height: '18',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    'aria-hidden': 'true',
    focusable: 'false',
  })) {
    svg.setAttribute(name, value);
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

let ids = 0;

/** An id unique on the page, for aria-controls, aria-labelledby and the like. */
export function uniqueId(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** Whether shortcuts read ⌘ (Apple) or Ctrl. */
export const isApple = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
