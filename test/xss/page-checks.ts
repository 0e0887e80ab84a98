// What a browser test checks on a page holding hostile content, run inside the page in one pass:
// the vectors reached the page (their sentinels show), nothing in the users' boxes can run or load
// anything, and nothing from those boxes covers the site's header, navigation or footer.
import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageReport {
  missing: string[];
  problems: string[];
  landmarks: Record<'header' | 'nav' | 'footer', Box | null>;
}

/** The boxes user HTML is rendered in (every use of the Html component sits in one of these). */
export const USER_BOXES = '.user-html, .prose, .userstuff, .journal-header__subtitle';

const ALLOWED_TAGS =
  'p br em strong b i u s strike del ins small big cite q h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote hr a img ' +
  'table caption thead tbody tfoot tr th td colgroup col abbr acronym sub sup code pre kbd samp var span div ' +
  'center details summary figure figcaption ruby rt rp';
const ALLOWED_ATTRS =
  'class dir lang href title name rel src alt width height colspan rowspan align scope start type cite';

export function inspect(page: Page, ids: string[]): Promise<PageReport> {
  return page.evaluate(
    ({ ids, boxSelector, tags, attrs }) => {
      const allowedTags = new Set(tags.split(' '));
      const allowedAttrs = new Set(attrs.split(' '));
      const problems: string[] = [];
      const text = document.body.textContent ?? '';
      const missing = ids.filter((id) => !text.includes(`⟦${id}⟧`));
      const describe = (el: Element) =>
        `<${el.localName}${Array.from(el.attributes)
          .map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`)
          .join('')}>`;

      // Anywhere: no frame, plugin, <base> or refresh; scripts and styles only from this origin.
      for (const el of Array.from(
        document.querySelectorAll('iframe, frame, frameset, object, embed, applet, portal, base'),
      ))
        problems.push(`page holds ${describe(el)}`);
      for (const el of Array.from(document.querySelectorAll('meta[http-equiv]')))
        if (el.getAttribute('http-equiv')?.toLowerCase() !== 'content-type')
          problems.push(`page holds ${describe(el)}`);
      for (const el of Array.from(document.querySelectorAll('script, link[href]'))) {
        const src = (el as HTMLScriptElement).src || (el as HTMLLinkElement).href || '';
        if (!src || new URL(src).origin !== location.origin) problems.push(`page holds ${describe(el)}`);
      }
      if (document.querySelectorAll('body style').length) problems.push('a <style> element in the body');
      if (document.baseURI !== location.href) problems.push(`base URI changed to ${document.baseURI}`);

      // In the users' boxes: only allowed elements and attributes, only safe URLs.
      const boxes = Array.from(document.querySelectorAll(boxSelector));
      // (The chapter editor's own document is TipTap's: its nodes carry the editor's attributes.)
      const inside = boxes
        .filter((b) => !b.closest('.ProseMirror'))
        .flatMap((b) => Array.from(b.querySelectorAll('*')).filter((el) => !el.closest('.ProseMirror')));
      for (const el of inside) {
        if (!allowedTags.has(el.localName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml')
          problems.push(`user box holds ${describe(el)}`);
        for (const a of Array.from(el.attributes))
          if (!allowedAttrs.has(a.name)) problems.push(`attribute ${a.name} on ${describe(el)}`);
        if (
          el instanceof HTMLAnchorElement &&
          el.hasAttribute('href') &&
          !/^(https?|mailto):$/.test(el.protocol)
        )
          problems.push(`link to ${el.protocol} in ${describe(el)}`);
        if (
          el instanceof HTMLImageElement &&
          el.hasAttribute('src') &&
          new URL(el.src).origin !== location.origin
        )
          problems.push(`image from ${new URL(el.src).origin} in ${describe(el)}`);
      }

      // Layout: the landmarks, and nothing from a user box over them (also while focused).
      const rect = (el: Element | null) => {
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
      };
      const landmarks = {
        header: rect(document.querySelector('body > header, .site-header')),
        nav: rect(document.querySelector('nav.site-nav')),
        footer: rect(document.querySelector('footer.site-footer')),
      };
      const overlaps = (a: Box, b: Box) =>
        a.width > 0 &&
        a.height > 0 &&
        a.x < b.x + b.width &&
        b.x < a.x + a.width &&
        a.y < b.y + b.height &&
        b.y < a.y + a.height;
      const over = (el: Element, state: string) => {
        const r = rect(el)!;
        for (const [name, box] of Object.entries(landmarks))
          if (box && overlaps(r, box)) problems.push(`${describe(el)}${state} covers the ${name}`);
      };
      for (const el of inside) over(el, '');
      // Only a class can give user markup a position (style attributes never pass the sanitizer).
      for (const el of inside) {
        if (!(el instanceof HTMLElement) || el.tabIndex < 0 || !el.hasAttribute('class')) continue;
        el.focus({ preventScroll: true });
        if (document.activeElement === el) over(el, ' (focused)');
        el.blur();
      }
      for (const [name, box] of Object.entries(landmarks)) {
        const landmark = document.querySelector(
          name === 'header'
            ? 'body > header, .site-header'
            : name === 'nav'
              ? 'nav.site-nav'
              : 'footer.site-footer',
        )!;
        if (!box) continue;
        scrollTo(0, Math.max(0, box.y - 10));
        for (const fx of [0.02, 0.25, 0.5, 0.75, 0.98])
          for (const fy of [0.1, 0.5, 0.9]) {
            const x = box.x + box.width * fx - scrollX;
            const y = box.y + box.height * fy - scrollY;
            if (y < 0 || y >= innerHeight) continue;
            const hit = document.elementFromPoint(x, y);
            if (hit && !landmark.contains(hit)) problems.push(`${describe(hit)} is on top of the ${name}`);
          }
      }
      scrollTo(0, 0);
      return { missing, problems, landmarks };
    },
    { ids, boxSelector: USER_BOXES, tags: ALLOWED_TAGS, attrs: ALLOWED_ATTRS },
  );
}
