import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Form, type FormValues } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { NewAccountFields } from '../accounts/accounts.views.tsx';

export function FirstRunPage({
  page,
  values,
  errors,
}: {
  page: PageContext;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title="Welcome — set up Quire">
      <h1>Welcome to your new Quire</h1>
      <p class="lede">
        Nobody has an account here yet. Create the administrator account to finish setting up. (From a
        terminal: <code>npx quire admin create --username NAME --email ADDRESS</code>.)
      </p>
      <ErrorSummary errors={errors} />
      <Form action="/setup" csrfToken={page.csrfToken}>
        <NewAccountFields values={values} errors={errors} />
        <button type="submit" class="button button--primary">
          Create administrator
        </button>
      </Form>
    </Layout>
  );
}

export function HomePage({ page }: { page: PageContext }) {
  return (
    <Layout page={page} title="Home">
      <section class="hero">
        <h1>A home for fan fiction</h1>
        <p class="lede">
          Quire keeps your stories the way fandom always has: an <strong>archive</strong> of works with
          chapters, series and tags, a <strong>journal</strong> with locked entries, and{' '}
          <strong>forums</strong> whose threads rise when a new chapter lands.
        </p>
        {page.viewer ? (
          <p>
            Welcome back, <strong>{page.viewer.username}</strong>.{' '}
            <a href={`/users/${encodeURIComponent(page.viewer.username)}`}>Your profile</a> ·{' '}
            <a href="/account">Your account</a>
          </p>
        ) : (
          <p class="hero__actions">
            <a class="button button--primary" href="/signup">
              Create an account
            </a>
            <a class="button" href="/login">
              Log in
            </a>
          </p>
        )}
      </section>
    </Layout>
  );
}
