import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const ARTIFACTS = 'test-artifacts';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BUDGET_BYTES = 50 * 1024;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

export interface PageReport {
  name: string;
  url: string;
  /** HTML + CSS + JS as sent over the wire (compressed bodies), in bytes. */
  bytes: number;
  axeViolations: number;
}

/**
 * Checks the page as the quality bars ask and keeps evidence: zero axe-core violations (WCAG 2.1 A
 * and AA rules), under 50 KB transferred, screenshots at 360 px and 1280 px.
 */
export class PageChecker {
  readonly reports: PageReport[] = [];
  private seq = 0;

  constructor(private readonly folder: string) {
    rmSync(`${ARTIFACTS}/${folder}`, { recursive: true, force: true });
    mkdirSync(`${ARTIFACTS}/${folder}`, { recursive: true });
  }

  async check(page: Page, name: string): Promise<void> {
    const n = String(++this.seq).padStart(2, '0');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${ARTIFACTS}/${this.folder}/${n}-${name}-360.png`, fullPage: true });
    const violations = await axe(page);
    // 320 px is the narrowest screen WCAG reflow asks for: nothing may scroll sideways there.
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${ARTIFACTS}/${this.folder}/${n}-${name}-1280.png`, fullPage: true });
    const bytes = await transferredBytes(page);
    this.reports.push({ name, url: new URL(page.url()).pathname, bytes, axeViolations: violations.length });
    expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    expect(overflow, `${name} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
    expect(bytes, `${name} weighs ${bytes} bytes`).toBeLessThan(BUDGET_BYTES);
    expect(await page.getAttribute('html', 'lang')).toBe('es-MX');
  }

  save(): void {
    writeFileSync(`${ARTIFACTS}/${this.folder}/pages.json`, `${JSON.stringify(this.reports, null, 2)}\n`);
  }
}

async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern. The scripts are
  // strings because they run in the page, where the DOM types live, not in Node.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`);
  return violations as AxeViolation[];
}

/** The compressed bodies of the document and everything it loaded, cached or not. */
async function transferredBytes(page: Page): Promise<number> {
  return Number(
    await page.evaluate(`[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .reduce((sum, entry) => sum + entry.encodedBodySize, 0)`),
  );
}
