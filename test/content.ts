import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../src/context.ts';
import { createToken } from '../src/features/tokens/tokens.service.ts';
import { makeUser } from './factories.ts';
import { seedWorkInput } from './seed.ts';

/** Calls the JSON API in-process with a bearer token; throws unless the status is the expected one. */
export async function apiCall<T = Record<string, unknown>>(
  app: FastifyInstance,
  token: string,
  method: 'POST' | 'GET' | 'PUT',
  url: string,
  body?: unknown,
  expected = method === 'POST' ? 201 : 200,
): Promise<T> {
  const response = await app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    payload: body ? JSON.stringify(body) : undefined,
  });
  if (response.statusCode !== expected)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  return response.json() as T;
}

/**
 * A small archive with one of each thing an export or backup must carry: two writers with a posted
 * work each (one with a draft chapter), a draft work, a public and a private entry, comments, a
 * forum thread with a reply.
 */
export async function seedSmallArchive(ctx: AppContext, app: FastifyInstance) {
  const admin = await makeUser(ctx, { role: 'admin' });
  const ann = await makeUser(ctx);
  const ben = await makeUser(ctx);
  const token = async (id: number) => (await createToken(ctx, id, 'content')).token;
  const [adminToken, annToken, benToken] = [await token(admin.id), await token(ann.id), await token(ben.id)];
  const annWork = await apiCall<{ id: number }>(app, annToken, 'POST', '/works', {
    ...seedWorkInput({ title: 'Ann’s Symphony' }),
  });
  await apiCall(app, annToken, 'POST', `/works/${annWork.id}/chapters`, {
    title: 'Coda',
    body: 'A draft chapter.',
    format: 'text',
    draft: true,
  });
  const annDraft = await apiCall<{ id: number }>(app, annToken, 'POST', '/works', {
    ...seedWorkInput({ title: 'Ann’s Unfinished Draft', draft: true }),
  });
  const benWork = await apiCall<{ id: number }>(app, benToken, 'POST', '/works', {
    ...seedWorkInput({ title: 'Ben’s Étude', series: undefined }),
  });
  await apiCall(app, annToken, 'POST', `/journals/${ann.username}/entries`, {
    subject: 'A public entry',
    body: '<p>Hello, <em>world</em>.</p>',
    security: 'public',
    tags: 'meta, fic',
  });
  await apiCall(app, annToken, 'POST', `/journals/${ann.username}/entries`, {
    subject: 'A private entry',
    body: 'Only for me.',
    security: 'private',
  });
  const benComment = await apiCall<{ id: number }>(app, benToken, 'POST', `/works/${annWork.id}/comments`, {
    body: 'Ben loved it.',
  });
  await apiCall(app, annToken, 'POST', `/works/${benWork.id}/comments`, { body: 'Ann returns the favour.' });
  const board = await apiCall<{ id: number }>(app, adminToken, 'POST', '/boards', { name: 'Chat' });
  const thread = await apiCall<{ id: number }>(app, annToken, 'POST', `/boards/${board.id}/threads`, {
    title: 'Hello, board',
    body: 'First post by Ann.',
  });
  await apiCall(app, benToken, 'POST', `/threads/${thread.id}/posts`, { body: 'A reply by Ben.' });
  return { admin, ann, ben, annWork, annDraft, benWork, benComment, board, thread, annToken, benToken };
}
