/** The API's own description: the OpenAPI 3.1 document at /openapi.json and its reference viewer at /docs. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { Context } from 'hono';
import { NONCE, type SecureHeadersVariables, secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context.js';

const SCALAR_CDN = 'https://cdn.jsdelivr.net';
/** The API reference viewer, pinned: an unpinned CDN path would run whatever is published next. */
const SCALAR_BUNDLE = `${SCALAR_CDN}/npm/@scalar/api-reference@1.72.1`;

/** Registers the document and the viewer on `app`, after every API route (the document lists what is registered). */
export function mountApiDocs(app: OpenAPIHono<AppEnv>, version: string | undefined): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An OIDC access token (or, in demo mode, one from `arendenav demo-token`).',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Ärendenav API',
      version: version ?? '1',
      description:
        'Case status from the municipality’s case-management systems in one canonical model. ' +
        'Errors are RFC 9457 problem+json with a stable `type`.',
    },
    tags: [
      { name: 'cases', description: 'Staff search and case reads' },
      { name: 'me', description: 'A citizen’s own cases' },
      { name: 'contacts', description: 'The information center’s contact register' },
      {
        name: 'knowledge',
        description: 'The information center’s knowledge base: reviewed questions and answers',
      },
      { name: 'sources', description: 'Sync health and operations' },
      { name: 'mappings', description: 'Loaded mappings' },
      { name: 'audit', description: 'Who read what' },
      { name: 'ops', description: 'Health and metrics' },
    ],
  });
  // The reference UI loads a pinned Scalar bundle from its CDN; that script and its inline bootstrap
  // run only with this response's nonce (no host is trusted for scripts as such).
  app.use(
    '/docs',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: ["'self'", "'unsafe-inline'", SCALAR_CDN],
        fontSrc: ["'self'", 'data:', SCALAR_CDN, 'https://fonts.scalar.com'],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      referrerPolicy: 'no-referrer',
    }),
  );
  app.get(
    '/docs',
    Scalar((c) => ({
      url: '/openapi.json',
      pageTitle: 'Ärendenav API',
      cdn: SCALAR_BUNDLE,
      nonce: (c as unknown as Context<{ Variables: SecureHeadersVariables }>).get('secureHeadersNonce'),
    })),
  );
}
