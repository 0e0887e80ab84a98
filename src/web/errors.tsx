import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { unavailableKind, type UnavailableKind } from '../db/unavailable.ts';
import { QuireError } from '../lib/errors.ts';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';
import { sendPage } from './render.ts';
import { RETRY_AFTER_SECONDS } from './security/outage.ts';

const TITLES: Record<number, string> = {
  400: 'Something is wrong with that request',
  401: 'Please log in',
  403: 'You can’t do that',
  404: 'Page not found',
  409: 'That can’t be done right now',
  413: 'That is too large',
  422: 'Please check what you entered',
  429: 'Slow down a little',
  500: 'Something went wrong on our side',
  503: 'Quire can’t save right now',
};

const UNAVAILABLE: Record<UnavailableKind, string> = {
  full: 'The site’s storage is full, so nothing was saved (nothing was half-written). Please go back, keep what you typed, and try again in a few minutes.',
  read_only:
    'The site is read-only for the moment (maintenance), so nothing was saved (nothing was half-written). Reading still works. Please go back, keep what you typed, and try again in a few minutes.',
  unreachable:
    'Quire cannot reach its database right now, so nothing was saved (nothing was half-written). Please go back, keep what you typed, and try again in a few minutes.',
};

/** Turns any error into the one error shape: a QuireError with code, status and message. */
export function toQuireError(error: FastifyError | Error): QuireError {
  if (error instanceof QuireError) return error;
  const unavailable = unavailableKind(error);
  if (unavailable) return new QuireError('unavailable', 503, UNAVAILABLE[unavailable]);
  const e = error as FastifyError;
  if (e.code === 'FST_CSRF_INVALID_TOKEN' || e.code === 'FST_CSRF_MISSING_SECRET') {
    return new QuireError(
      'csrf_failed',
      403,
      'This form has expired or did not come from this site. Please go back, reload the page and try again.',
    );
  }
  if (e.statusCode === 429) return new QuireError('rate_limited', 429, e.message);
  if (e.validation) return new QuireError('invalid_input', 400, e.message);
  if (e.statusCode === 413) {
    return new QuireError(
      'too_large',
      413,
      'That is more than Quire accepts in one request. Please shorten it (or split it in two) and try again.',
    );
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new QuireError('bad_request', e.statusCode, e.message);
  }
  return new QuireError(
    'internal_error',
    500,
    'Sorry, something went wrong. It has been logged; please try again.',
  );
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** The one error handler: JSON for the API, an HTML page for everything else. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const quireError = toQuireError(error);
  if (quireError.code === 'unavailable') {
    request.server.outage?.failed(request.log, error, unavailableKind(error)!);
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  } else if (quireError.status >= 500) request.log.error({ err: error }, 'request failed');
  if (isApiRequest(request)) {
    const body: { code: string; message: string; field?: string } = {
      code: quireError.code,
      message: quireError.message,
    };
    if (quireError.field) body.field = quireError.field;
    return reply.code(quireError.status).send({ error: body });
  }
  return sendPage(reply, <ErrorPage request={request} reply={reply} error={quireError} />, quireError.status);
}

function ErrorPage({
  request,
  reply,
  error,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  error: QuireError;
}) {
  const title = TITLES[error.status] ?? 'Something went wrong';
  const page = pageContext(request, reply);
  return (
    <Layout page={page} title={title}>
      <article class="error-page">
        <p class="error-page__status">Error {error.status}</p>
        <h1>{title}</h1>
        <p>{error.message}</p>
        {error.status === 401 && (
          <p>
            <a class="button" href={`/login?return_to=${encodeURIComponent(request.url)}`}>
              Log in
            </a>
          </p>
        )}
        <p>
          <a href="/">Go to the front page</a>
        </p>
      </article>
    </Layout>
  );
}
