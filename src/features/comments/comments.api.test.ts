import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { callApi } from '../../../test/client.ts';
import { eachDialect } from '../../../test/harness.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { type Cast, makeCast, makeEntry, makeWork } from './comments.fixtures.ts';

eachDialect('the comments API', (env) => {
  let cast: Cast;
  const ctx = () => env().ctx;

  before(async () => {
    cast = await makeCast(ctx());
  });

  it('the API: post, list with visibility, one, edit, delete, JSON errors, OpenAPI', async () => {
    const { workId, chapterIds } = await makeWork(ctx(), cast.author, {}, 2);
    const token = (await createToken(ctx(), cast.reader.id, 'test')).token;
    const authorToken = (await createToken(ctx(), cast.author.id, 'test')).token;
    const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, auth?: string) =>
      callApi(env().app, method, url, { token: auth, payload });
    const posted = await api(
      'POST',
      `/works/${workId}/comments`,
      { body: 'Via the API', chapterId: chapterIds[0] },
      token,
    );
    assert.equal(posted.status, 201);
    assert.equal(posted.body.author, cast.reader.username);
    assert.equal(posted.body.chapterId, chapterIds[0]);
    assert.equal(posted.body.body, '<p>Via the API</p>');
    const reply = await api(
      'POST',
      `/works/${workId}/comments`,
      { body: 'Reply', parentId: posted.body.id },
      authorToken,
    );
    assert.equal(reply.status, 201);
    assert.equal(reply.body.depth, 1);
    const empty = await api('POST', `/works/${workId}/comments`, { body: '' }, token);
    assert.equal(empty.status, 422);
    assert.equal(empty.body.error.field, 'body');
    const anonymous = await api('POST', `/works/${workId}/comments`, { body: 'Hi' });
    assert.equal(anonymous.status, 401);

    const list = await api('GET', `/works/${workId}/comments`);
    assert.equal(list.body.total, 2);
    assert.deepEqual(
      list.body.comments.map((c: { id: number; parentId: number | null }) => [c.id, c.parentId]),
      [
        [posted.body.id, null],
        [reply.body.id, posted.body.id],
      ],
    );
    const chapterTwo = await api('GET', `/works/${workId}/comments?chapterId=${chapterIds[1]}`);
    assert.equal(chapterTwo.body.total, 0);

    const entryId = await makeEntry(ctx(), cast.author, { screening: 'all' });
    const screened = await api('POST', `/entries/${entryId}/comments`, { body: 'Quietly' }, token);
    assert.equal(screened.status, 201);
    assert.equal(screened.body.state, 'screened');
    assert.equal((await api('GET', `/entries/${entryId}/comments`)).body.total, 0, 'guests do not see it');
    assert.equal((await api('GET', `/comments/${screened.body.id}`)).status, 404);
    const ownerToken = authorToken;
    const ownerList = await env().app.inject({
      method: 'GET',
      url: `/api/v1/entries/${entryId}/comments`,
      headers: { authorization: `Bearer ${ownerToken}` },
    });
    assert.equal(ownerList.json().total, 1);

    const edited = await api('PATCH', `/comments/${posted.body.id}`, { body: 'Edited via API' }, token);
    assert.equal(edited.status, 200);
    assert.ok(edited.body.editedAt);
    const notYours = await api('PATCH', `/comments/${posted.body.id}`, { body: 'x' }, authorToken);
    assert.equal(notYours.status, 403);
    const removed = await api('DELETE', `/comments/${posted.body.id}`, undefined, token);
    assert.equal(removed.status, 200);
    const stub = await api('GET', `/comments/${posted.body.id}`);
    assert.equal(stub.body.deleted, true);
    assert.equal(stub.body.body, '');
    const thread = await api('DELETE', `/comments/${posted.body.id}?thread=true`, undefined, authorToken);
    assert.equal(thread.status, 200);
    assert.equal((await api('GET', `/works/${workId}/comments`)).body.total, 0);

    const doc = (await env().app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/works/{id}/comments',
      '/api/v1/entries/{id}/comments',
      '/api/v1/comments/{id}',
    ])
      assert.ok(doc.paths[path], path);
    assert.ok(doc.paths['/api/v1/works/{id}/comments'].post.requestBody);
  });
});
