import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context.ts';

interface LayoutProps {
  page: PageContext;
  title: string;
  children: ComponentChildren;
  /** `wide` for listings and dashboards; the default is a reading column. */
  width?: 'reading' | 'wide';
  /** Module scripts (src/web/client-assets.ts) and extra stylesheets the page needs. */
  scripts?: string[];
  styles?: string[];
  /** A journal's theme (`theme-<name>` on the body; see quire.css). */
  theme?: string;
  /** Feeds of this page (`<link rel="alternate">`). */
  feeds?: { type: string; href: string; title: string }[];
}

export function Layout({
  page,
  title,
  children,
  width = 'reading',
  scripts = [],
  styles = [],
  theme,
  feeds = [],
}: LayoutProps) {
  const { viewer } = page;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · ${page.siteName}`}</title>
        <link rel="stylesheet" href="/assets/quire.css" />
        {styles.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {scripts.map((src) => (
          <script key={src} type="module" src={src} />
        ))}
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {feeds.map((feed) => (
          <link key={feed.href} rel="alternate" type={feed.type} href={feed.href} title={feed.title} />
        ))}
      </head>
      <body class={theme ? `theme-${theme}` : undefined}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href="/">
              <span class="brand__mark" aria-hidden="true">
                ❦
              </span>
              {page.siteName}
            </a>
            <nav class="site-nav" aria-label="Site">
              <ul>
                <li>
                  <a href="/works">Works</a>
                </li>
                <li>
                  <a href="/forums">Forums</a>
                </li>
                {viewer && (
                  <li>
                    <a href={`/journals/${encodeURIComponent(viewer.username)}`}>Journal</a>
                  </li>
                )}
                {viewer && (
                  <li>
                    <a href="/reading">Reading</a>
                  </li>
                )}
                {viewer && (
                  <li>
                    <a href={`/users/${encodeURIComponent(viewer.username)}`}>My profile</a>
                  </li>
                )}
                {viewer && (
                  <li>
                    <a href="/inbox" class="site-nav__inbox">
                      Inbox
                      {page.unread ? (
                        <span class="badge">
                          {page.unread >= 100 ? '99+' : page.unread}
                          <span class="visually-hidden"> unread</span>
                        </span>
                      ) : null}
                    </a>
                  </li>
                )}
                {viewer && (
                  <li>
                    <a href="/account">Account</a>
                  </li>
                )}
                {(viewer?.role === 'moderator' || viewer?.role === 'admin') && (
                  <li>
                    <a href="/admin/reports">Reports</a>
                  </li>
                )}
                {viewer?.role === 'admin' && (
                  <li>
                    <a href="/admin/users">Admin</a>
                  </li>
                )}
              </ul>
            </nav>
            <form class="site-search" role="search" method="get" action="/search">
              <label class="visually-hidden" for="site-search-q">
                Search
              </label>
              <input id="site-search-q" type="search" name="q" placeholder="Search…" />
              <button type="submit">Search</button>
            </form>
            <div class="site-user">
              {viewer ? (
                <form method="post" action="/logout" class="inline-form">
                  <input type="hidden" name="_csrf" value={page.csrfToken} />
                  <span class="site-user__name">Hi, {viewer.username}</span>
                  <button type="submit" class="link-button">
                    Log out
                  </button>
                </form>
              ) : (
                <p class="site-user__links">
                  <a href="/login">Log in</a> <a href="/signup">Sign up</a>
                </p>
              )}
            </div>
          </div>
        </header>
        <main id="main" class={`main main--${width}`} tabIndex={-1}>
          {page.flash && (
            <p class="flash" role="status">
              {page.flash}
            </p>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <p>
            {page.siteName} — a home for fan fiction: archive, journals and forums in one place.{' '}
            <a href="/api/v1/openapi.json">API</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
