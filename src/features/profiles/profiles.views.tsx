import type { Pseud } from '../../db/schema.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { Html } from '../../web/html.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import { roleName } from '../accounts/account-settings.views.tsx';
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

export function ProfilePage({ page, profile }: { page: PageContext; profile: Profile }) {
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
        <a class="button" href={`/users/${encodeURIComponent(user.username)}/bookmarks`}>
          Bookmarks
        </a>
      </p>
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
