import type { z } from 'zod';
import { type FieldErrors, QuireError, ValidationError } from '../lib/errors.ts';
import { zodFieldErrors } from '../lib/validation.ts';

export { zodFieldErrors };

export type FormOutcome<R> = { ok: true; result: R } | { ok: false; errors: FieldErrors; status: number };

/**
 * Validates a submitted form with its zod schema and runs the action. Field errors (from
 * the schema or from the service) come back so the route can show the form again, with
 * what was typed, and each error beside its field. Other errors propagate.
 */
export async function submitForm<S extends z.ZodType, R>(
  schema: S,
  input: unknown,
  action: (data: z.infer<S>) => Promise<R>,
): Promise<FormOutcome<R>> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error), status: 422 };
  try {
    return { ok: true, result: await action(parsed.data) };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, errors: error.fields, status: 422 };
    if (error instanceof QuireError && error.field) {
      return { ok: false, errors: { [error.field]: error.message }, status: error.status };
    }
    throw error;
  }
}

/** The submitted strings, minus secrets, to refill a form. */
export function keptValues(input: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && !/password|_csrf|token/.test(key)) values[key] = value;
  }
  return values;
}

/** All form values, arrays kept (checkbox groups), secrets dropped. */
export function formValues(body: unknown): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = { ...keptValues(body) };
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) values[key] = value.map(String);
  }
  return values;
}
