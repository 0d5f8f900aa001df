/** A minimal browser for in-process page tests: keeps cookies, sends the same-origin header, fills CSRF fields. */
import type { Hono } from 'hono';

type App = Pick<Hono, 'request'>;

export const ORIGIN = 'http://localhost';

export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('the page has no CSRF field');
  return match[1];
}

export function pageClient(app: App) {
  const jar = new Map<string, string>();
  let lastCsrf = '';

  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (/max-age=0/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

  const client = {
    jar,
    async get(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; html: string }> {
      const res = await app.request(path, { headers: { cookie: cookieHeader(), ...headers } });
      remember(res);
      const html = await res.text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      if (csrf) lastCsrf = csrf;
      return { res, html };
    },
    /** Posts a form as a browser on this origin does; `_csrf` is the last page's unless given. */
    async post(
      path: string,
      fields: Record<string, string>,
      headers: Record<string, string> = { origin: ORIGIN },
    ): Promise<{ res: Response; html: string }> {
      const res = await app.request(path, {
        method: 'POST',
        headers: {
          cookie: cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: new URLSearchParams({ _csrf: lastCsrf, ...fields }).toString(),
      });
      remember(res);
      const html = await res.text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      if (csrf) lastCsrf = csrf;
      return { res, html };
    },
    async signIn(persona: string): Promise<Response> {
      await client.get('/logga-in');
      const { res } = await client.post('/logga-in', { persona, next: '' });
      if (res.status !== 303) throw new Error(`sign-in as ${persona} answered ${res.status}`);
      return res;
    },
  };
  return client;
}
