import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Field, Form, type FormValues } from '../../web/forms.tsx';
import { Time } from '../../web/time.tsx';
import type { MemberRow, Membership } from './communities.repository.ts';
import { MEMBERSHIP_LABEL, POSTING_LABEL } from './community-forms.views.tsx';
import { EntryView, entryUrl, journalUrl } from './entry.views.tsx';
import type { ShownEntry } from './journals.read.ts';
import { type JournalChrome, JournalLayout } from './journals.views.tsx';

const ROLE_LABEL: Record<string, string> = {
  member: 'Member',
  moderator: 'Moderator',
  maintainer: 'Maintainer',
};

const names = (list: string[]) =>
  list.length === 0
    ? 'none'
    : list.map((name, i) => (
        <>
          {i > 0 && ', '}
          <a href={`/journals/${encodeURIComponent(name)}`} key={name}>
            {name}
          </a>
        </>
      ));

/** Join, ask to join, leave, or withdraw a request: what the viewer can do from where they stand. */
function MembershipActions({ chrome, standing }: { chrome: JournalChrome; standing: Membership | null }) {
  const { page, journal } = chrome;
  const base = journalUrl(journal);
  if (!page.viewer)
    return (
      <p>
        <a href="/login">Log in</a> to join.
      </p>
    );
  const button = (action: string, label: string, danger = false) => (
    <Form action={`${base}/${action}`} csrfToken={page.csrfToken} class="inline-form">
      <button type="submit" class={danger ? 'button button--danger' : 'button button--primary'}>
        {label}
      </button>
    </Form>
  );
  if (standing?.status === 'member')
    return (
      <p>
        You are {standing.role === 'member' ? 'a member' : `a ${standing.role}`} of {journal.display_name}.{' '}
        {button('leave', 'Leave the community', true)}
      </p>
    );
  if (standing?.status === 'requested')
    return (
      <p>You have asked to join; a maintainer will answer. {button('leave', 'Withdraw the request', true)}</p>
    );
  if (journal.membership === 'open') return <p>{button('join', 'Join the community')}</p>;
  if (journal.membership === 'moderated') return <p>{button('join', 'Ask to join')}</p>;
  return <p>Membership is closed: its maintainers add members.</p>;
}

export function CommunityProfilePage({
  chrome,
  maintainers,
  moderators,
  memberCount,
  standing,
  pending,
}: {
  chrome: JournalChrome;
  maintainers: string[];
  moderators: string[];
  memberCount: number;
  standing: Membership | null;
  pending: number;
}) {
  const { journal } = chrome;
  const base = journalUrl(journal);
  return (
    <JournalLayout chrome={chrome} title={`${journal.title}: profile`}>
      <h1 class="journal-heading">About {journal.display_name}</h1>
      <dl class="meta">
        <dt>Members</dt>
        <dd>
          <a href={`${base}/members`}>
            {memberCount} {memberCount === 1 ? 'member' : 'members'}
          </a>
        </dd>
        <dt>Maintainers</dt>
        <dd>{names(maintainers)}</dd>
        <dt>Moderators</dt>
        <dd>{names(moderators)}</dd>
        <dt>Membership</dt>
        <dd>{MEMBERSHIP_LABEL[journal.membership]}</dd>
        <dt>Posting</dt>
        <dd>
          {POSTING_LABEL[journal.posting]}
          {journal.nonmember_posting === 1 && '; non-members may post public entries'}
          {journal.moderated === 1 && '; entries are approved by the moderators first'}
        </dd>
        <dt>Started</dt>
        <dd>
          <Time iso={journal.created_at} />
        </dd>
        <dt>Forums</dt>
        <dd>
          <a href={`/forums?community=${encodeURIComponent(journal.name ?? '')}`}>This community’s boards</a>
        </dd>
      </dl>
      <MembershipActions chrome={chrome} standing={standing} />
      {standing?.status === 'member' && standing.role === 'maintainer' && (
        <p>
          <a href={`${base}/settings`}>Community settings</a>
        </p>
      )}
      {chrome.staff && journal.moderated === 1 && (
        <p>
          <a href={`${base}/queue`}>Moderation queue</a> ({pending} waiting)
        </p>
      )}
      {chrome.page.viewer && journal.moderated === 1 && (
        <p>
          <a href={`${base}/submissions`}>Your submissions</a> (waiting or rejected)
        </p>
      )}
    </JournalLayout>
  );
}

