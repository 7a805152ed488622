import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/*
 * The accessibility engine of the browser tests: axe-core, injected into the page. Every rule
 * runs (the WCAG 2.0, 2.1 A and AA rules and axe's best practices); serious and critical
 * findings are the bar every page and state must pass (issue #20).
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

// Runs in the page (a string: the tests' type check has no DOM library).
const runAxe = (selector?: string) => `(async () => {
  const result = await window.axe.run(${selector ? JSON.stringify({ include: [selector] }) : 'document'}, {
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
})()`;

/**
 * Runs axe-core in the page (or only in the elements `selector` matches); returns the serious
 * and critical violations.
 */
export async function seriousViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  // Evaluated, not added as a <script>: the app's Content Security Policy refuses inline scripts.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(`${axeSource}\n;0`);
  const violations = (await page.evaluate(runAxe(selector))) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The same, one line per element: `serious color-contrast (…): main .muted`. */
export async function seriousViolationLines(page: Page, selector?: string): Promise<string[]> {
  return (await seriousViolations(page, selector)).flatMap((v) =>
    v.targets.map((target) => `${v.impact} ${v.id} (${v.help}): ${target}`),
  );
}
