import type { ApiToken } from '../../db/schema.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { Checkbox, ErrorSummary, Field, Form, type FormValues } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { TokensSection } from '../tokens/tokens.views.tsx';
import { NewPasswordFields } from './accounts.views.tsx';

export interface AccountPageProps {
  page: PageContext;
  email: string;
  role: string;
  viewAdult: boolean;
  tokens: ApiToken[];
  /** Which form the values and errors belong to. */
  form?: 'email' | 'password' | 'token';
  values?: FormValues;
  errors?: FieldErrors;
  newToken?: string;
}

const ROLE_NAMES: Record<string, string> = {
  user: 'Member',
  tag_wrangler: 'Tag wrangler',
  moderator: 'Moderator',
  admin: 'Administrator',
};

export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role;
}

export function AccountPage({
  page,
  email,
  role,
  viewAdult,
  tokens,
  form,
  values,
  errors,
  newToken,
}: AccountPageProps) {
  const viewer = page.viewer!;
  const own = (name: AccountPageProps['form']) => (form === name ? { values, errors } : {});
  return (
    <Layout page={page} title="Your account" width="wide">
      <h1>Your account</h1>
      <p class="lede">
        Signed in as <strong>{viewer.username}</strong> · {roleName(role)} ·{' '}
        <a href={`/users/${encodeURIComponent(viewer.username)}`}>View your profile</a>
      </p>
      <div class="settings-grid">
        <section class="card" aria-labelledby="pseuds-title">
          <h2 id="pseuds-title">Pseuds</h2>
          <p>Pen names you can post under. Your default pseud is your username.</p>
          <p>
            <a class="button" href={`/users/${encodeURIComponent(viewer.username)}/pseuds`}>
              Manage pseuds
            </a>
          </p>
          <p>
            <a href={`/users/${encodeURIComponent(viewer.username)}/works`}>Your works</a> ·{' '}
            <a href="/account/invitations">Co-creator invitations</a>
          </p>
        </section>
        <section class="card" aria-labelledby="journal-title">
          <h2 id="journal-title">Journal</h2>
          <p>
            <a href={`/journals/${encodeURIComponent(viewer.username)}`}>Your journal</a> ·{' '}
            <a href="/account/journal">Journal settings and theme</a> ·{' '}
            <a href="/account/access">Access list and filters</a> · <a href="/account/icons">Icons</a> ·{' '}
            <a href="/reading">Reading page</a> · <a href="/account/feeds">Private feed key</a>
          </p>
        </section>
        <section class="card" aria-labelledby="reading-filters-title">
          <h2 id="reading-filters-title">What you see</h2>
          <p>
            <a href="/account/blocklist">Your blocklist and saved filters</a>: tags and creators left out of
            every listing and search.
          </p>
          <p>
            <a href={`/users/${encodeURIComponent(viewer.username)}/readings`}>Your reading history</a> ·{' '}
            <a href="/account/blocked">People you block</a> · <a href="/account/muted">People you mute</a>
          </p>
        </section>
        <section class="card" aria-labelledby="preferences-title">
          <h2 id="preferences-title">Reading preferences</h2>
          <Form action="/account/preferences" csrfToken={page.csrfToken}>
            <Checkbox
              name="view_adult"
              label="Show Mature, Explicit and Not Rated works without asking first"
              checked={viewAdult}
            />
            <button type="submit" class="button">
              Save preferences
            </button>
          </Form>
        </section>
        <section class="card" aria-labelledby="email-title">
          <h2 id="email-title">E-mail address</h2>
          <p>
            Currently <strong>{email}</strong>.
          </p>
          {form === 'email' && <ErrorSummary errors={errors} />}
          <Form action="/account/email" csrfToken={page.csrfToken}>
            <Field
              name="email"
              label="New e-mail address"
              type="email"
              required
              maxLength={254}
              autocomplete="email"
              {...own('email')}
            />
            <Field
              name="current_password"
              label="Current password"
              type="password"
              required
              autocomplete="current-password"
              {...own('email')}
            />
            <button type="submit" class="button">
              Change e-mail
            </button>
          </Form>
        </section>
        <section class="card" aria-labelledby="password-title">
          <h2 id="password-title">Password</h2>
          {form === 'password' && <ErrorSummary errors={errors} />}
          <Form action="/account/password" csrfToken={page.csrfToken}>
            <Field
              name="current_password"
              label="Current password"
              type="password"
              required
              autocomplete="current-password"
              {...own('password')}
            />
            <NewPasswordFields label="New password" errors={form === 'password' ? errors : undefined} />
            <button type="submit" class="button">
              Change password
            </button>
          </Form>
          <p class="field__hint">Changing your password logs you out everywhere else.</p>
        </section>
        <TokensSection page={page} tokens={tokens} newToken={newToken} {...own('token')} />
        <section class="card card--danger" aria-labelledby="delete-title">
          <h2 id="delete-title">Delete account</h2>
          <p>You can orphan your works or delete them with your account.</p>
          <p>
            <a class="button button--danger" href="/account/delete">
              Delete my account…
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
