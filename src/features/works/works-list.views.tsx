import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Html, Prerendered } from '../../web/html.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { Blurb } from './blurbs.ts';
import { type SafeHtml, trustedHtml } from '../../lib/safe-html.ts';

function Tags({ work, kind }: { work: Blurb; kind: 'relationship' | 'character' | 'freeform' }) {
  return (
    <>
      {work.tags[kind].map((tag, i) => (
        <li class={`tag tag--${kind}`} key={`${kind}:${tag}`}>
          <TagLink id={work.tagIds[kind][i]} name={tag} />
        </li>
      ))}
    </>
  );
}

function TagLink({ id, name }: { id: number | undefined; name: string }) {
  return id ? <a href={`/tags/${id}/works`}>{name}</a> : <>{name}</>;
}

/**
 * AO3's stats line: Language, Words, Chapters n/m, Comments, Kudos, Bookmarks (linked to the work's
 * bookmarks), Hits. Counts of zero are left out, as on AO3, except words and chapters.
 */
export function StatsLine({
  work,
  language = true,
}: {
  /** The work page shows the language in its own row. */
  language?: boolean;
  work: Pick<
    Blurb,
    | 'id'
    | 'language'
    | 'word_count'
    | 'posted_chapters'
    | 'expected_chapters'
    | 'comment_count'
    | 'kudos_count'
    | 'bookmark_count'
    | 'hits'
  >;
}) {
  const n = formatCount;
  return (
    <>
      {language && <span>Language: {work.language}</span>}
      <span>Words: {n(work.word_count)}</span>
      <span>
        Chapters: {work.posted_chapters}/{work.expected_chapters ?? '?'}
      </span>
      {work.comment_count > 0 && <span>Comments: {n(work.comment_count)}</span>}
      {work.kudos_count > 0 && <span>Kudos: {n(work.kudos_count)}</span>}
      {work.bookmark_count > 0 && (
        <span>
          Bookmarks: <a href={`/works/${work.id}/bookmarks`}>{n(work.bookmark_count)}</a>
        </span>
      )}
      <span>Hits: {n(work.hits)}</span>
    </>
  );
}

/** A count as `toLocaleString('en')` writes an integer (1,234,567), without a formatter per call. */
export function formatCount(value: number): string {
  if (!Number.isInteger(value)) return value.toLocaleString('en');
  const digits = String(value);
  return Math.abs(value) < 1000 ? digits : digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Blurbs rendered before, by the decoration they were rendered with (blurbs.ts keeps one per work
 * version, so a work listed again brings the same one), with the row's values they showed: a blurb
 * is a pure function of those, so one whose values match is the same markup. Held weakly: a
 * decoration no longer kept takes its markup with it.
 */
const rendered = new WeakMap<object, { key: string; html: SafeHtml }>();

/**
 * What a blurb's kept part (all but its stats line) shows besides its tags and creators that may
 * differ between renderings with one decoration. The title and summary are not in it: an edit to them
 * stamps `updated_at`, so it comes with a new decoration (and leaving them out keeps each kept blurb
 * to its markup alone). The stats line is not kept: hits, kudos and comments change far more often
 * than anything else a blurb shows, and a listing's blurbs would otherwise be rendered again whole.
 */
const blurbKey = (w: Blurb) => `${w.id}|${w.revised_at}|${w.complete}|${w.restricted}|${w.posted}`;

/**
 * A string of one piece. Rendering joins hundreds of small strings, and V8 keeps the joined string
 * as a tree of them (~10 times its length in memory) until something reads its characters; kept
 * markup is read now, so it is kept as one flat string.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/**
 * AO3's blurb: title, creators, fandoms, the required tags, every other tag, summary and stats;
 * `children` (a reading's facts and buttons…) come last.
 */
export function WorkBlurb({ work, children }: { work: Blurb; children?: ComponentChildren }) {
  if (children !== undefined && children !== null && children !== false)
    return (
      <li class="blurb">
        <BlurbBody work={work} />
        {children}
      </li>
    );
  const key = blurbKey(work);
  let kept = rendered.get(work.tags);
  if (kept?.key !== key) {
    kept = { key: flat(key), html: trustedHtml(flat(renderToString(<BlurbHead work={work} />))) };
    rendered.set(work.tags, kept);
  }
  const stats = renderToString(<BlurbStats work={work} />);
  return <Prerendered as="li" class="blurb" html={trustedHtml(kept.html + stats)} />;
}

function BlurbBody({ work }: { work: Blurb }) {
  return (
    <>
      <BlurbHead work={work} />
      <BlurbStats work={work} />
    </>
  );
}

function BlurbStats({ work }: { work: Blurb }) {
  return (
    <p class="blurb__stats work-stats">
      <StatsLine work={work} />
    </p>
  );
}

/** All of a blurb but its stats line. */
function BlurbHead({ work }: { work: Blurb }) {
  const { tags } = work;
  const headingId = `work-${work.id}-title`;
  return (
    <>
      <div class="blurb__header">
        <h2 class="blurb__title" id={headingId}>
          <a href={`/works/${work.id}`}>{work.title}</a>
          {work.creators.length > 0 && (
            <span class="blurb__by">
              {' '}
              by{' '}
              {work.creators.map((c, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`/users/${c.username}`} key={c.username + c.pseud}>
                    {c.pseud === c.username ? c.pseud : `${c.pseud} (${c.username})`}
                  </a>
                </>
              ))}
            </span>
          )}
          {work.posted === 0 && <span class="badge">Draft</span>}
          {work.restricted === 1 && <span class="badge">Registered users only</span>}
        </h2>
        {work.revised_at && (
          <span class="blurb__date">
            Updated <Time iso={work.revised_at} />
          </span>
        )}
      </div>
      <p class="blurb__fandoms">
        {tags.fandom.map((f, i) => (
          <>
            {i > 0 && ', '}
            <TagLink id={work.tagIds.fandom[i]} name={f} key={f} />
          </>
        ))}
      </p>
      <p class="blurb__required">
        <span class="badge">{tags.rating[0] ?? 'Not Rated'}</span>{' '}
        {tags.warning.map((w) => (
          <span class="badge badge--warning" key={w}>
            {w}
          </span>
        ))}{' '}
        {tags.category.length > 0 && <span class="badge">{tags.category.join(', ')}</span>}{' '}
        <span class="badge">{work.complete ? 'Complete' : 'Work in progress'}</span>
      </p>
      {tags.relationship.length + tags.character.length + tags.freeform.length > 0 && (
        <ul class="tag-list blurb__tags" aria-label="Tags">
          <Tags work={work} kind="relationship" />
          <Tags work={work} kind="character" />
          <Tags work={work} kind="freeform" />
        </ul>
      )}
      {work.summary && (
        <blockquote class="blurb__summary userstuff">
          <Html html={work.summary as SafeHtml} />
        </blockquote>
      )}
    </>
  );
}

/** What a listing offers besides its works: the fandom index, and posting or importing for writers. */
export function WorksActions({ page }: { page: PageContext }) {
  return (
    <>
      <a href="/media">Browse fandoms</a>.{' '}
      {page.viewer && (
        <>
          <a class="button button--primary" href="/works/new">
            Post a new work
          </a>{' '}
          <a class="button" href="/import">
            Import a fic
          </a>
        </>
      )}
    </>
  );
}
