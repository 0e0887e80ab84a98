import type { FieldErrors } from '../../lib/errors.ts';
import { Checkbox, ErrorSummary, Field, Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { Blurb } from '../works/blurbs.ts';
import { formatCount, WorkBlurb } from '../works/works-list.views.tsx';
import { MEDIA } from './media.ts';
import type { QueueTag, TagRow } from './tag-pages.repository.ts';

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
            {tag.type === 'fandom' && (
              <>
                {' '}
                <a class="button" href={`/wrangling${queueQuery({ type: '', fandom: tag.name })}`}>
                  Tags to wrangle in this fandom
                </a>
              </>
            )}
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
        {formatCount(total)} {total === 1 ? 'work' : 'works'}
      </h2>
      {total > 0 && (
        <p>
          <a href={`${tagUrl(tag)}/works`}>Filter and sort these works</a>
        </p>
      )}
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
        {tag.type === 'fandom' && <MediumSelect label="Medium" values={values} errors={errors} />}
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Save
          </button>
        </p>
      </Form>
    </Layout>
  );
}

/** The types the wrangling queue can be narrowed to, in the order AO3's wrangling pages list them. */
const QUEUE_TYPES = [
  ['', 'All types'],
  ['fandom', 'Fandoms'],
  ['character', 'Characters'],
  ['relationship', 'Relationships'],
  ['freeform', 'Additional Tags'],
] as const;

