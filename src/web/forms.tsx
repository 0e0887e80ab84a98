import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FieldErrors } from '../lib/errors.ts';

/**
 * Things to check, by field name (an import marks what it was unsure of): shown beside each field
 * like a hint, highlighted, and announced with it. A context, so any form can be wrapped in one.
 */
export const FieldNotices = createContext<Record<string, string>>({});

/** The notice beside a field, and the id that describes it. */
export function FieldNotice({ id, name }: { id: string; name: string }) {
  const notice = useContext(FieldNotices)[name];
  return notice ? (
    <p class="field__notice" id={`${id}-notice`}>
      {notice}
    </p>
  ) : null;
}

function describedBy(id: string, name: string, hint: unknown, error: unknown): string | undefined {
  const notice = useContext(FieldNotices)[name];
  return (
    [hint ? `${id}-hint` : '', notice ? `${id}-notice` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined
  );
}

/** A field's classes: marked when it has an error or a notice. */
export function fieldClass(name: string, error: unknown, base = 'field'): string {
  const notice = useContext(FieldNotices)[name];
  return `${base}${error ? ' field--error' : ''}${notice ? ' field--notice' : ''}`;
}

export type FormValues = Record<string, string | undefined>;

interface FieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'url';
  values?: FormValues;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  autocomplete?: string;
  autofocus?: boolean;
  /** `data-*` hooks on the input or textarea for the page's scripts (src/web/client/). */
  data?: Record<`data-${string}`, string>;
}

/** A labelled input with its hint and its error beside it; keeps what was typed (never passwords). */
export function Field({
  name,
  label,
  type = 'text',
  values,
  errors,
  hint,
  required,
  maxLength,
  autocomplete,
  data,
}: FieldProps) {
  const id = `f-${name}`;
  const error = errors?.[name];
  return (
    <div class={fieldClass(name, error)}>
      <label for={id}>
        {label}
        {required && <span class="field__required"> (required)</span>}
      </label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldNotice id={id} name={name} />
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : (values?.[name] ?? '')}
        required={required}
        maxLength={maxLength}
        autoComplete={autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, name, hint, error)}
        {...data}
      />
    </div>
  );
}

export function TextArea({
  name,
  label,
  values,
  errors,
  hint,
  maxLength,
  rows = 6,
  data,
}: FieldProps & { rows?: number }) {
  const id = `f-${name}`;
  const error = errors?.[name];
  return (
    <div class={fieldClass(name, error)}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldNotice id={id} name={name} />
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, name, hint, error)}
        {...data}
      >
        {values?.[name] ?? ''}
      </textarea>
    </div>
  );
}

export function Checkbox({ name, label, checked }: { name: string; label: string; checked?: boolean }) {
  return (
    <div class="field field--checkbox">
      <input id={`f-${name}`} type="checkbox" name={name} value="1" checked={checked} />
      <label for={`f-${name}`}>{label}</label>
    </div>
  );
}

/** One input per option, checkboxes or radio buttons, each with its label; those in `chosen` checked. */
export function ChoiceInputs({
  name,
  options,
  chosen,
  type,
}: {
  name: string;
  options: readonly string[];
  chosen: readonly string[];
  type: 'checkbox' | 'radio';
}) {
  return (
    <>
      {options.map((option, i) => (
        <div class={`field--${type}`} key={option}>
          <input
            type={type}
            id={`f-${name}-${i}`}
            name={name}
            value={option}
            checked={chosen.includes(option)}
          />
          <label for={`f-${name}-${i}`}>{option}</label>
        </div>
      ))}
    </>
  );
}

/** A POST form with its CSRF token. */
export function Form({
  action,
  csrfToken,
  children,
  class: className,
}: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form method="post" action={action} class={className ?? 'form'} noValidate>
      <input type="hidden" name="_csrf" value={csrfToken} />
      {children}
    </form>
  );
}

/** Lists a form's errors at the top so screen-reader users hear them first. */
export function ErrorSummary({ errors }: { errors?: FieldErrors }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">Please fix {entries.length === 1 ? 'this problem' : 'these problems'}:</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>{field === 'form' ? message : <a href={`#f-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}
