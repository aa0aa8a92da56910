// The shared cases, run on the packed tarball in every runtime the package claims: Node 18 to 24 through
// import and require, Bun, Deno, and Cloudflare workerd (with the serverless Worker example). Browsers are
// in browsers.test.ts.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cases } from '../shared/cases.js';
import { makeConsumer, runIn, runtimes, type Outcome } from './consumer.js';
import { startWorkerd, type Workerd } from './workerd.js';

let consumer = '';

beforeAll(() => {
  if (!existsSync(runtimes)) throw new Error('runtimes missing: run npm ci --prefix .ci/runtimes (bash .ci/run does)');
  consumer = makeConsumer();
});

const names = cases.map((c, index) => [c.name, index] as const);

/** Defines one runtime's tests: it must run, and agree on every case. */
function matrix(label: string, outcomes: () => Outcome[]): void {
  describe(label, () => {
    let results: Outcome[] = [];
    beforeAll(() => {
      results = outcomes();
    });
    test('runs every case', () => {
      expect(results).toHaveLength(cases.length);
    });
    test.each(names)('%s', (_, index) => {
      expect(results[index]?.detail).toBe('ok');
    });
  });
}

for (const version of ['node18', 'node22', 'node24'] as const) {
  const node = (): string => join(runtimes, version, 'bin/node');
  matrix(`${version} import`, () => runIn(node(), ['run.mjs'], consumer));
  matrix(`${version} require`, () => runIn(node(), ['run.cjs'], consumer));
}
matrix(`node20 (${process.version}) import`, () => runIn(process.execPath, ['run.mjs'], consumer));
matrix(`node20 (${process.version}) require`, () => runIn(process.execPath, ['run.cjs'], consumer));

const bun = (): string => join(runtimes, '.bin/bun');
matrix('bun import', () => runIn(bun(), ['run.mjs'], consumer));
matrix('bun require', () => runIn(bun(), ['run.cjs'], consumer));

const deno = (script: string): Outcome[] =>
  runIn(join(runtimes, '.bin/deno'), ['run', '--allow-read', '--node-modules-dir=manual', script], consumer, {
    DENO_NO_UPDATE_CHECK: '1',
    DENO_DIR: join(consumer, '.deno'),
  });
matrix('deno import', () => deno('run.mjs'));
matrix('deno require', () => deno('run.cjs'));

describe('Cloudflare workerd', () => {
  let server: Workerd | undefined;
  let results: Outcome[] = [];
  beforeAll(async () => {
    server = await startWorkerd(consumer);
    results = (await (await fetch(server.cases)).json()) as Outcome[];
  });
  afterAll(() => server?.stop());

  test('runs every case in a worker that imports the ESM build', () => {
    expect(results).toHaveLength(cases.length);
  });
  test.each(names)('%s', (_, index) => {
    expect(results[index]?.detail).toBe('ok');
  });

  test('examples/serverless/worker.mjs gates on spend and fails closed on bad input', async () => {
    const ask = async (query: string) => {
      const response = await fetch(`${(server as Workerd).example}/report?${query}`);
      return { status: response.status, body: (await response.json()) as { action: string; reasons: string[]; result?: unknown } };
    };
    expect(await ask('spent=1200&budget=5000')).toMatchObject({
      status: 200,
      body: { action: 'allow', result: { upstream: 'ok', path: '/report' } },
    });
    expect(await ask('spent=4700&budget=5000')).toMatchObject({ status: 200, body: { action: 'throttle', reasons: ['budget-warning'] } });
    expect(await ask('spent=5200&budget=5000')).toMatchObject({ status: 429, body: { action: 'block', reasons: ['budget-breached'] } });
    expect(await ask('budget=5000')).toMatchObject({ status: 400, body: { action: 'block', reasons: ['bad-input'] } });
  });
});
