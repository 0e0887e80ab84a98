import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

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
    fields: Record<string, string>,
    options: { csrfFrom?: string; csrf?: string | false } = {},
  ): Promise<LightMyRequestResponse> {
    let token = options.csrf;
    if (token === undefined) token = csrfToken((await this.get(options.csrfFrom ?? url)).body);
    const body = new URLSearchParams(token === false ? fields : { ...fields, _csrf: token });
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
