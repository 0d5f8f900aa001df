/** Server-rendered pages (hono/jsx, no client build): the start page so far, and the one stylesheet. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app/context.js';
import { HomePage } from './home.js';
import { languageOf } from './i18n.js';

const CSS = readFileSync(fileURLToPath(new URL('./assets/app.css', import.meta.url)), 'utf8');

export function pageRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Pages carry no inline script or style: the CSP can forbid both.
  app.use(
    '/',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      referrerPolicy: 'no-referrer',
    }),
  );
  app.get('/', (c) => c.html(<HomePage lang={languageOf(c.req.query('lang'))} />));
  app.get('/assets/app.css', (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  return app;
}
