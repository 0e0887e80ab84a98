import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Field, Form, type FormValues } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

const TYPE_NAMES: Record<string, string> = {
  rating: 'Rating',
  warning: 'Warning',
  category: 'Category',
  fandom: 'Fandom',
  relationship: 'Relationship',
  character: 'Character',
  freeform: 'Additional tag',
};

interface Blocklist {
  tags: { id: number; name: string; type: string }[];
  creators: { id: number; username: string }[];
}

function RemoveButton({ page, action, label }: { page: PageContext; action: string; label: string }) {
  return (
    <Form action={action} csrfToken={page.csrfToken} class="inline-form">
      <button type="submit" class="link-button link-button--danger" aria-label={label}>
        Remove
      </button>
    </Form>
  );
}

/** The reader's blocklist and saved filters, with forms to add to them. */
export function ReaderFiltersPage({
  page,
  blocklist,
  saved,
  values,
  errors,
}: {
  page: PageContext;
  blocklist: Blocklist;
  saved: { id: number; name: string; query: string }[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title="Your blocklist and saved filters">
      <h1>Your blocklist and saved filters</h1>
      <p class="lede">
        Works with a blocked tag, or by a blocked creator, are left out of every listing and search you see,
        and out of their counts. Any listing can show them again with “Show them on this listing”.
      </p>
      <ErrorSummary errors={errors} />

      <h2>Blocked tags</h2>
      {blocklist.tags.length === 0 ? (
        <p>No tags yet.</p>
      ) : (
        <ul class="item-list">
          {blocklist.tags.map((tag) => (
            <li class="item" key={tag.id}>
              <div class="item__main">
                <a href={`/tags/${tag.id}`}>{tag.name}</a>{' '}
                <span class="badge">{TYPE_NAMES[tag.type] ?? tag.type}</span>
              </div>
              <div class="item__actions">
                <RemoveButton
                  page={page}
                  action={`/account/blocklist/tags/${tag.id}/delete`}
                  label={`Remove ${tag.name} from your blocklist`}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <Form action="/account/blocklist/tags" csrfToken={page.csrfToken}>
        <Field
          name="tags"
          label="Block tags"
          hint="Any tags, separated by commas. A tag’s synonyms and subtags are blocked with it."
          values={values}
          errors={errors}
          maxLength={5000}
        />
        <p>
          <button type="submit" class="button">
            Block
          </button>
        </p>
      </Form>

      <h2>Blocked creators</h2>
      {blocklist.creators.length === 0 ? (
        <p>No creators yet.</p>
      ) : (
        <ul class="item-list">
          {blocklist.creators.map((creator) => (
            <li class="item" key={creator.id}>
              <div class="item__main">
                <a href={`/users/${encodeURIComponent(creator.username)}`}>{creator.username}</a>
              </div>
              <div class="item__actions">
                <RemoveButton
                  page={page}
                  action={`/account/blocklist/creators/${creator.id}/delete`}
                  label={`Remove ${creator.username} from your blocklist`}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <Form action="/account/blocklist/creators" csrfToken={page.csrfToken}>
        <Field name="username" label="Block a creator" values={values} errors={errors} maxLength={100} />
        <p>
          <button type="submit" class="button">
            Block
          </button>
        </p>
      </Form>

      <h2>Saved filters</h2>
      {saved.length === 0 ? (
        <p>None yet: filter any listing of works, then “Save filter” in its sidebar.</p>
      ) : (
        <ul class="item-list">
          {saved.map((filter) => (
            <li class="item" key={filter.id}>
              <div class="item__main">
                <a href={filter.query}>{filter.name}</a>
              </div>
              <div class="item__actions">
                <RemoveButton
                  page={page}
                  action={`/account/saved-filters/${filter.id}/delete`}
                  label={`Delete the saved filter ${filter.name}`}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      {(errors?.name || errors?.query) && (
        <Form action="/account/saved-filters" csrfToken={page.csrfToken}>
          <input type="hidden" name="query" value={values.query ?? ''} />
          <Field name="name" label="Save the filter as" values={values} errors={errors} maxLength={100} />
          <p>
            <button type="submit" class="button">
              Save filter
            </button>
          </p>
        </Form>
      )}
    </Layout>
  );
}
