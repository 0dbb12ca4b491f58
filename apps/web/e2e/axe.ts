// axe-core in the page the e2e specs drive: every page they visit is checked, and a serious or
// critical violation fails the spec with what to fix and where.
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * Minor and moderate findings are reported by axe too; the bar every page must clear is these.
 * E2E_AXE_IMPACTS=minor,moderate,serious,critical lists the rest as well, to see what is left.
 */
const FAILING_IMPACTS = new Set((process.env.E2E_AXE_IMPACTS ?? 'serious,critical').split(',').map((impact) => impact.trim()));

/** axe's whole rule set (WCAG 2.x A/AA and its best practices), run on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // once per document: a second injection would replace the running instance's configuration
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Fails, listing each serious or critical violation (rule id, help, offending selectors), with the page's URL. */
export async function expectAccessible(page: Page, where = ''): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} serious or critical violation(s) on ${page.url()}${where ? ` (${where})` : ''}:\n${violations.join('\n')}`,
    );
  }
}
