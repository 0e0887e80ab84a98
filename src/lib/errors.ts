/** The one error type. Rendered as an HTML page or `{ error: { code, message, field? } }`. */
export class QuireError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'QuireError';
  }
}

/** Field errors of a form: shown beside each field, the form kept as typed. */
export type FieldErrors = Record<string, string>;

export class ValidationError extends QuireError {
  constructor(readonly fields: FieldErrors) {
    const [field, message] = Object.entries(fields)[0] ?? ['form', 'Invalid input'];
    super('invalid_input', 422, message, field);
    this.name = 'ValidationError';
  }
}

export const notFound = (what = 'Page') => new QuireError('not_found', 404, `${what} not found.`);
export const forbidden = (message = 'You do not have permission to do that.') =>
  new QuireError('forbidden', 403, message);
export const unauthorized = (message = 'Please log in to continue.') =>
  new QuireError('unauthorized', 401, message);
