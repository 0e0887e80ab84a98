import { SubscribeButton } from '../subscriptions/subscriptions.views.tsx';
import type { Pseud } from '../../db/schema.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { Html } from '../../web/html.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import { roleName } from '../accounts/account-settings.views.tsx';
import { RelationButtons } from '../blocking/blocking.views.tsx';
import type { Profile } from './profiles.service.ts';

const pseudUrl = (username: string, pseud: string) =>
  `/users/${encodeURIComponent(username)}/pseuds/${encodeURIComponent(pseud)}`;

function PseudList({ username, pseuds }: { username: string; pseuds: Pseud[] }) {
  return (
    <ul class="pseud-list">
      {pseuds.map((pseud) => (
        <li key={pseud.id}>
          <a href={pseudUrl(username, pseud.name)}>{pseud.name}</a>
          {pseud.is_default === 1 && <span class="badge">default</span>}
        </li>
      ))}
    </ul>
  );
}

export function ProfilePage({
  page,
  profile,
  relation,
  subscribed = false,
}: {
  page: PageContext;
  profile: Profile;
  /** The viewer's block and mute of this account (absent: a guest, or their own profile). */
  relation?: { blocked: boolean; muted: boolean };
  /** Whether the signed-in reader subscribes to this creator. */
  subscribed?: boolean;
}) {
  const { user, pseuds } = profile;
  const isOwner = page.viewer?.id === user.id;
  return (
    <Layout page={page} title={user.username}>
      <header class="profile-header">
        <h1>{user.username}</h1>
        <p class="meta">
          {user.role !== 'user' && <span class="badge">{roleName(user.role)}</span>} Joined{' '}
          <Time iso={user.created_at} />
        </p>
      </header>
      <p>
        <a class="button" href={`/users/${encodeURIComponent(user.username)}/works`}>
          Works
        </a>{' '}
        {isOwner && (
          <a class="button" href={`/users/${encodeURIComponent(user.username)}/stats`}>
            Statistics
          </a>
        )}
        <a class="button" href={`/users/${encodeURIComponent(user.username)}/bookmarks`}>
          Bookmarks
        </a>
      </p>
      {!isOwner && (
        <SubscribeButton page={page} type="user" id={user.id} subscribed={subscribed} back={page.path} />
      )}
      <section aria-labelledby="pseuds-title">
        <h2 id="pseuds-title">Pseuds</h2>
        <PseudList username={user.username} pseuds={pseuds} />
        {isOwner && (
          <p>
            <a class="button" href={`/users/${encodeURIComponent(user.username)}/pseuds`}>
              Manage pseuds
            </a>
          </p>
        )}
      </section>
      {relation && <RelationButtons page={page} username={user.username} state={relation} />}
    </Layout>
  );
}

export function PseudPage({ page, profile, pseud }: { page: PageContext; profile: Profile; pseud: Pseud }) {
  const { user } = profile;
  const title = pseud.name === user.username ? user.username : `${pseud.name} (${user.username})`;
  return (
    <Layout page={page} title={title}>
      <header class="profile-header">
        <h1>{pseud.name}</h1>
        <p class="meta">
          A pseud of <a href={`/users/${encodeURIComponent(user.username)}`}>{user.username}</a>
        </p>
      </header>
      {pseud.description ? (
        <Html class="prose" html={pseud.description as SafeHtml} />
      ) : (
        <p class="muted">No description yet.</p>
      )}
      {profile.pseuds.length > 1 && (
        <section aria-labelledby="other-pseuds">
          <h2 id="other-pseuds">All of {user.username}’s pseuds</h2>
          <PseudList username={user.username} pseuds={profile.pseuds} />
        </section>
      )}
    </Layout>
  );
}
