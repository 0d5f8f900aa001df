/**
 * The test files that drive Chromium (they import test/support/browser.ts). Their hooks launch the
 * browser before any test, so under the opt-out the config leaves the whole file out instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Paths relative to the repository root. */
export function browserSuites(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts') && /support\/browser\.js'/.test(readFileSync(path, 'utf8')))
        found.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, 'test'));
  return found.sort();
}
