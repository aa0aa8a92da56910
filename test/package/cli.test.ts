// The built binary, spawned as cron or CI would run it: real files, real pipes, real exit codes.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as lib from '../../dist/index.js';

const root = resolve(import.meta.dirname, '../..');
const binary = resolve(root, 'dist/cli.js');
const fixture = (name: string): string => resolve(root, 'test/fixtures', name);

function cloudcircuit(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [binary, ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The daily totals of a fixture, summed plainly here, in the order the rows come. */
function seriesOf(file: string): number[] {
  const text = readFileSync(fixture(file), 'utf8');
  const totals = new Map<string, number>();
  const add = (day: string, amount: number) => totals.set(day, (totals.get(day) ?? 0) + amount);
  if (file.endsWith('.csv')) {
    for (const line of text.trim().split('\r\n').slice(1)) add(line.slice(0, 10), Number(line.split(',').at(-1)));
  } else if (file.startsWith('azure')) {
    const { properties } = JSON.parse(text) as { properties: { rows: [number, number][] } };
    for (const [cost, date] of properties.rows) add(String(date), cost);
  } else {
    const { ResultsByTime } = JSON.parse(text) as {
      ResultsByTime: { TimePeriod: { Start: string }; Groups: { Metrics: { UnblendedCost: { Amount: string } } }[] }[];
    };
    for (const day of ResultsByTime) for (const group of day.Groups) add(day.TimePeriod.Start, Number(group.Metrics.UnblendedCost.Amount));
  }
  return [...totals.keys()].sort().map((day) => totals.get(day) as number);
}

interface Document {
  action: string;
  budget: lib.BudgetCheckResult | null;
  anomaly: lib.AnomalyCheckResult | null;
  burnRate: lib.BurnRateResult;
  forecast: lib.ForecastResult | null;
}

describe('the cloudcircuit binary', () => {
  test('starts with a shebang and is executable', () => {
    expect(readFileSync(binary, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const direct = spawnSync(binary, ['--version'], { encoding: 'utf8' });
    expect(direct.stdout.trim()).toBe((JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version);
  });

  test.each([
    ['a grouped Cost Explorer response', 'cost-explorer-grouped.json', 'aws-cost-explorer'],
    ['a per-service CSV over two months, shuffled', 'per-service.csv', 'csv'],
    ['an Azure cost query result', 'azure-query.json', 'azure-cost-query'],
  ])('reads %s, and its JSON report matches the library on the same series', (_, file, format) => {
    const { code, out, err } = cloudcircuit(['check', fixture(file), '--budget', '5000', '--format', 'json']);
    expect(err).toBe('');
    const document = JSON.parse(out) as Document;
    const text = cloudcircuit(['check', fixture(file), '--budget', '5000']).out;
    expect(text).toContain(`(${format})`);
    expect(document.anomaly).toStrictEqual({ ...lib.checkAnomalySpike(seriesOf(file)) });
    expect(document.burnRate).toStrictEqual({ ...lib.checkBurnRate(seriesOf(file)) });
    const budget = document.budget as lib.BudgetCheckResult;
    expect(lib.checkBudget({ currentSpend: budget.currentSpend, budgetLimit: 5000 })).toStrictEqual(budget);
    const forecast = document.forecast as lib.ForecastResult;
    expect(
      lib.forecastBudgetBreach({
        currentSpend: budget.currentSpend,
        budgetLimit: 5000,
        periodsElapsed: forecast.periodsElapsed,
        totalPeriods: forecast.totalPeriods,
      }),
    ).toStrictEqual(forecast);
    const policy = lib.evaluateSpendPolicy({ budget, anomaly: document.anomaly ?? undefined, burnRate: document.burnRate, forecast });
    expect(document.action).toBe(policy.action);
    expect(code).toBe({ allow: 0, throttle: 1, block: 2 }[policy.action]);
  });

  test('the JSON report of a known series is exactly the library results', () => {
    const series = [300, 310, 295, 305, 120, 115, 900];
    const { out } = cloudcircuit(['check', fixture('date-amount.csv'), '--format', 'json', '--detector', 'mad']);
    const document = JSON.parse(out) as Document;
    expect(document.anomaly).toStrictEqual({ ...lib.checkAnomalyRobust(series) });
    expect(document.burnRate).toStrictEqual({ ...lib.checkBurnRate(series) });
  });

  test('reads standard input', () => {
    const { code, out } = cloudcircuit(['check', '-', '--format', 'json'], { input: readFileSync(fixture('amounts.txt'), 'utf8') });
    expect(code).toBe(1);
    expect((JSON.parse(out) as Document).anomaly?.latestSpend).toBe(410);
    expect(cloudcircuit(['check'], { input: '1\n2\n' }).out).toContain('cloudcircuit check stdin: 2 points (csv)');
  });

  test.each<[string, string[], string, number]>([
    ['allow', ['check', '-', '--budget', '100000'], '5\n5\n5\n', 0],
    ['throttle', ['check', '-'], '5\n5\n50\n', 1],
    ['block', ['check', '-', '--budget', '10'], '5\n5\n5\n', 2],
    ['a usage error', ['check', '-', '--budgt', '5'], '5\n5\n', 64],
    ['a data error', ['check', fixture('bad-amount.csv')], '', 65],
    ['a missing file', ['check', fixture('missing.csv')], '', 66],
  ])('exits with the code for %s', (_, args, input, code) => {
    const result = cloudcircuit(args, { input });
    expect(result.code).toBe(code);
    if (code >= 64) {
      expect(result.out).toBe('');
      expect(result.err.split('\n')).toHaveLength(2); // one line and its newline: never a stack trace
      expect(result.err).toMatch(/^cloudcircuit: /);
      expect(result.err).not.toMatch(/\bat .*\.js:\d+/);
    }
  });

  test('names the file and line of bad data', () => {
    expect(cloudcircuit(['check', fixture('bad-amount.csv')]).err).toBe(
      `cloudcircuit: ${fixture('bad-amount.csv')} line 17: amount 'abc' is not a number\n`,
    );
  });

  test('colours only a terminal, and never with NO_COLOR (under a real pseudo-terminal)', () => {
    const inTerminal = (env: Record<string, string>) =>
      spawnSync('script', ['-qec', `${process.execPath} ${binary} demo`, '/dev/null'], {
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', ...env },
      }).stdout;
    expect(inTerminal({})).toContain('\u001b[');
    expect(inTerminal({ NO_COLOR: '1' })).not.toContain('\u001b[');
    expect(inTerminal({ NO_COLOR: '1' })).toContain('THROTTLE');
    expect(cloudcircuit(['demo']).out).not.toContain('\u001b[');
  });

  test('demo shows a full report and exits 0, so `npm run demo` succeeds', () => {
    const { code, out } = cloudcircuit(['demo']);
    expect(code).toBe(0);
    expect(out).toContain('60 days, 2026-10-06 to 2026-12-04');
    expect(out).toMatch(/SPIKE {5}Anomaly/);
  });

  test('importing the library does not load the command line', () => {
    const probe = `import('${resolve(root, 'dist/index.js')}').then(() => console.log(process.argv.length, typeof globalThis.__CLOUDCIRCUIT_VERSION__))`;
    const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('1 undefined');
    expect(readFileSync(resolve(root, 'dist/index.js'), 'utf8')).not.toContain('parseArgs');
  });
});
