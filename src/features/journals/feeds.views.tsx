import { Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import { feedLinks } from './feeds.ts';

/** The reader's private feed key: how to use it, and forms to make, replace or revoke it. */
export function FeedsPage({
  page,
  baseUrl,
  username,
  current,
  newToken,
}: {
  page: PageContext;
  baseUrl: string;
  username: string;
  /** The reader's live key (never its secret), if any. */
  current: { created_at: string } | null;
  newToken?: string;
}) {
  const own = feedLinks(username);
  return (
    <Layout page={page} title="Private feeds">
      <h1>Private feeds</h1>
      <p class="lede">
        Every journal has an Atom feed (and an RSS one) of its public entries. A feed reader cannot log in, so
        to read locked entries in one, add your private feed key to a feed’s address: the feed then holds
        exactly the entries you may read.
      </p>
      {newToken && (
        <div class="notice" role="status">
          <p>
            <strong>Your new private feed key.</strong> Copy it now: it will not be shown again.
          </p>
          <p>
            <code class="token" data-testid="new-feed-token">
              {newToken}
            </code>
          </p>
          <p>Your own journal’s private feed, for example:</p>
          <p>
            <code class="token">{`${baseUrl}${own.atom}?token=${newToken}`}</code>
          </p>
        </div>
      )}
      <h2>Addresses</h2>
      <ul>
        <li>
          A journal or community: <code>{`${baseUrl}/journals/NAME/feed.atom?token=YOUR-KEY`}</code>
        </li>
        <li>
          One of its tags: <code>{`${baseUrl}/journals/NAME/tags/TAG/feed.atom?token=YOUR-KEY`}</code>
        </li>
        <li>
          For RSS instead of Atom, end the address in <code>feed.rss</code>.
        </li>
      </ul>
      <p>
        Anyone who has such an address can read what you can read, so keep it like a password. If it gets out,
        revoke the key (every address carrying it stops working) or replace it with a new one.
      </p>
      <h2>Your key</h2>
      {current ? (
        <>
          <p>
            You have a private feed key, made <Time iso={current.created_at} />.
          </p>
          <Form action="/account/feeds" csrfToken={page.csrfToken} class="inline-form">
            <button type="submit" class="button">
              Replace it with a new key
            </button>
          </Form>{' '}
          <Form action="/account/feeds/revoke" csrfToken={page.csrfToken} class="inline-form">
            <button type="submit" class="button button--danger">
              Revoke the key
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>You have no private feed key.</p>
          <Form action="/account/feeds" csrfToken={page.csrfToken} class="inline-form">
            <button type="submit" class="button">
              Make a private feed key
            </button>
          </Form>
        </>
      )}
    </Layout>
  );
}
