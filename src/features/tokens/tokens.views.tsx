import type { ApiToken } from '../../db/schema.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Field, Form, type FormValues } from '../../web/forms.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';

export function TokensSection({
  page,
  tokens,
  newToken,
  values,
  errors,
}: {
  page: PageContext;
  tokens: ApiToken[];
  newToken?: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <section class="card card--wide" aria-labelledby="tokens-title" id="tokens">
      <h2 id="tokens-title">API tokens</h2>
      <p>
        Personal access tokens let scripts use the <a href="/api/v1/openapi.json">Quire API</a> as you. Send
        one as <code>Authorization: Bearer …</code>.
      </p>
      {newToken && (
        <div class="notice" role="status">
          <p>
            <strong>Your new token.</strong> Copy it now: it will not be shown again.
          </p>
          <p>
            <code class="token" data-testid="new-token">
              {newToken}
            </code>
          </p>
        </div>
      )}
      {tokens.length > 0 ? (
        <table class="table">
          <caption class="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.token_hint}…</code>
                </td>
                <td>
                  <Time iso={token.created_at} />
                </td>
                <td>{token.last_used_at ? <Time iso={token.last_used_at} /> : 'Never'}</td>
                <td>
                  <Form
                    action={`/account/tokens/${token.id}/revoke`}
                    csrfToken={page.csrfToken}
                    class="inline-form"
                  >
                    <button type="submit" class="link-button" aria-label={`Revoke token ${token.name}`}>
                      Revoke
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>You have no tokens.</p>
      )}
      <ErrorSummary errors={errors} />
      <Form action="/account/tokens" csrfToken={page.csrfToken} class="form form--inline">
        <Field
          name="name"
          label="New token’s name"
          values={values}
          errors={errors}
          required
          maxLength={100}
          hint="What will use it, e.g. “backup script”."
        />
        <button type="submit" class="button">
          Create token
        </button>
      </Form>
    </section>
  );
}
