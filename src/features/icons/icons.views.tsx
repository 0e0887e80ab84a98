import type { FieldErrors } from '../../lib/errors.ts';
import { Checkbox, ErrorSummary, Field, Form, type FormValues } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { IconSummary } from './icons.repository.ts';
import { ALT_MAX, ICON_SIZE, KEYWORD_MAX, MAX_ICONS, MAX_UPLOAD_BYTES } from './icons.service.ts';

/** An icon's address. Icons never change once uploaded (a new picture is a new icon, a new id). */
export const iconUrl = (id: number) => `/icons/${id}`;

/**
 * A user icon as an <img>. With the stored size (from `iconsFor`) the picture is drawn at it;
 * without, it is fitted into ICON_SIZE², so the page never shifts while it loads.
 */
export function UserIcon({
  icon,
  class: className,
}: {
  icon: { id: number; alt: string; width?: number; height?: number };
  class?: string;
}) {
  return (
    <img
      class={className ? `user-icon ${className}` : 'user-icon'}
      src={iconUrl(icon.id)}
      alt={icon.alt}
      width={Math.min(icon.width ?? ICON_SIZE, ICON_SIZE)}
      height={Math.min(icon.height ?? ICON_SIZE, ICON_SIZE)}
      loading="lazy"
      decoding="async"
    />
  );
}

const KEYWORD_HINT = `How you pick this icon for an entry, e.g. “reading” or “happy”. At most ${KEYWORD_MAX} characters, different for each icon.`;
const ALT_HINT = `What the picture shows, for people who cannot see it, e.g. “a cat asleep on a pile of books”. At most ${ALT_MAX} characters.`;

function UploadForm({
  page,
  values,
  errors,
}: {
  page: PageContext;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const error = errors?.image;
  return (
    <form method="post" action="/account/icons" enctype="multipart/form-data" class="form" noValidate>
      <input type="hidden" name="_csrf" value={page.csrfToken} />
      <div class={`field${error ? ' field--error' : ''}`}>
        <label for="f-image">
          Picture<span class="field__required"> (required)</span>
        </label>
        <p class="field__hint" id="f-image-hint">
          A PNG, JPEG, GIF or WebP file of up to {MAX_UPLOAD_BYTES / 1024 / 1024} MB. It is shrunk to fit{' '}
          {ICON_SIZE}×{ICON_SIZE} pixels (an animation keeps its first frame).
          {errors ? ' Please choose the file again.' : ''}
        </p>
        {error && (
          <p class="field__error" id="f-image-error">
            {error}
          </p>
        )}
        <input
          id="f-image"
          type="file"
          name="image"
          accept="image/png,image/jpeg,image/gif,image/webp"
          required
          aria-describedby={`f-image-hint${error ? ' f-image-error' : ''}`}
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
      <Field
        name="keyword"
        label="Keyword"
        values={values}
        errors={errors}
        hint={KEYWORD_HINT}
        required
        maxLength={KEYWORD_MAX}
      />
      <Field
        name="alt"
        label="Description (alt text)"
        values={values}
        errors={errors}
        hint={ALT_HINT}
        required
        maxLength={ALT_MAX}
      />
      <Checkbox name="default" label="Make this my default icon" checked={values?.default === '1'} />
      <p class="form-actions">
        <button type="submit" class="button button--primary">
          Upload icon
        </button>
      </p>
    </form>
  );
}

/** `/account/icons`: the account's icons with their actions, and the upload form. */
export function IconsPage({
  page,
  icons,
  values,
  errors,
}: {
  page: PageContext;
  icons: IconSummary[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const full = icons.length >= MAX_ICONS;
  return (
    <Layout page={page} title="Your icons" width="wide">
      <h1>Your icons</h1>
      <p class="lede">
        Icons are small pictures shown beside your journal entries. Choose one for an entry by its keyword;
        the default icon is used when you choose none. You can have up to {MAX_ICONS}.
      </p>
      {icons.length > 0 ? (
        <ul class="icon-list" aria-label="Your icons">
          {icons.map((icon) => (
            <li key={icon.id} class="icon-list__item">
              <UserIcon icon={icon} />
              <div class="icon-list__text">
                <p class="icon-list__keyword">
                  {icon.keyword}
                  {icon.is_default === 1 && <span class="badge">default</span>}
                </p>
                <p class="icon-list__alt">{icon.alt}</p>
                <div class="item__actions">
                  <a href={`/account/icons/${icon.id}/edit`} aria-label={`Edit icon ${icon.keyword}`}>
                    Edit
                  </a>
                  {icon.is_default !== 1 && (
                    <Form
                      action={`/account/icons/${icon.id}/default`}
                      csrfToken={page.csrfToken}
                      class="inline-form"
                    >
                      <button
                        type="submit"
                        class="link-button"
                        aria-label={`Make icon ${icon.keyword} the default`}
                      >
                        Make default
                      </button>
                    </Form>
                  )}
                  <Form
                    action={`/account/icons/${icon.id}/delete`}
                    csrfToken={page.csrfToken}
                    class="inline-form"
                  >
                    <button
                      type="submit"
                      class="link-button link-button--danger"
                      aria-label={`Delete icon ${icon.keyword}`}
                    >
                      Delete
                    </button>
                  </Form>
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>You have no icons yet.</p>
      )}
      <section class="card" aria-labelledby="upload-title">
        <h2 id="upload-title">Upload an icon</h2>
        <ErrorSummary errors={errors} />
        {full && !errors ? (
          <p>You have {MAX_ICONS} icons, the most an account can have. Delete one to upload another.</p>
        ) : (
          <UploadForm page={page} values={values} errors={errors} />
        )}
      </section>
    </Layout>
  );
}

/** `/account/icons/:id/edit`: the keyword and alt text (the picture itself never changes). */
export function IconEditPage({
  page,
  icon,
  values,
  errors,
}: {
  page: PageContext;
  icon: IconSummary;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const shown = values ?? { keyword: icon.keyword, alt: icon.alt };
  return (
    <Layout page={page} title={`Edit icon ${icon.keyword}`}>
      <h1>Edit icon</h1>
      <p>
        <UserIcon icon={icon} />
      </p>
      <ErrorSummary errors={errors} />
      <Form action={`/account/icons/${icon.id}/edit`} csrfToken={page.csrfToken}>
        <Field
          name="keyword"
          label="Keyword"
          values={shown}
          errors={errors}
          hint={KEYWORD_HINT}
          required
          maxLength={KEYWORD_MAX}
        />
        <Field
          name="alt"
          label="Description (alt text)"
          values={shown}
          errors={errors}
          hint={ALT_HINT}
          required
          maxLength={ALT_MAX}
        />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Save icon
          </button>{' '}
          <a href="/account/icons">Back to your icons</a>
        </p>
      </Form>
    </Layout>
  );
}
