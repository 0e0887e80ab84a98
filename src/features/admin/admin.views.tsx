import type { Role } from '../../db/schema.ts';
import { ROLES } from '../../db/schema.ts';
import { Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import { roleName } from '../accounts/account-settings.views.tsx';

interface Row {
  id: number;
  username: string;
  email: string;
  role: Role;
  disabled_at: string | null;
  created_at: string;
}

export function AdminUsersPage({
  page,
  users,
  q,
  pageNumber,
  hasMore,
}: {
  page: PageContext;
  users: Row[];
  q: string;
  pageNumber: number;
  hasMore: boolean;
}) {
  const link = (n: number) => `/admin/users?page=${n}${q ? `&q=${encodeURIComponent(q)}` : ''}`;
  return (
    <Layout page={page} title="Accounts" width="wide">
      <h1>Accounts</h1>
      <form method="get" action="/admin/users" class="form form--inline" role="search">
        <div class="field">
          <label for="f-q">Username contains</label>
          <input id="f-q" type="search" name="q" value={q} maxLength={40} />
        </div>
        <button type="submit" class="button">
          Filter
        </button>
      </form>
      <table class="table">
        <caption class="visually-hidden">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">E-mail</th>
            <th scope="col">Joined</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <a href={`/users/${encodeURIComponent(user.username)}`}>{user.username}</a>
              </td>
              <td>{user.email}</td>
              <td>
                <Time iso={user.created_at} />
              </td>
              <td>
                <Form
                  action={`/admin/users/${encodeURIComponent(user.username)}/role`}
                  csrfToken={page.csrfToken}
                  class="inline-form"
                >
                  <label class="visually-hidden" for={`role-${user.id}`}>
                    Role of {user.username}
                  </label>
                  <select id={`role-${user.id}`} name="role">
                    {ROLES.map((role) => (
                      <option key={role} value={role} selected={role === user.role}>
                        {roleName(role)}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" class="link-button">
                    Set
                  </button>
                </Form>
              </td>
              <td>
                <Form
                  action={`/admin/users/${encodeURIComponent(user.username)}/${user.disabled_at ? 'enable' : 'disable'}`}
                  csrfToken={page.csrfToken}
                  class="inline-form"
                >
                  {user.disabled_at ? 'Disabled ' : 'Active '}
                  <button
                    type="submit"
                    class="link-button"
                    aria-label={`${user.disabled_at ? 'Enable' : 'Disable'} ${user.username}`}
                  >
                    {user.disabled_at ? 'Enable' : 'Disable'}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pagination" aria-label="Pages">
        {pageNumber > 1 && <a href={link(pageNumber - 1)}>← Previous</a>}
        <span>Page {pageNumber}</span>
        {hasMore && <a href={link(pageNumber + 1)}>Next →</a>}
      </nav>
    </Layout>
  );
}
