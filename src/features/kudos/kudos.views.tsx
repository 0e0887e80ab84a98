import { Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { giversInWords, type KudosSummary } from './kudos.service.ts';

const profile = (username: string) => `/users/${encodeURIComponent(username)}`;

/** "Clark, Lois and 2 guests left kudos on this work!", names linked to their profiles. */
export function KudosGivers({ summary }: { summary: Pick<KudosSummary, 'users' | 'guests'> }) {
  const { users, guests } = summary;
  if (users.length === 0 && guests === 0) return <p class="kudos__givers muted">No kudos yet.</p>;
  const guestPart = guests === 0 ? null : giversInWords(users.length ? ['x'] : [], guests).at(-1);
  const items = [
    ...users.map((u) => (
      <a href={profile(u.username)} key={u.id}>
        {u.username}
      </a>
    )),
    ...(guestPart ? [<>{guestPart}</>] : []),
  ];
  return (
    <p class="kudos__givers">
      {items.map((item, i) => (
        <>
          {i > 0 && (i === items.length - 1 ? ' and ' : ', ')}
          {item}
        </>
      ))}{' '}
      left kudos on this work!
    </p>
  );
}

/**
 * Below a work: the "Kudos ♥" button and who left kudos. Signed-in readers get the form itself; a
 * guest's page is cached and carries no form (no CSRF cookie), so guests get a link to a small page
 * with the form.
 */
export function KudosPanel({
  page,
  workId,
  summary,
}: {
  page: PageContext;
  workId: number;
  summary: KudosSummary;
}) {
  const action = `/works/${workId}/kudos`;
  return (
    <section class="kudos card" id="kudos" aria-labelledby="kudos-title">
      <h2 id="kudos-title">Kudos</h2>
      {summary.canLeave &&
        (summary.left ? (
          <p class="muted">You left kudos on this work.</p>
        ) : page.viewer ? (
          <Form action={action} csrfToken={page.csrfToken} class="inline-form">
            <button type="submit" class="button button--primary">
              Kudos ♥
            </button>
          </Form>
        ) : (
          <p>
            <a class="button button--primary" href={action}>
              Kudos ♥
            </a>
          </p>
        ))}
      <KudosGivers summary={summary} />
    </section>
  );
}

/** A guest's step before leaving kudos, and where a refused kudos is explained. */
export function KudosPage({
  page,
  work,
  summary,
  error,
}: {
  page: PageContext;
  work: { id: number; title: string };
  summary: KudosSummary;
  error?: string;
}) {
  return (
    <Layout page={page} title={`Kudos - ${work.title}`}>
      <h1>
        Kudos for <a href={`/works/${work.id}`}>{work.title}</a>
      </h1>
      {error && (
        <p class="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {summary.canLeave && !summary.left && !error && (
        <Form action={`/works/${work.id}/kudos`} csrfToken={page.csrfToken} class="form form--compact">
          <p>Let the creators know you enjoyed this work.</p>
          <button type="submit" class="button button--primary">
            Kudos ♥
          </button>
        </Form>
      )}
      <KudosGivers summary={summary} />
      <p>
        <a href={`/works/${work.id}`}>Back to the work</a>
      </p>
    </Layout>
  );
}
