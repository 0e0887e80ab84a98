declare const safeHtmlBrand: unique symbol;

/**
 * HTML that may be placed into a page as markup. Only the sanitizer (lib/sanitize.ts)
 * and trusted code building markup from escaped parts may create it, so the type checker
 * refuses a raw user string where markup is expected.
 */
export type SafeHtml = string & { readonly [safeHtmlBrand]: true };

/** For markup written by Quire itself (never for user input). */
export function trustedHtml(markup: string): SafeHtml {
  return markup as SafeHtml;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}
