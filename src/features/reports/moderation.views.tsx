import type { ModeratorActionsTable } from '../../db/schema.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { AuditFilter } from './audit-log.ts';
import type { PostGroup } from './post-reports.service.ts';
import type { QueueGroup } from './report-queue.service.ts';
import { REPORT_REASONS } from './reports.schema.ts';

const ACTION_LABELS = { hide: 'Hid', unhide: 'Unhid', warn: 'Warned', dismiss: 'Dismissed' } as const;

function AdminNav({ current }: { current: 'reports' | 'audit' }) {
  return (
    <nav class="work-actions" aria-label="Moderation">
      <a href="/admin/reports" aria-current={current === 'reports' ? 'page' : undefined}>
        Report queue
      </a>
      <a href="/admin/audit" aria-current={current === 'audit' ? 'page' : undefined}>
        Audit log
      </a>
    </nav>
  );
}

/** Hide, warn, dismiss: one form per reported thing, with an optional note (the warning's text). */
function Actions({
  page,
  action,
  name,
  canAct,
  hidden,
  error,
}: {
  page: PageContext;
  action: string;
  name: string;
  canAct: boolean;
  hidden: boolean;
  error?: string;
}) {
  const noteId = `note-${action.replace(/\W+/g, '-')}`;
  return (
    <Form action={action} csrfToken={page.csrfToken} class="form">
      {error && <p class="field__error">{error}</p>}
      <div class="field">
        <label for={noteId}>Note (the warning’s text; kept in the audit log)</label>
        <textarea id={noteId} name="note" rows={2} maxLength={1000} />
      </div>
      <div class="report-actions">
        {canAct && !hidden && (
          <button type="submit" name="action" value="hide" class="button button--danger">
            Hide<span class="visually-hidden"> {name}</span>
          </button>
        )}
        {canAct && (
          <button type="submit" name="action" value="warn" class="button">
            Warn the author<span class="visually-hidden"> of {name}</span>
          </button>
        )}
        <button type="submit" name="action" value="dismiss" class="button">
          Dismiss<span class="visually-hidden"> the reports of {name}</span>
        </button>
      </div>
    </Form>
  );
}

export function ReportQueuePage({
  page,
  groups,
  posts,
  failed,
}: {
  page: PageContext;
  groups: QueueGroup[];
  posts: PostGroup[];
  /** A refused action: the form's address and the message. */
  failed?: { action: string; errors: FieldErrors };
}) {
  const errorFor = (action: string) =>
    failed?.action === action ? Object.values(failed.errors)[0] : undefined;
  return (
    <Layout page={page} title="Report queue" width="wide" styles={['/assets/stats.css']}>
      <h1>Report queue</h1>
      <AdminNav current="reports" />
      {failed && (
        <p class="notice notice--error" role="alert">
          {Object.values(failed.errors)[0]}
        </p>
      )}
      <h2>Works, entries and comments</h2>
      {groups.length === 0 && <p>No open reports.</p>}
      {groups.map((g) => {
        const action = `/admin/reports/${g.id}/resolve`;
        return (
          <section class="report-group" key={g.id} aria-labelledby={`report-${g.id}`}>
            <h3 id={`report-${g.id}`}>
              {g.target.url ? <a href={g.target.url}>{g.target.label}</a> : g.target.label}{' '}
              <span class="badge">
                {g.count} {g.count === 1 ? 'report' : 'reports'}
              </span>
              {g.target.hidden && <span class="badge">Hidden already</span>}
            </h3>
            {g.authors.length > 0 && <p class="muted">By {g.authors.join(', ')}</p>}
            {g.target.excerpt && <blockquote>{g.target.excerpt}</blockquote>}
            <ul>
              {g.reports.map((r) => (
                <li key={r.id}>
                  <strong>{REPORT_REASONS[r.reason]}</strong> — {r.reporter}, <Time iso={r.createdAt} />
                  {r.details && <>: {r.details}</>}
                </li>
              ))}
            </ul>
            <Actions
              page={page}
              action={action}
              name={g.target.label}
              canAct={g.target.exists}
              hidden={g.target.hidden}
              error={errorFor(action)}
            />
          </section>
        );
      })}
      <h2>Forum posts</h2>
      <p class="muted">
        Reports on posts of the boards you moderate; they are also in the{' '}
        <a href="/forums/reports">forum’s queue</a>.
      </p>
      {posts.length === 0 && <p>No open reports.</p>}
      {posts.map((p) => {
        const action = `/admin/reports/posts/${p.id}/resolve`;
        return (
          <section class="report-group" key={p.id} aria-labelledby={`post-report-${p.id}`}>
            <h3 id={`post-report-${p.id}`}>
              <a href={p.url}>{p.label}</a>{' '}
              <span class="badge">
                {p.reports.length} {p.reports.length === 1 ? 'report' : 'reports'}
              </span>
            </h3>
            <p class="muted">By {p.author}</p>
            {p.excerpt && <blockquote>{p.excerpt}</blockquote>}
            <ul>
              {p.reports.map((r) => (
                <li key={r.id}>
                  {r.reporter}, <Time iso={r.createdAt} />: {r.reason}
                </li>
              ))}
            </ul>
            <Actions
              page={page}
              action={action}
              name={p.label}
              canAct
              hidden={false}
              error={errorFor(action)}
            />
          </section>
        );
      })}
    </Layout>
  );
}

type AuditRow = Omit<ModeratorActionsTable, 'id'> & { id: number };

export function AuditLogPage({
  page,
  rows,
  filter,
  moderators,
  hasMore,
}: {
  page: PageContext;
  rows: AuditRow[];
  filter: AuditFilter;
  moderators: string[];
  hasMore: boolean;
}) {
  const link = (n: number) => {
    const params = new URLSearchParams();
    if (filter.moderator) params.set('moderator', filter.moderator);
    if (filter.action) params.set('action', filter.action);
    if (n > 1) params.set('page', String(n));
    const s = params.toString();
    return s ? `/admin/audit?${s}` : '/admin/audit';
  };
  return (
    <Layout page={page} title="Audit log" width="wide" styles={['/assets/stats.css']}>
      <h1>Audit log</h1>
      <AdminNav current="audit" />
      <form method="get" action="/admin/audit" class="form form--inline">
        <div class="field">
          <label for="f-moderator">Moderator</label>
          <select id="f-moderator" name="moderator">
            <option value="">Anyone</option>
            {moderators.map((m) => (
              <option key={m} value={m} selected={filter.moderator === m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-action">Action</label>
          <select id="f-action" name="action">
            <option value="">Any</option>
            {(['hide', 'unhide', 'warn', 'dismiss'] as const).map((a) => (
              <option key={a} value={a} selected={filter.action === a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          Filter
        </button>
      </form>
      {rows.length === 0 ? (
        <p>No moderator actions{filter.moderator || filter.action ? ' match' : ' yet'}.</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <caption class="visually-hidden">Moderator actions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Moderator</th>
                <th scope="col">Action</th>
                <th scope="col">What</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Time iso={r.created_at} withTime />
                  </td>
                  <td>{r.moderator_name}</td>
                  <td>{ACTION_LABELS[r.action]}</td>
                  <td>{r.target_label}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pagination" aria-label="Pages">
        {filter.page > 1 && <a href={link(filter.page - 1)}>← Newer</a>}
        <span>Page {filter.page}</span>
        {hasMore && <a href={link(filter.page + 1)}>Older →</a>}
      </nav>
    </Layout>
  );
}
