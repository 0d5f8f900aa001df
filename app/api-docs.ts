/** The API's own description: the OpenAPI 3.1 document at /openapi.json and its reference viewer at /docs. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';
import { mountDocsViewer } from './docs-viewer.js';

export type ApiDocsOptions = {
  /** The hub's version (package.json), the document's `info.version`. */
  version?: string;
  /** The origin clients use (ARENDENAV_PUBLIC_URL); the document's server is relative (`/`) without it. */
  publicOrigin?: string;
};

/** Every tag an operation may carry; an operation with a tag not listed here fails the lint test. */
const TAGS = [
  { name: 'cases', description: 'Staff search and case reads' },
  { name: 'me', description: 'A citizen’s own cases' },
  { name: 'contacts', description: 'The information center’s contact register' },
  {
    name: 'knowledge',
    description: 'The information center’s knowledge base: reviewed questions and answers',
  },
  { name: 'tasks', description: 'An office’s tasks: questions forwarded to it by the information center' },
  { name: 'stats', description: 'Statistics of the contact register, for the unit head' },
  { name: 'sources', description: 'Sync health and operations' },
  { name: 'mappings', description: 'Loaded mappings' },
  { name: 'audit', description: 'Who read what' },
  {
    name: 'subscriptions',
    description:
      'Webhooks that receive case events (CloudEvents, signed), managed by a municipality’s admins',
  },
  { name: 'ops', description: 'Health and metrics' },
];

/**
 * Registers the document and the viewer on `app`, after every API route (the document lists what is registered).
 *
 * @example
 * mountApiDocs(app, { version: '0.1.0' });
 * await app.request('/openapi.json');
 */
export function mountApiDocs(app: OpenAPIHono<AppEnv>, options: ApiDocsOptions = {}): void {
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
      version: options.version ?? '1',
      description:
        'Case status from the municipality’s case-management systems in one canonical model. ' +
        'Errors are RFC 9457 problem+json with a stable `type`.',
      contact: { name: 'Ärendenav', url: 'https://arendenav.se' },
      license: {
        name: 'EUPL-1.2',
        url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12',
      },
    },
    servers: [
      options.publicOrigin
        ? { url: options.publicOrigin, description: 'This hub' }
        : { url: '/', description: 'This hub (the address the document was fetched from)' },
    ],
    tags: TAGS,
  });
  mountDocsViewer(app);
}
