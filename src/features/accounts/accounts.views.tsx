import type { FieldErrors } from '../../lib/errors.ts';
import { Checkbox, ErrorSummary, Field, Form, type FormValues } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { PASSWORD_MIN, USERNAME_RULE } from './accounts.schema.ts';

interface FormPageProps {
  page: PageContext;
  values?: FormValues;
  errors?: FieldErrors;
}

const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters. A few unrelated words make a strong, memorable password.`;

/** The account fields shared by sign-up and first-run admin creation. */
export function NewAccountFields({ values, errors }: { values?: FormValues; errors?: FieldErrors }) {
  return (
    <>
      <Field
        name="username"
        label="Username"
        values={values}
        errors={errors}
        hint={USERNAME_RULE}
        required
        maxLength={40}
        autocomplete="username"
      />
      <Field
        name="email"
        label="E-mail"
        type="email"
        values={values}
        errors={errors}
        hint="Used for password resets and the notifications you choose. Never shown to others."
        required
        maxLength={254}
        autocomplete="email"
      />
      <NewPasswordFields errors={errors} />
    </>
  );
}

/** A new password and its confirmation (sign-up, reset, change), with the policy as the hint. */
export function NewPasswordFields({ errors, label = 'Password' }: { errors?: FieldErrors; label?: string }) {
  return (
    <>
      <Field
        name="password"
        label={label}
        type="password"
        errors={errors}
        hint={PASSWORD_HINT}
        required
        autocomplete="new-password"
      />
      <Field
        name="password_confirmation"
        label={`Confirm ${label.toLowerCase()}`}
        type="password"
        errors={errors}
        required
        autocomplete="new-password"
      />
    </>
  );
}

export function SignupPage({ page, values, errors }: FormPageProps) {
  return (
    <Layout page={page} title="Create an account">
      <h1>Create an account</h1>
      <p class="lede">
        Post works, keep a journal and join the forums. Already have an account? <a href="/login">Log in</a>.
      </p>
      <ErrorSummary errors={errors} />
      <Form action="/signup" csrfToken={page.csrfToken}>
        <NewAccountFields values={values} errors={errors} />
        <button type="submit" class="button button--primary">
          Create account
        </button>
      </Form>
    </Layout>
  );
}

export function LoginPage({ page, values, errors, returnTo }: FormPageProps & { returnTo?: string }) {
  return (
    <Layout page={page} title="Log in">
      <h1>Log in</h1>
      <ErrorSummary errors={errors} />
      <Form action="/login" csrfToken={page.csrfToken}>
        {returnTo && <input type="hidden" name="return_to" value={returnTo} />}
        <Field
          name="login"
          label="Username or e-mail"
          values={values}
          errors={errors}
          required
          autocomplete="username"
        />
        <Field
          name="password"
          label="Password"
          type="password"
          errors={errors}
          required
          autocomplete="current-password"
        />
        <Checkbox
          name="remember_me"
          label="Remember me on this device for 30 days"
          checked={values?.remember_me === '1'}
        />
        <button type="submit" class="button button--primary">
          Log in
        </button>
      </Form>
      <p>
        <a href="/password/forgot">Forgot your password?</a> · <a href="/signup">Create an account</a>
      </p>
    </Layout>
  );
}

export function ForgotPasswordPage({ page, values, errors, sent }: FormPageProps & { sent?: boolean }) {
  return (
    <Layout page={page} title="Reset your password">
      <h1>Reset your password</h1>
      {sent ? (
        <p class="notice" role="status">
          If an account matches what you entered, we have sent it an e-mail with a link to choose a new
          password. The link works once, for one hour.
        </p>
      ) : (
        <>
          <p class="lede">
            Enter your username or e-mail address and we will send you a link to choose a new password.
          </p>
          <ErrorSummary errors={errors} />
          <Form action="/password/forgot" csrfToken={page.csrfToken}>
            <Field
              name="login"
              label="Username or e-mail"
              values={values}
              errors={errors}
              required
              autocomplete="username"
            />
            <button type="submit" class="button button--primary">
              Send reset link
            </button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function ResetPasswordPage({
  page,
  errors,
  token,
  valid,
}: FormPageProps & { token: string; valid: boolean }) {
  return (
    <Layout page={page} title="Choose a new password">
      <h1>Choose a new password</h1>
      {valid ? (
        <>
          <ErrorSummary errors={errors} />
          <Form action="/password/reset" csrfToken={page.csrfToken}>
            <input type="hidden" name="token" value={token} />
            <NewPasswordFields errors={errors} label="New password" />
            <button type="submit" class="button button--primary">
              Set new password
            </button>
          </Form>
        </>
      ) : (
        <p class="notice notice--error" role="alert">
          This password reset link has expired or was already used.{' '}
          <a href="/password/forgot">Ask for a new link</a>.
        </p>
      )}
    </Layout>
  );
}

export function DeleteAccountPage({ page, values, errors }: FormPageProps) {
  const works = values?.works;
  return (
    <Layout page={page} title="Delete your account">
      <h1>Delete your account</h1>
      <p class="lede">This cannot be undone. Your pseuds, journal and settings will be deleted.</p>
      <ErrorSummary errors={errors} />
      <Form action="/account/delete" csrfToken={page.csrfToken}>
        <fieldset class={`field${errors?.works ? ' field--error' : ''}`}>
          <legend>What should happen to your works?</legend>
          {errors?.works && <p class="field__error">{errors.works}</p>}
          <div class="field--radio">
            <input
              type="radio"
              id="f-works-orphan"
              name="works"
              value="orphan"
              checked={works !== 'delete'}
            />
            <label for="f-works-orphan">
              <strong>Orphan them</strong>: keep them on the archive under the “orphan_account” name, no
              longer linked to you.
            </label>
          </div>
          <div class="field--radio">
            <input
              type="radio"
              id="f-works-delete"
              name="works"
              value="delete"
              checked={works === 'delete'}
            />
            <label for="f-works-delete">
              <strong>Delete them</strong> with my account.
            </label>
          </div>
        </fieldset>
        <Field
          name="current_password"
          label="Your password, to confirm"
          type="password"
          errors={errors}
          required
          autocomplete="current-password"
        />
        <button type="submit" class="button button--danger">
          Delete my account
        </button>
      </Form>
    </Layout>
  );
}
