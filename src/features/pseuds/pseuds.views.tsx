import type { Pseud } from '../../db/schema.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Field, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { PSEUD_RULE } from './pseuds.schema.ts';

export function PseudsPage({
  page,
  username,
  pseuds,
}: {
  page: PageContext;
  username: string;
  pseuds: Pseud[];
}) {
  const isOwner = page.viewer?.username === username;
  return (
    <Layout page={page} title={`${username}’s pseuds`}>
      <h1>{username}’s pseuds</h1>
      <ul class="item-list">
        {pseuds.map((pseud) => (
          <li key={pseud.id} class="item">
            <div class="item__main">
              <a href={`/users/${encodeURIComponent(username)}/pseuds/${encodeURIComponent(pseud.name)}`}>
                {pseud.name}
              </a>
              {pseud.is_default === 1 && <span class="badge">default</span>}
            </div>
            {isOwner && (
              <div class="item__actions">
                <a href={`/account/pseuds/${pseud.id}/edit`} aria-label={`Edit ${pseud.name}`}>
                  Edit
                </a>
                {pseud.is_default !== 1 && (
                  <>
                    <Form
                      action={`/account/pseuds/${pseud.id}/default`}
                      csrfToken={page.csrfToken}
                      class="inline-form"
                    >
                      <button type="submit" class="link-button" aria-label={`Make ${pseud.name} the default`}>
                        Make default
                      </button>
                    </Form>
                    <Form
                      action={`/account/pseuds/${pseud.id}/delete`}
                      csrfToken={page.csrfToken}
                      class="inline-form"
                    >
                      <button
                        type="submit"
                        class="link-button link-button--danger"
                        aria-label={`Delete ${pseud.name}`}
                      >
                        Delete
                      </button>
                    </Form>
                  </>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {isOwner && (
        <p>
          <a class="button button--primary" href="/account/pseuds/new">
            New pseud
          </a>
        </p>
      )}
    </Layout>
  );
}

export function PseudFormPage({
  page,
  pseudId,
  values,
  errors,
}: {
  page: PageContext;
  pseudId?: number;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const title = pseudId ? 'Edit pseud' : 'New pseud';
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <Form
        action={pseudId ? `/account/pseuds/${pseudId}/edit` : '/account/pseuds/new'}
        csrfToken={page.csrfToken}
      >
        <Field
          name="name"
          label="Name"
          values={values}
          errors={errors}
          hint={PSEUD_RULE}
          required
          maxLength={40}
        />
        <TextArea
          name="description"
          label="Description"
          values={values}
          errors={errors}
          hint="Plain text or HTML, up to 2,000 characters."
          maxLength={2000}
        />
        <button type="submit" class="button button--primary">
          {pseudId ? 'Save pseud' : 'Create pseud'}
        </button>
      </Form>
    </Layout>
  );
}
