/**
 * The API reference viewer at /docs: Swagger UI served from our own origin (the `swagger-ui-dist`
 * package), so the page works without internet and sends no request to a third party.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context.js';
import { AppError } from './errors.js';

const PACKAGE = 'swagger-ui-dist';
/** The viewer's files we serve, and only these (no standalone preset: the base layout has no top bar). */
const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/**
 * Starts the viewer on the document, from an external file: the page's CSP allows no inline script.
 * `validatorUrl: null` keeps Swagger UI from sending the document to validator.swagger.io;
 * `queryConfigEnabled` stays off so a link cannot point the viewer at another document.
 */
const INIT_SCRIPT = `window.addEventListener('DOMContentLoaded', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    layout: 'BaseLayout',
    presets: [SwaggerUIBundle.presets.apis],
    deepLinking: true,
    validatorUrl: null,
    queryConfigEnabled: false,
    displayOperationId: true,
  });
});
`;

/** Our origin only, nothing inline (Swagger UI sets styles through the DOM, which `style-src` does not govern). */
const DOCS_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

type Asset = { body: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer>; type: string };

/** A file's bytes and their gzip, made once (a 1.7 MB bundle compresses to about a quarter). */
function assetOf(body: Uint8Array, type: string): Asset {
  return { body: new Uint8Array(body), gzip: new Uint8Array(gzipSync(body)), type };
}

/** The package's folder and version, found the way Node resolves it (works in the Docker image too). */
export function viewerPackage(): { dir: string; version: string } {
  const manifest = createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

/**
 * Registers /docs, its init script and the viewer's assets under /docs/assets/<version>/, where a
 * file never changes (cached for a year; a new package version is a new address).
 *
 * @example
 * mountDocsViewer(app);
 * await app.request('/docs'); // text/html, script-src 'self'
 */
export function mountDocsViewer(app: OpenAPIHono<AppEnv>): void {
  const { dir, version } = viewerPackage();
  const base = `/docs/assets/${version}`;
  // Read on first use, once per app: most apps built in tests never serve the 1.7 MB bundle.
  const cache = new Map<string, Asset>();
  const load = (name: string, type: string): Asset => {
    let asset = cache.get(name);
    if (!asset) {
      asset = assetOf(readFileSync(join(dir, name)), type);
      cache.set(name, asset);
    }
    return asset;
  };
  const send = (c: Context<AppEnv>, asset: Asset, cacheControl: string) => {
    c.header('cache-control', cacheControl);
    c.header('x-content-type-options', 'nosniff');
    c.header('vary', 'accept-encoding');
    c.header('content-type', asset.type);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('content-encoding', 'gzip');
      return c.body(asset.gzip);
    }
    return c.body(asset.body);
  };

  // '/docs/*' covers /docs itself too.
  app.use(
    '/docs/*',
    secureHeaders({
      contentSecurityPolicy: DOCS_CSP,
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      referrerPolicy: 'no-referrer',
    }),
  );
  app.get('/docs', (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(page(base));
  });
  const initAsset = assetOf(Buffer.from(INIT_SCRIPT), 'text/javascript; charset=utf-8');
  app.get('/docs/init.js', (c) => send(c, initAsset, 'no-cache'));
  app.get(`${base}/:name`, (c) => {
    const name = c.req.param('name');
    const type = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
    if (!type) throw new AppError('not_found', 'No such file.');
    return send(c, load(name, type), 'public, max-age=31536000, immutable');
  });
}

/** The page: Swedish title, the viewer itself is English (Swagger UI has no Swedish). */
function page(base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ärendenav API – dokumentation / documentation</title>
<link rel="icon" type="image/png" href="${base}/favicon-32x32.png">
<link rel="stylesheet" href="${base}/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="${base}/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;
}
