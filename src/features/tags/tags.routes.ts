import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { QuireError } from '../../lib/errors.ts';
import { zodFieldErrors } from '../../lib/validation.ts';
import { toQuireError } from '../../web/errors.tsx';
import { suggestTags } from '../browse/tag-suggestions.ts';
import { autocompleteQuerySchema } from './tags.autocomplete.schema.ts';

const autocompleteQuery = autocompleteQuerySchema;

/** This JSON endpoint answers errors in JSON too, in the one error shape (as the API does). */
function jsonError(error: Error, request: FastifyRequest, reply: FastifyReply) {
  const quireError = toQuireError(error);
  if (quireError.status >= 500) request.log.error({ err: error }, 'request failed');
  const body: { code: string; message: string; field?: string } = {
    code: quireError.code,
    message: quireError.message,
  };
  if (quireError.field) body.field = quireError.field;
  return reply.code(quireError.status).send({ error: body });
}

/** Tag look-ups for the posting form's tag fields (src/web/client/autocomplete.ts). */
export function tagRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/tags/autocomplete', { errorHandler: jsonError }, async (request, reply) => {
    const parsed = autocompleteQuery.safeParse(request.query ?? {});
    if (!parsed.success) {
      const [field, message] = Object.entries(zodFieldErrors(parsed.error))[0] ?? ['q', 'Invalid query.'];
      throw new QuireError('invalid_input', 400, message, field);
    }
    const tags = await suggestTags(ctx, request.viewer, parsed.data.type, parsed.data.q);
    // What a viewer may see depends on who they are: cached only by their own browser, briefly.
    return reply.header('cache-control', 'private, max-age=60').header('vary', 'Cookie').send({ tags });
  });
}
