import type { SafeHtml } from '../lib/safe-html.ts';

/**
 * The single place where markup is inserted unescaped. It accepts only SafeHtml, which
 * only the sanitizer (lib/sanitize.ts) and Quire's own markup produce. The box it makes
 * (`user-html`) holds what it shows: user HTML may carry Quire's own class names (e.g.
 * `skip-link`, positioned at the top of the page), so positioned elements stay inside it.
 */
export function Html({ html, class: className }: { html: SafeHtml; class?: string }) {
  return (
    <div
      class={className ? `user-html ${className}` : 'user-html'}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/**
 * An element whose content is Quire's own markup rendered earlier (a memoised view: a listing's
 * blurbs, works-list.views.tsx), inserted as it was rendered, with no box around it.
 */
export function Prerendered({
  as: Tag,
  class: className,
  html,
}: {
  as: 'li';
  class?: string;
  html: SafeHtml;
}) {
  return <Tag class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
