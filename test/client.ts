import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { FACTORY_PASSWORD } from './factories.ts';

/**
 * A cookie-keeping client over `app.inject`, for route tests: it fetches a form page,
 * takes the form's CSRF token, and posts like a browser would.
 */
export class TestClient {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  /** A raw request with this client's cookies (and remembering the reply's). */
  async inject(options: {
    method: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    payload?: Buffer | string;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      ...options,
      headers: { ...this.headers, cookie: this.cookieHeader(), ...options.headers },
    });
    this.remember(response);
    return response;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { ...this.headers, cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  /** Posts a urlencoded form; `csrfFrom` is the page whose form token to use (default: the URL itself). */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    options: { csrfFrom?: string; csrf?: string | false } = {},
  ): Promise<LightMyRequestResponse> {
    let token = options.csrf;
    if (token === undefined) token = csrfToken((await this.get(options.csrfFrom ?? url)).body);
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(token === false ? fields : { ...fields, _csrf: token })) {
      for (const item of [value].flat()) body.append(name, item);
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: {
        ...this.headers,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
      },
    });
    this.remember(response);
    return response;
  }
}

/** A client signed in as `user` (with the factories' password unless another is given). */
export async function signedInClient(
  app: FastifyInstance,
  user: { username: string },
  password = FACTORY_PASSWORD,
): Promise<TestClient> {
  const client = new TestClient(app);
  await client.post('/login', { login: user.username, password });
  return client;
}

/** A call to the JSON API (`/api/v1…`) through `app.inject`, with a bearer token when given. */
export async function callApi(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: { token?: string | null | false; payload?: object } = {},
) {
  const response = await app.inject({
    method,
    url: `/api/v1${url}`,
    ...(options.payload === undefined ? {} : { payload: options.payload }),
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
  });
  return { status: response.statusCode, body: response.json() };
}

/** Adds multipart uploads (a file input plus fields) to the client. */
export async function postMultipart(
  client: TestClient,
  url: string,
  fields: Record<string, string>,
  file: { field: string; name: string; type: string; bytes: Uint8Array<ArrayBuffer> } | null,
  csrfFrom: string,
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  form.append('_csrf', csrfToken((await client.get(csrfFrom)).body));
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append(file.field, new Blob([file.bytes], { type: file.type }), file.name);
  const encoded = new Response(form);
  return client.inject({
    method: 'POST',
    url,
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type')! },
  });
}

/** The value of a hidden input on a page, unescaped. */
export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden input ${name} on the page`);
  return match[1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function csrfToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1]!;
}

/** The text of an element with id or the first match of a selector-ish regex, for assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
