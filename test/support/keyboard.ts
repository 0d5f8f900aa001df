/// <reference lib="dom" />
/**
 * Keyboard-only steps and the accessibility check of the browser tests (test/e2e/): reach a control
 * with Tab (its focus must be visible on arrival), press Enter and wait for the next page, and run axe
 * (WCAG 2.1 A and AA) on the page as it is.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Tabs to `selector` (focus always visible on the way there) and leaves it focused. */
export async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) {
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as Element).outlineStyle,
      );
      expect(outline, `focus on ${selector} is visible`).not.toBe('none');
      return;
    }
  }
  throw new Error(`${selector} cannot be reached with Tab`);
}

/**
 * Presses Enter on `selector` and waits for the new page's load (not its address: a step on a
 * contact, a search, comes back to the same address), which must be at a path `path` accepts.
 */
export async function press(page: Page, selector: string, path: (p: string) => boolean): Promise<void> {
  await tabTo(page, selector);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  expect(path(new URL(page.url()).pathname), `${selector} led to ${page.url()}`).toBe(true);
}

/** No axe violation of WCAG 2.1 A/AA on the page; `name` says which page in the failure. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `${name} has accessibility violations`).toEqual([]);
}
