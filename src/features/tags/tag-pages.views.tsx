import type { FieldErrors } from '../../lib/errors.ts';
import { Checkbox, ErrorSummary, Field, Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { Blurb } from '../works/blurbs.ts';
import { WorkBlurb } from '../works/works-list.views.tsx';
import { MEDIA } from './media.ts';
import type { TagRow } from './tag-pages.repository.ts';

const TYPE_NAMES: Record<TagRow['type'], string> = {
  rating: 'Rating',
  warning: 'Archive Warning',
  category: 'Category',
  fandom: 'Fandom',
  relationship: 'Relationship',
  character: 'Character',
  freeform: 'Additional Tag',
};

export const tagUrl = (tag: { id: number }) => `/tags/${tag.id}`;

function TagLinks({ label, tags }: { label: string; tags: TagRow[] }) {
  if (tags.length === 0) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <ul class="tag-list">
          {tags.map((t) => (
            <li class="tag" key={t.id}>
              <a href={tagUrl(t)}>{t.name}</a>
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

type Family = Record<'synonyms' | 'fandoms' | 'metatags' | 'subtags' | 'members', TagRow[]>;

/** A tag: what it is, its family, and the works filed under it (synonyms and subtags included). */
export function TagPage(props: {
  page: PageContext;
  tag: TagRow;
  family: Family;
  works: Blurb[];
  total: number;
  pageNumber: number;
  pages: number;
  canWrangle: boolean;
}) {
  const { page, tag, family, works, total, pageNumber, pages } = props;
  const status = tag.canonical ? 'Canonical' : 'Not yet wrangled';
  return (
    <Layout page={page} title={tag.name} width="wide">
      <h1>{tag.name}</h1>
      <p class="lede">
        {TYPE_NAMES[tag.type]} · {status}
        {tag.media && <> · {tag.media}</>}
        {props.canWrangle && (
          <>
            {' '}
            <a class="button" href={`${tagUrl(tag)}/edit`}>
              Wrangle
            </a>
          </>
        )}
      </p>
      <dl class="work-meta">
        <TagLinks label="Fandoms:" tags={family.fandoms} />
        <TagLinks label="Metatags:" tags={family.metatags} />
        <TagLinks label="Subtags:" tags={family.subtags} />
        <TagLinks label="Synonyms:" tags={family.synonyms} />
        <TagLinks label="Characters, relationships and tags in this fandom:" tags={family.members} />
      </dl>
      <h2>
        {total.toLocaleString('en')} {total === 1 ? 'work' : 'works'}
      </h2>
      {works.length === 0 ? (
        <p>No works you can see are filed under this tag yet.</p>
      ) : (
        <ol class="blurbs">
          {works.map((w) => (
            <WorkBlurb work={w} key={w.id} />
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          {pageNumber > 1 && <a href={`${tagUrl(tag)}?page=${pageNumber - 1}`}>← Newer</a>}
          <span>
            Page {pageNumber} of {pages}
          </span>
          {pageNumber < pages && <a href={`${tagUrl(tag)}?page=${pageNumber + 1}`}>Older →</a>}
        </nav>
      )}
    </Layout>
  );
}

/** The wrangler's form for one tag. */
export function WrangleTagPage(props: {
  page: PageContext;
  tag: TagRow;
  values: Record<string, string>;
  errors?: FieldErrors;
}) {
  const { page, tag, values, errors } = props;
  const heading = `Wrangle “${tag.name}”`;
  return (
    <Layout page={page} title={heading}>
      <h1>{heading}</h1>
      <p class="lede">{TYPE_NAMES[tag.type]}. Works are re-indexed in the background after you save.</p>
      <ErrorSummary errors={errors} />
      <Form action={`${tagUrl(tag)}/edit`} csrfToken={page.csrfToken}>
        <Checkbox
          name="canonical"
          label="Canonical (shown in filters and autocomplete)"
          checked={values.canonical === '1'}
        />
        <Field
          name="synonymOf"
          label="Synonym of"
          values={values}
          errors={errors}
          hint="The canonical tag this one means; works tagged with it are then found under that tag."
        />
        {tag.type !== 'fandom' && (
          <Field
            name="fandoms"
            label="Parent fandoms"
            values={values}
            errors={errors}
            hint="Canonical fandoms, separated by commas."
          />
        )}
        <Field
          name="metatags"
          label="Metatags"
          values={values}
          errors={errors}
          hint="Broader canonical tags of the same type, separated by commas."
        />
        {tag.type === 'fandom' && (
          <div class="field">
            <label for="f-media">Medium</label>
            <select id="f-media" name="media">
              <option value="">(none)</option>
              {MEDIA.map((m) => (
                <option key={m} value={m} selected={values.media === m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
        )}
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Save
          </button>
        </p>
      </Form>
    </Layout>
  );
}

/** The wrangling queue: tags nobody has wrangled yet, most used first. */
export function WranglingPage(props: {
  page: PageContext;
  tags: { id: number; type: string; name: string; uses: number }[];
}) {
  return (
    <Layout page={props.page} title="Wrangling" width="wide">
      <h1>Tags to wrangle</h1>
      <p class="lede">Tags that are neither canonical nor a synonym yet, the most used first.</p>
      {props.tags.length === 0 ? (
        <p>Nothing to wrangle. Well done.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Type</th>
              <th scope="col">Works</th>
            </tr>
          </thead>
          <tbody>
            {props.tags.map((t) => (
              <tr key={t.id}>
                <td>
                  <a href={`/tags/${t.id}/edit`}>{t.name}</a>
                </td>
                <td>{TYPE_NAMES[t.type as TagRow['type']]}</td>
                <td>{Number(t.uses).toLocaleString('en')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** Fandoms by medium, with how many works each has. */
export function MediaPage(props: {
  page: PageContext;
  fandoms: { id: number; name: string; media: string | null; works: number }[];
}) {
  const groups = [...MEDIA, null].map((media) => ({
    media: media ?? 'Not yet sorted',
    fandoms: props.fandoms.filter((f) => (f.media ?? null) === media),
  }));
  return (
    <Layout page={props.page} title="Fandoms" width="wide">
      <h1>Fandoms</h1>
      {groups
        .filter((g) => g.fandoms.length > 0)
        .map((group) => (
          <section
            class="card"
            key={group.media}
            aria-labelledby={`media-${group.media.replace(/\W+/g, '-')}`}
          >
            <h2 id={`media-${group.media.replace(/\W+/g, '-')}`}>{group.media}</h2>
            <ul class="fandom-index">
              {group.fandoms.map((f) => (
                <li key={f.id}>
                  <a href={tagUrl(f)}>{f.name}</a>{' '}
                  <span class="muted">({Number(f.works).toLocaleString('en')})</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </Layout>
  );
}
