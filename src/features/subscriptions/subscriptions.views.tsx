import { Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { SubscriptionType } from './subscriptions.schema.ts';
import { type Subscription, typeName } from './subscriptions.service.ts';

/**
 * Subscribe / Unsubscribe, a plain form (no script needed), for a work, a series or a creator's
 * page. Shown to signed-in readers only; `back` is where to return.
 */
export function SubscribeButton({
  page,
  type,
  id,
  subscribed,
  back,
  label,
}: {
  page: PageContext;
  type: SubscriptionType;
  id: number;
  subscribed: boolean;
  back: string;
  /** What the button names, for screen readers ("Symphony"). */
  label?: string;
}) {
  if (!page.viewer) return null;
  const text = subscribed ? 'Unsubscribe' : 'Subscribe';
  return (
    <Form action="/subscriptions" csrfToken={page.csrfToken} class="inline-form subscribe-form">
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="id" value={String(id)} />
      <input type="hidden" name="subscribed" value={subscribed ? '0' : '1'} />
      <input type="hidden" name="back" value={back} />
      <button
        type="submit"
        class={subscribed ? 'button' : 'button button--primary'}
        aria-label={label ? `${text}: ${label}` : undefined}
      >
        {text}
      </button>
    </Form>
  );
}

export function SubscriptionsPage({
  page,
  subscriptions,
}: {
  page: PageContext;
  subscriptions: Subscription[];
}) {
  return (
    <Layout page={page} title="Subscriptions">
      <h1>Subscriptions</h1>
      <p class="muted">
        You hear of new chapters, works, entries and posts in what you subscribe to, in your{' '}
        <a href="/inbox">inbox</a> and by e-mail as you <a href="/inbox/preferences">choose</a>.
      </p>
      {subscriptions.length === 0 ? (
        <p>
          You subscribe to nothing yet. Subscribe from a work, a series, a creator’s profile, a journal, a
          forum board or thread.
        </p>
      ) : (
        <ul class="item-list">
          {subscriptions.map((s) => (
            <li class="item" key={`${s.type}-${s.id}`}>
              <div class="item__main">
                <span class="badge">{typeName(s.type)}</span> <a href={s.url}>{s.title}</a>
                <p class="muted">
                  Since <Time iso={s.since} />
                </p>
              </div>
              <div class="item__actions">
                <SubscribeButton
                  page={page}
                  type={s.type}
                  id={s.id}
                  subscribed={true}
                  back="/subscriptions"
                  label={s.title}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
