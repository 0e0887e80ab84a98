import type { SafeHtml } from '../lib/safe-html.ts';

/**
 * The single place where markup is inserted unescaped. It accepts only SafeHtml, which
 * only the sanitizer (lib/sanitize.ts) and Quire's own markup produce.
 */
export function Html({ html, class: className }: { html: SafeHtml; class?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
