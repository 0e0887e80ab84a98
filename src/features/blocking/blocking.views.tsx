import { Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { Relation } from './blocks.repository.ts';

const userPath = (username: string) => `/users/${encodeURIComponent(username)}`;

/** What each relation does, in the words the pages and buttons use. */
export const RELATION_TEXT: Record<
  Relation,
  { page: string; title: string; none: string; explain: string; undo: string }
> = {
  block: {
    page: '/account/blocked',
    title: 'People you block',
    none: 'You do not block anyone.',
    explain:
      'Someone you block cannot comment on, reply to, leave kudos on or give gifts of anything of yours, invite you as a co-creator, or reply in forum threads you started.',
    undo: 'Unblock',
  },
  mute: {
    page: '/account/muted',
    title: 'People you mute',
    none: 'You do not mute anyone.',
    explain:
      'Works by someone you mute are left out of every listing, search and count you see (a link to one still opens it). They are not told.',
    undo: 'Unmute',
  },
};

/** Block / unblock and mute / unmute, as plain forms, on someone's profile. */
export function RelationButtons({
  page,
  username,
  state,
}: {
  page: PageContext;
  username: string;
  state: { blocked: boolean; muted: boolean };
}) {
  const base = userPath(username);
  const button = (action: string, label: string, danger = false) => (
    <Form action={`${base}/${action}`} csrfToken={page.csrfToken} class="inline-form">
      <button type="submit" class={danger ? 'button button--danger' : 'button'}>
        {label}
      </button>
    </Form>
  );
  return (
    <section class="relation-buttons" aria-label={`Blocking and muting ${username}`}>
      <p>
        {state.muted ? button('unmute', `Unmute ${username}`) : button('mute', `Mute ${username}`)}{' '}
        {state.blocked
          ? button('unblock', `Unblock ${username}`)
          : button('block', `Block ${username}`, true)}
      </p>
      {(state.blocked || state.muted) && (
        <p class="muted">
          You {[state.blocked && 'block', state.muted && 'mute'].filter(Boolean).join(' and ')} {username}
          {state.muted ? ': their works are left out of your listings, their own works page included.' : '.'}
        </p>
      )}
    </section>
  );
}

/** The accounts a reader blocks or mutes, each with a button to undo it. */
export function RelatedPage({
  page,
  relation,
  people,
}: {
  page: PageContext;
  relation: Relation;
  people: { id: number; username: string; created_at: string }[];
}) {
  const text = RELATION_TEXT[relation];
  return (
    <Layout page={page} title={text.title}>
      <h1>{text.title}</h1>
      <p class="lede">{text.explain}</p>
      <p>
        To {relation} someone, use the button on their profile.{' '}
        {relation === 'block' ? (
          <a href={RELATION_TEXT.mute.page}>People you mute</a>
        ) : (
          <a href={RELATION_TEXT.block.page}>People you block</a>
        )}{' '}
        · <a href="/account">Your account</a>
      </p>
      {people.length === 0 ? (
        <p>{text.none}</p>
      ) : (
        <ul class="item-list">
          {people.map((person) => (
            <li class="item" key={person.id}>
              <div class="item__main">
                <a href={userPath(person.username)}>{person.username}</a>{' '}
                <span class="muted">
                  since <Time iso={person.created_at} />
                </span>
              </div>
              <div class="item__actions">
                <Form
                  action={`${userPath(person.username)}/un${relation}`}
                  csrfToken={page.csrfToken}
                  class="inline-form"
                >
                  <input type="hidden" name="return" value={text.page} />
                  <button type="submit" class="link-button" aria-label={`${text.undo} ${person.username}`}>
                    {text.undo}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
