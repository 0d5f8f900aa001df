import { defineConfig } from 'vitest/config';
import { browserSuites } from './test/support/browser-suites.js';
import { locate, optedOut } from './test/support/requirements.js';

// A run without Chromium fails in the browser suites' hooks (test/support/browser.ts), unless the
// developer opted out on purpose: then those files are left out and listed at the end of the run.
const leftOut = optedOut() && !locate('chromium') ? browserSuites() : [];

export const config = defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: [
      'node_modules/**',
      'dist/**',
      '.tools/**',
      '.tmp/**',
      '.data/**',

      ...leftOut,
    ],
    globalSetup: ['./test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

// biome-ignore lint/style/noDefaultExport: vitest loads the config through its default export
export default config;
