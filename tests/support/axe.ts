import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

// Runs in the page (a string: the tests' type check has no DOM library).
const runAxe = (selector?: string) => `(async () => {
  const result = await window.axe.run(${selector ? JSON.stringify({ include: [selector] }) : 'document'});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
})()`;

/**
 * Runs axe-core in the page (or only in the elements `selector` matches); returns the serious
 * and critical violations (the bar every page must pass).
 */
export async function seriousViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  // Evaluated, not added as a <script>: the app's Content Security Policy refuses inline scripts.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(runAxe(selector))) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
