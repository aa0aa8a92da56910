// The shared cases in real browsers on the packed tarball (headless Chromium driven by playwright-core,
// Firefox ESR driven by puppeteer-core over WebDriver BiDi), and the dashboard example in Chromium.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { evaluate } from '../../examples/dashboard/guardrails.js';
import { cases } from '../shared/cases.js';
import { makeConsumer, root, runtimes, type Outcome } from './consumer.js';
import { serve } from './serve.js';

/** The little of playwright-core and puppeteer-core these tests use. */
interface Page {
  goto(url: string): Promise<unknown>;
  waitForFunction(script: string): Promise<unknown>;
  evaluate<T>(script: string): Promise<T>;
  close(): Promise<void>;
}
interface PlaywrightPage extends Page {
  fill(selector: string, value: string): Promise<void>;
  selectOption(selector: string, value: string): Promise<unknown>;
  check(selector: string): Promise<void>;
  textContent(selector: string): Promise<string | null>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
}
interface Browser<P> {
  newPage(): Promise<P>;
  close(): Promise<void>;
}

/** Loads a browser driver from .ci/runtimes, through its own package exports. */
const fromRuntimes = createRequire(join(runtimes, '..', 'package.json'));

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function launchChromium(): Promise<Browser<PlaywrightPage>> {
  const { chromium } = fromRuntimes('playwright-core') as { chromium: { launch(options: object): Promise<Browser<PlaywrightPage>> } };
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
}

function launchFirefox(): Promise<Browser<Page>> {
  const puppeteer = fromRuntimes('puppeteer-core') as { launch(options: object): Promise<Browser<Page>> };
  return puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, protocol: 'webDriverBiDi' });
}

let consumer = '';
let site: Awaited<ReturnType<typeof serve>> | undefined;

beforeAll(async () => {
  consumer = makeConsumer();
  writeFileSync(
    join(consumer, 'cases.html'),
    `<!doctype html><script type="importmap">{ "imports": { "cloudcircuit": "./node_modules/cloudcircuit/dist/index.js" } }</script>
<script type="module">
import * as lib from 'cloudcircuit';
import { cases } from './cases.mjs';
import { runCases } from './run-cases.mjs';
window.outcomes = await runCases(lib, cases);
</script>`,
  );
  site = await serve(consumer);
});
afterAll(async () => site?.close());

const names = cases.map((c, index) => [c.name, index] as const);

for (const [label, launch] of [
  ['Chromium (playwright-core)', launchChromium],
  ['Firefox ESR (puppeteer-core, WebDriver BiDi)', launchFirefox],
] as const) {
  describe(label, () => {
    let results: Outcome[] = [];
    beforeAll(async () => {
      const browser = await launch();
      try {
        const page = await browser.newPage();
        await page.goto(`${site?.url ?? ''}/cases.html`);
        await page.waitForFunction('Array.isArray(window.outcomes)');
        results = await page.evaluate<Outcome[]>('window.outcomes');
      } finally {
        await browser.close();
      }
    });
    test('runs every case', () => {
      expect(results).toHaveLength(cases.length);
    });
    test.each(names)('%s', (_, index) => {
      expect(results[index]?.detail).toBe('ok');
    });
  });
}

describe('examples/dashboard in Chromium', () => {
  let browser: Browser<PlaywrightPage> | undefined;
  let page: PlaywrightPage;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  const badge = async (id: string) => (await page.textContent(`#badge-${id} span`)) ?? '';

  beforeAll(async () => {
    server = await serve(root);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1100, height: 720 });
    await page.goto(`${server.url}/examples/dashboard/index.html`);
    await page.waitForFunction('document.body.dataset.ready === "true"');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const expected = (controls: Parameters<typeof evaluate>[0]) => {
    const { budget, forecast, anomaly, burnRate, policy } = evaluate(controls);
    return {
      budget: `${budget.status.toUpperCase()} ${String(Math.round(budget.usageRatio * 100))}%`,
      forecast: forecast.willBreach ? 'WARNING' : 'OK',
      anomaly: anomaly.isSpike ? 'SPIKE' : 'OK',
      burn: burnRate.isHot ? 'HOT' : 'OK',
      decision: policy.action.toUpperCase(),
      summary: policy.summary,
    };
  };
  const shown = async () => ({
    budget: await badge('budget'),
    forecast: await badge('forecast'),
    anomaly: await badge('anomaly'),
    burn: await badge('burn'),
    decision: await badge('decision'),
    summary: (await page.textContent('#summary')) ?? '',
  });

  test('shows the library decisions for the default controls, and draws both charts', async () => {
    expect(await shown()).toEqual(expected({ budget: 9000, detector: 'mean', season: undefined, minImpact: 0 }));
    expect(await page.evaluate<number>('document.querySelectorAll("#daily rect").length')).toBe(48);
    expect(await page.evaluate<number>('document.querySelectorAll("#month line, #month polyline").length')).toBe(3);
  });

  test('editing the budget and the detector changes the badges as the library says', async () => {
    await page.fill('#budget', '5000');
    const lowBudget = expected({ budget: 5000, detector: 'mean', season: undefined, minImpact: 0 });
    expect(lowBudget.decision).toBe('BLOCK');
    expect(await shown()).toEqual(lowBudget);
    await page.selectOption('#detector', 'mad');
    await page.check('#season');
    expect(await shown()).toEqual(expected({ budget: 5000, detector: 'mad', season: 7, minImpact: 0 }));
    await page.fill('#budget', '20000');
    expect(await shown()).toEqual(expected({ budget: 20000, detector: 'mad', season: 7, minImpact: 0 }));
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-results/dashboard.png'), fullPage: true });
  });

  test('an empty budget fails closed: BLOCK, with the reason', async () => {
    await page.fill('#budget', '');
    expect(await badge('decision')).toBe('BLOCK');
    expect(await page.textContent('#error')).toBe('Invalid input: Expected `budgetLimit` to be a finite number > 0, got NaN.');
  });
});