/** A medium select with its error beside it (fandoms only). */
function MediumSelect(props: {
  label: string;
  values: Record<string, string | undefined>;
  errors?: FieldErrors;
  none?: string;
}) {
  const error = props.errors?.media;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for="f-media">{props.label}</label>
      {error && (
        <p class="field__error" id="f-media-error">
          {error}
        </p>
      )}
      <select
        id="f-media"
        name="media"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'f-media-error' : undefined}
      >
        <option value="">{props.none ?? '(none)'}</option>
        {MEDIA.map((m) => (
          <option key={m} value={m} selected={props.values.media === m}>
            {m}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One action of the bulk form: a radio button. */
function BulkAction(props: { value: string; label: string; checked: boolean }) {
  return (
    <div class="field--radio">
      <input
        type="radio"
        id={`f-action-${props.value}`}
        name="action"
        value={props.value}
        checked={props.checked}
      />
      <label for={`f-action-${props.value}`}>{props.label}</label>
    </div>
  );
}

/** The queue's filter as a query string (`?type=character&fandom=Smallville`), or ''. */
export function queueQuery(filter: { type: string; fandom: string }): string {
  const params = new URLSearchParams();
  if (filter.type) params.set('type', filter.type);
  if (filter.fandom) params.set('fandom', filter.fandom);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The wrangling queue: tags nobody has wrangled yet, most used first, narrowed to a type and a
 * fandom. Each row can be ticked; one action then applies to every ticked tag (a plain form, so
 * it works without JavaScript). After a refusal the ticks and the typed values are kept.
 */
export function WranglingPage(props: {
  page: PageContext;
  tags: QueueTag[];
  filter: { type: string; fandom: string };
  /** The fandom the queue is narrowed to, as stored; null when none or unknown. */
  fandom: string | null;
  limit: number;
  values?: Record<string, string>;
  ticked?: number[];
  errors?: FieldErrors;
}) {
  const { page, tags, filter, fandom, errors } = props;
  const values = props.values ?? {};
  const ticked = new Set(props.ticked ?? []);
  const title = fandom ? `Tags to wrangle in ${fandom}` : 'Tags to wrangle';
  const tickError = errors?.tagIds;
  const actionError = errors?.action;
  return (
    <Layout page={page} title={title} width="wide">
      <h1>{title}</h1>
      <p class="lede">
        Tags that are neither canonical nor a synonym yet, the most used first. Tick tags and choose what to
        do with all of them below, or follow a tag to wrangle it alone.
      </p>
      <form
        method="get"
        action="/wrangling"
        class="form form--inline"
        role="search"
        aria-label="Narrow the queue"
      >
        <div class="field">
          <label for="f-type">Type</label>
          <select id="f-type" name="type">
            {QUEUE_TYPES.map(([value, label]) => (
              <option key={value} value={value} selected={filter.type === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-fandom">Fandom</label>
          <input id="f-fandom" type="search" name="fandom" value={filter.fandom} maxLength={150} />
        </div>
        <button type="submit" class="button">
          Show
        </button>
      </form>
      {filter.fandom && !fandom && (
        <p class="notice" role="status">
          There is no fandom tag “{filter.fandom}”.
        </p>
      )}
      <ErrorSummary errors={errors} />
      {tags.length === 0 ? (
        <p>Nothing to wrangle here. Well done.</p>
      ) : (
        <Form action={`/wrangling${queueQuery(filter)}`} csrfToken={page.csrfToken}>
          <div class={`field${tickError ? ' field--error' : ''}`} id="f-tagIds" tabIndex={-1}>
            {tickError && (
              <p class="field__error" id="f-tagIds-error">
                {tickError}
              </p>
            )}
            <table class="table">
              <caption class="visually-hidden">
                {tags.length === props.limit
                  ? `The ${props.limit} most used tags to wrangle`
                  : `${tags.length} ${tags.length === 1 ? 'tag' : 'tags'} to wrangle`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Tick</span>
                  </th>
                  <th scope="col">Tag</th>
                  <th scope="col">Type</th>
                  <th scope="col">Parent fandoms</th>
                  <th scope="col">Works</th>
                </tr>
              </thead>
              <tbody>
                {tags.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <input
                        type="checkbox"
                        id={`tick-${t.id}`}
                        name="tagIds"
                        value={String(t.id)}
                        checked={ticked.has(t.id)}
                        aria-describedby={tickError ? 'f-tagIds-error' : undefined}
                      />
                      <label class="visually-hidden" for={`tick-${t.id}`}>
                        Select {t.name}
                      </label>
                    </td>
                    <td>
                      <a href={`/tags/${t.id}/edit`}>{t.name}</a>
                    </td>
                    <td>{TYPE_NAMES[t.type]}</td>
                    <td>{t.fandoms.join(', ')}</td>
                    <td>{Number(t.uses).toLocaleString('en')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <fieldset
            class={`field${actionError ? ' field--error' : ''}`}
            id="f-action"
            tabIndex={-1}
            aria-describedby={actionError ? 'f-action-error' : undefined}
          >
            <legend>What to do with the ticked tags</legend>
            {actionError && (
              <p class="field__error" id="f-action-error">
                {actionError}
              </p>
            )}
            <BulkAction
              value="canonical"
              label="Make them canonical"
              checked={values.action === 'canonical'}
            />
            <BulkAction
              value="synonym"
              label="Make them synonyms of a canonical tag"
              checked={values.action === 'synonym'}
            />
            <Field
              name="synonymOf"
              label="Synonym of"
              values={values}
              errors={errors}
              hint="The canonical tag they mean; works tagged with them are then found under it."
            />
            <BulkAction value="fandoms" label="Add parent fandoms" checked={values.action === 'fandoms'} />
            <Field
              name="fandoms"
              label="Parent fandoms"
              values={values}
              errors={errors}
              hint="Canonical fandoms, separated by commas, for characters, relationships and additional tags."
            />
            <BulkAction value="metatags" label="Add metatags" checked={values.action === 'metatags'} />
            <Field
              name="metatags"
              label="Metatags"
              values={values}
              errors={errors}
              hint="Broader canonical tags of the same type, separated by commas."
            />
            <BulkAction
              value="media"
              label="File fandoms under a medium"
              checked={values.action === 'media'}
            />
            <MediumSelect label="Medium" values={values} errors={errors} none="(choose a medium)" />
          </fieldset>
          <p class="form-actions">
            <button type="submit" class="button button--primary">
              Apply to the ticked tags
            </button>
          </p>
        </Form>
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
                  <a href={`${tagUrl(f)}/works`}>{f.name}</a>{' '}
                  <span class="muted">({Number(f.works).toLocaleString('en')})</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </Layout>
  );
}
