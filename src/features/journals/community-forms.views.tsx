import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../lib/errors.ts';
import { Checkbox, ErrorSummary, Field, Form, type FormValues } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { COMMUNITY_NAME_RULE } from './communities.service.ts';

// The forms that make a community and set its rules (the settings page reuses the rules).

export const MEMBERSHIP_LABEL: Record<string, string> = {
  open: 'Open: anyone may join',
  moderated: 'Moderated: people ask to join and a maintainer approves',
  closed: 'Closed: only maintainers add members',
};
export const POSTING_LABEL: Record<string, string> = {
  members: 'Every member may post',
  selected: 'Only members chosen by the maintainers may post',
};
export function Radios({
  name,
  legend,
  options,
  values,
  errors,
}: {
  name: string;
  legend: string;
  options: Record<string, string>;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const error = errors?.[name];
  return (
    <fieldset class={`field choices${error ? ' field--error' : ''}`} id={`f-${name}`}>
      <legend>{legend}</legend>
      {error && <p class="field__error">{error}</p>}
      {Object.entries(options).map(([value, label]) => (
        <div class="field--radio" key={value}>
          <input
            type="radio"
            id={`f-${name}-${value}`}
            name={name}
            value={value}
            checked={values[name] === value}
          />
          <label for={`f-${name}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Making a community: its name, title, and how people join and post. */
export function NewCommunityPage({
  page,
  values,
  errors,
}: {
  page: PageContext;
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title="Make a community">
      <h1>Make a community</h1>
      <p class="lede">
        A community is a journal many people post to. You will be its first maintainer: you decide who joins,
        who posts, and who helps you moderate.
      </p>
      <ErrorSummary errors={errors} />
      <Form action="/communities/new" csrfToken={page.csrfToken}>
        <Field
          name="name"
          label="Name"
          hint={`${COMMUNITY_NAME_RULE} It is the community’s address: /journals/NAME.`}
          values={values}
          errors={errors}
          maxLength={40}
          required
        />
        <Field name="title" label="Title" values={values} errors={errors} maxLength={100} required />
        <Field name="subtitle" label="Subtitle" values={values} errors={errors} maxLength={255} />
        <CommunityRulesFields values={values} errors={errors} />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Make the community
          </button>
        </p>
      </Form>
    </Layout>
  );
}

/** How a community is joined and posted to: the same fields when it is made and in its settings. */
export function CommunityRulesFields({
  values,
  errors,
  children,
}: {
  values: FormValues;
  errors?: FieldErrors;
  /** Shown after the posting choice (the settings page's note on posting rights). */
  children?: ComponentChildren;
}) {
  const checked = (name: string) => ['1', 'on', 'true'].includes(values[name] ?? '');
  return (
    <>
      <Radios
        name="membership"
        legend="Membership"
        options={MEMBERSHIP_LABEL}
        values={values}
        errors={errors}
      />
      <Radios name="posting" legend="Posting" options={POSTING_LABEL} values={values} errors={errors} />
      {children}
      <Checkbox
        name="moderated"
        label="Moderated: entries by members wait until a maintainer or moderator approves them"
        checked={checked('moderated')}
      />
      <Checkbox
        name="nonmemberPosting"
        label="Non-members may post (public entries only)"
        checked={checked('nonmemberPosting')}
      />
    </>
  );
}
