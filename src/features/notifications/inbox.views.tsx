import type { NoticeDelivery } from '../../db/schema.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { InboxPageData } from './inbox.service.ts';
import { DELIVERIES, NOTICE_KINDS, type NoticeKind } from './preferences.ts';

const KIND_NAMES: Record<NoticeKind, string> = {
  'chapter.posted': 'New chapters',
  'work.posted': 'New works',
  'comment.posted': 'Comments',
  'kudos.left': 'Kudos',
  invitation: 'Invitations and gifts',
  'forum.posted': 'Forum posts',
  'entry.posted': 'Journal entries',
};
export const kindName = (kind: string) => KIND_NAMES[kind as NoticeKind] ?? kind;

/** The inbox's address with these filters (and page). */
export function inboxUrl(q: { kind?: string; unread?: boolean; page?: number }) {
  const params = new URLSearchParams();
  if (q.kind) params.set('kind', q.kind);
  if (q.unread) params.set('unread', '1');
  if (q.page && q.page > 1) params.set('page', String(q.page));
  const s = params.toString();
  return s ? `/inbox?${s}` : '/inbox';
}

function Filters({ data }: { data: InboxPageData }) {
  const { query } = data;
  return (
    <form method="get" action="/inbox" class="form form--inline inbox-filters">
      <div class="field">
        <label for="inbox-kind">Show</label>
        <select id="inbox-kind" name="kind">
          <option value="">Everything</option>
          {NOTICE_KINDS.map((k) => (
            <option key={k.kind} value={k.kind} selected={query.kind === k.kind}>
              {KIND_NAMES[k.kind]}
            </option>
          ))}
        </select>
      </div>
      <div class="field field--checkbox">
        <input type="checkbox" id="inbox-unread" name="unread" value="1" checked={query.unread} />
        <label for="inbox-unread">Unread only</label>
      </div>
      <button type="submit" class="button">
        Filter
      </button>
    </form>
  );
}

export function InboxPage({ page, data }: { page: PageContext; data: InboxPageData }) {
  const { notices, query, unread } = data;
  const back = inboxUrl(query);
  return (
    <Layout page={page} title="Inbox" styles={['/assets/notifications.css']}>
      <h1>Inbox</h1>
      <p class="meta">
        {unread === 0 ? 'Nothing unread.' : `${unread} unread.`}{' '}
        <a href="/inbox/preferences">E-mail preferences</a> · <a href="/subscriptions">Subscriptions</a>
      </p>
      <Filters data={data} />
      {unread > 0 && (
        <Form action="/inbox/read-all" csrfToken={page.csrfToken} class="inline-form">
          <input type="hidden" name="back" value={back} />
          <button type="submit" class="button">
            Mark all read
          </button>
        </Form>
      )}
      {notices.length === 0 ? (
        <p>{query.kind || query.unread ? 'No notifications match.' : 'No notifications yet.'}</p>
      ) : (
        <ul class="item-list inbox">
          {notices.map((n) => {
            const isUnread = n.read_at === null;
            return (
              <li class={`item inbox__item${isUnread ? ' inbox__item--unread' : ''}`} key={n.id}>
                <div class="item__main">
                  <p class="inbox__title">
                    {isUnread && <span class="badge inbox__new">Unread</span>}{' '}
                    <a href={`/inbox/${n.id}/open`}>{n.title}</a>
                  </p>
                  {n.excerpt && <p class="inbox__excerpt">{n.excerpt}</p>}
                  <p class="muted">
                    {kindName(n.kind)} · <Time iso={n.notified_at} withTime />
                  </p>
                </div>
                <div class="item__actions">
                  <Form action={`/inbox/${n.id}/read`} csrfToken={page.csrfToken} class="inline-form">
                    <input type="hidden" name="read" value={isUnread ? '1' : '0'} />
                    <input type="hidden" name="back" value={back} />
                    <button
                      type="submit"
                      class="link-button"
                      aria-label={`Mark ${isUnread ? 'read' : 'unread'}: ${n.title}`}
                    >
                      Mark {isUnread ? 'read' : 'unread'}
                    </button>
                  </Form>
                  <Form action={`/inbox/${n.id}/delete`} csrfToken={page.csrfToken} class="inline-form">
                    <input type="hidden" name="back" value={back} />
                    <button
                      type="submit"
                      class="link-button link-button--danger"
                      aria-label={`Delete: ${n.title}`}
                    >
                      Delete
                    </button>
                  </Form>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {data.pages > 1 && (
        <nav class="pagination" aria-label="Inbox pages">
          {data.page > 1 && <a href={inboxUrl({ ...query, page: data.page - 1 })}>← Newer</a>}
          <span>
            Page {data.page} of {data.pages}
          </span>
          {data.page < data.pages && <a href={inboxUrl({ ...query, page: data.page + 1 })}>Older →</a>}
        </nav>
      )}
    </Layout>
  );
}

export function PreferencesPage({
  page,
  values,
  errors,
}: {
  page: PageContext;
  values: Record<string, NoticeDelivery | string>;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title="Notification preferences">
      <h1>Notification preferences</h1>
      <p>
        Everything arrives in your <a href="/inbox">inbox</a>. Choose, for each kind, whether an e-mail
        follows at once, once a day in a digest, or not at all.
      </p>
      <ErrorSummary errors={errors} />
      <Form action="/inbox/preferences" csrfToken={page.csrfToken}>
        {NOTICE_KINDS.map(({ kind, label }) => {
          const id = `pref-${kind.replace('.', '-')}`;
          const error = errors?.[kind];
          return (
            <div class={`field${error ? ' field--error' : ''}`} key={kind}>
              <label for={id}>{label}</label>
              {error && (
                <p class="field__error" id={`${id}-error`}>
                  {error}
                </p>
              )}
              <select id={id} name={kind} aria-describedby={error ? `${id}-error` : undefined}>
                {DELIVERIES.map((d) => (
                  <option key={d.value} value={d.value} selected={values[kind] === d.value}>
                    {d.label}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        <button type="submit" class="button button--primary">
          Save preferences
        </button>
      </Form>
    </Layout>
  );
}