/** The member list; maintainers answer requests, add people, set roles and posting, remove people. */
export function MembersPage({
  chrome,
  members,
  requests,
  maintainer,
  values,
  errors,
}: {
  chrome: JournalChrome;
  members: MemberRow[];
  requests: MemberRow[];
  maintainer: boolean;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { journal, page } = chrome;
  const base = `${journalUrl(journal)}/members`;
  const at = (m: MemberRow, action = '') => `${base}/${encodeURIComponent(m.username)}${action}`;
  return (
    <JournalLayout chrome={chrome} title={`${journal.title}: members`}>
      <h1 class="journal-heading">Members ({members.length})</h1>
      <ErrorSummary errors={errors} />
      {maintainer && (
        <p>
          <a href={`${journalUrl(journal)}/settings`}>Community settings</a>
        </p>
      )}
      {maintainer && (
        <section aria-labelledby="requests">
          <h2 id="requests">Requests to join ({requests.length})</h2>
          {requests.length === 0 ? (
            <p>No one is waiting.</p>
          ) : (
            <ul class="item-list">
              {requests.map((m) => (
                <li class="item" key={m.user_id}>
                  <div class="item__main">
                    <a href={`/journals/${encodeURIComponent(m.username)}`}>{m.username}</a>{' '}
                    <span class="muted">
                      asked <Time iso={m.created_at} />
                    </span>
                  </div>
                  <div class="item__actions">
                    <Form action={at(m, '/approve')} csrfToken={page.csrfToken} class="inline-form">
                      <button type="submit" class="button" aria-label={`Approve ${m.username}`}>
                        Approve
                      </button>
                    </Form>{' '}
                    <Form action={at(m, '/decline')} csrfToken={page.csrfToken} class="inline-form">
                      <button
                        type="submit"
                        class="link-button link-button--danger"
                        aria-label={`Decline ${m.username}`}
                      >
                        Decline
                      </button>
                    </Form>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <table class="table">
        <caption class="visually-hidden">Members of {journal.display_name}</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            {journal.posting === 'selected' && <th scope="col">May post</th>}
            {maintainer && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.user_id}>
              <td>
                <a href={`/journals/${encodeURIComponent(m.username)}`}>{m.username}</a>
              </td>
              <td>
                {maintainer ? (
                  <Form action={at(m)} csrfToken={page.csrfToken} class="inline-form">
                    <label class="visually-hidden" for={`role-${m.user_id}`}>
                      Role of {m.username}
                    </label>
                    <select id={`role-${m.user_id}`} name="role">
                      {Object.entries(ROLE_LABEL).map(([value, label]) => (
                        <option key={value} value={value} selected={m.role === value}>
                          {label}
                        </option>
                      ))}
                    </select>{' '}
                    <input
                      type="checkbox"
                      id={`post-${m.user_id}`}
                      name="canPost"
                      value="1"
                      checked={m.can_post === 1}
                    />{' '}
                    <label for={`post-${m.user_id}`}>May post</label>{' '}
                    <button type="submit" class="button" aria-label={`Save ${m.username}`}>
                      Save
                    </button>
                  </Form>
                ) : (
                  ROLE_LABEL[m.role]
                )}
              </td>
              {journal.posting === 'selected' && <td>{m.can_post === 1 ? 'Yes' : 'No'}</td>}
              {maintainer && (
                <td>
                  <Form action={at(m, '/remove')} csrfToken={page.csrfToken} class="inline-form">
                    <button
                      type="submit"
                      class="link-button link-button--danger"
                      aria-label={`Remove ${m.username}`}
                    >
                      Remove
                    </button>
                  </Form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {maintainer && (
        <Form action={base} csrfToken={page.csrfToken}>
          <Field
            name="username"
            label="Add a member"
            hint="Their username. Someone who asked to join is approved."
            values={values}
            errors={errors}
            maxLength={100}
          />
          <p>
            <button type="submit" class="button">
              Add member
            </button>
          </p>
        </Form>
      )}
    </JournalLayout>
  );
}

/** The moderation queue: each waiting entry in full, with Approve and Reject (with a reason). */
export function QueuePage({
  chrome,
  entries,
  failed,
}: {
  chrome: JournalChrome;
  entries: ShownEntry[];
  /** A refused rejection: which entry, what was typed, and why. */
  failed?: { id: number; reason: string; error: string };
}) {
  const { journal, page } = chrome;
  return (
    <JournalLayout chrome={chrome} title={`${journal.title}: moderation queue`}>
      <h1 class="journal-heading">Moderation queue ({entries.length})</h1>
      {failed && <ErrorSummary errors={{ form: failed.error }} />}
      {entries.length === 0 ? (
        <p>Nothing is waiting.</p>
      ) : (
        entries.map((entry) => {
          const error = failed?.id === entry.id ? failed.error : undefined;
          const id = `reason-${entry.id}`;
          return (
            <section class="card" key={entry.id} aria-label={`Submitted by ${entry.poster}`}>
              <p class="muted">
                Submitted <Time iso={entry.created_at} withTime /> by {entry.poster}
              </p>
              <EntryView journal={journal} entry={entry} full={false} showAdult={chrome.showAdult} />
              <Form action={`/entries/${entry.id}/approve`} csrfToken={page.csrfToken} class="inline-form">
                <button type="submit" class="button button--primary">
                  Approve
                </button>
              </Form>
              <Form action={`/entries/${entry.id}/reject`} csrfToken={page.csrfToken}>
                <div class={`field${error ? ' field--error' : ''}`}>
                  <label for={id}>Reason for rejecting (the poster sees it)</label>
                  {error && (
                    <p class="field__error" id={`${id}-error`}>
                      {error}
                    </p>
                  )}
                  <textarea
                    id={id}
                    name="reason"
                    rows={2}
                    maxLength={1000}
                    aria-invalid={error ? 'true' : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                  >
                    {failed?.id === entry.id ? failed.reason : ''}
                  </textarea>
                </div>
                <button type="submit" class="button button--danger">
                  Reject
                </button>
              </Form>
            </section>
          );
        })
      )}
    </JournalLayout>
  );
}

/** A poster's own entries that wait for the moderators or were rejected, with the reasons. */
export function SubmissionsPage({
  chrome,
  entries,
}: {
  chrome: JournalChrome;
  entries: (ShownEntry & { status_reason: string | null })[];
}) {
  const { journal } = chrome;
  return (
    <JournalLayout chrome={chrome} title={`${journal.title}: your submissions`}>
      <h1 class="journal-heading">Your submissions</h1>
      <p class="lede">Your entries here that wait for the moderators, or that they rejected.</p>
      {entries.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="item-list">
          {entries.map((entry) => (
            <li class="item" key={entry.id}>
              <div class="item__main">
                <a href={entryUrl(journal, entry.id)}>{entry.subject || '(no subject)'}</a>{' '}
                <span class="muted">
                  submitted <Time iso={entry.created_at} />
                </span>
                {entry.status === 'pending' ? (
                  <p>Waiting for the moderators.</p>
                ) : (
                  <p>
                    <span class="badge badge--warning">Rejected</span> Reason: {entry.status_reason}
                  </p>
                )}
              </div>
              <div class="item__actions">
                <a href={`/entries/${entry.id}/edit`}>Edit{entry.status === 'rejected' && ' and resubmit'}</a>
              </div>
            </li>
          ))}
        </ul>
      )}
    </JournalLayout>
  );
}
