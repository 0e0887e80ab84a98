import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { createPseud, deletePseud, updatePseud } from '../pseuds/pseuds.service.ts';
import { readWork } from './works.read.ts';
import { postWork } from './works.service.ts';

/** A guest's view of a page, once it shows `expected` (PostgreSQL's cache hears of changes by NOTIFY). */
async function guestSees(client: TestClient, url: string, expected: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  let text = textOf((await client.get(url)).body);
  while (!expected.test(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    text = textOf((await client.get(url)).body);
  }
  return text;
}

eachDialect('works of a pseud', (env) => {
  it('follow a renamed pseud on cached pages, and move to the default pseud when theirs is deleted', async () => {
    const writer = await makeUser(env().ctx);
    const pseud = await createPseud(env().ctx, writer.id, { name: 'Kestrel', description: '' });
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ pseudIds: [pseud.id] }));
    const guest = new TestClient(env().app);
    assert.match(textOf((await guest.get(`/works/${workId}`)).body), /Kestrel/);

    await updatePseud(env().ctx, writer.id, pseud.id, { name: 'Kestrelwing', description: '' });
    assert.match(await guestSees(guest, `/works/${workId}`, /Kestrelwing/), /Kestrelwing/);

    await deletePseud(env().ctx, writer.id, pseud.id);
    const view = await readWork(env().ctx, null, workId);
    assert.deepEqual(view.creators, [{ pseud: writer.username, username: writer.username }]);
    const page = await guestSees(guest, `/works/${workId}`, new RegExp(`by ${writer.username}`));
    assert.doesNotMatch(page, /Kestrelwing/);
  });
});
