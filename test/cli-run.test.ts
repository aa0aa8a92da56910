// The command line in process: run() with the real file system and a fake terminal.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sparkline } from '../src/cli/report.js';
import { cli } from './cli-helpers.js';
import {
  checkAnomalyRobust,
  checkAnomalySpike,
  checkBudget,
  checkBurnRate,
  evaluateSpendPolicy,
  forecastBudgetBreach,
} from '../src/index.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const at = (name: string): string => resolve(fixtures, name);
const version = (JSON.parse(await readFile(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }).version;

const week = '120\n118\n125\n130\n122\n119\n127\n'; // undated, calm

describe('cloudcircuit check: decisions and exit codes', () => {
  test('allow is 0, throttle is 1, block is 2', async () => {
    expect((await cli(['check', '-', '--budget', '5000'], { stdin: week })).code).toBe(0);
    expect((await cli(['check', '-', '--budget', '900'], { stdin: week })).code).toBe(1); // 861 of 900 warns
    expect((await cli(['check', '-', '--budget', '800'], { stdin: week })).code).toBe(2);
    expect((await cli(['check', at('amounts.txt')])).code).toBe(1); // the spike
  });

  test('reads standard input for - and for no FILE', async () => {
    const piped = await cli(['check'], { stdin: week });
    expect(piped.code).toBe(0);
    expect(piped.out).toContain('cloudcircuit check stdin: 7 points (csv)');
  });

  test('--format json is one document with the library results, null for what was not computed', async () => {
    const { code, out, err } = await cli(['check', at('date-amount.csv'), '--budget', '2000', '--format', 'json']);
    expect(err).toBe('');
    const series = [300, 310, 295, 305, 120, 115, 900];
    const budget = checkBudget({ currentSpend: 2345, budgetLimit: 2000 });
    const anomaly = checkAnomalySpike(series);
    const burnRate = checkBurnRate(series);
    const forecast = forecastBudgetBreach({ currentSpend: 2345, budgetLimit: 2000, periodsElapsed: 7, totalPeriods: 31 });
    const policy = evaluateSpendPolicy({ budget, anomaly, burnRate, forecast });
    expect(JSON.parse(out)).toStrictEqual(
      JSON.parse(JSON.stringify({ ...policy, signals: undefined, budget, anomaly, burnRate, forecast })),
    );
    expect(code).toBe(2);
    const bare = JSON.parse((await cli(['check', '-', '--format', 'json'], { stdin: week })).out) as Record<string, unknown>;
    expect(bare['budget']).toBeNull();
    expect(bare['forecast']).toBeNull();
    expect(Object.keys(bare)).toEqual(['action', 'severity', 'reasons', 'summary', 'budget', 'anomaly', 'burnRate', 'forecast']);
  });

  test('with dates, the budget is the newest month and the forecast runs over its days', async () => {
    const { out } = await cli(['check', at('per-service.csv'), '--budget', '9000', '--format', 'json']);
    const document = JSON.parse(out) as { budget: { currentSpend: number }; forecast: { periodsElapsed: number; totalPeriods: number } };
    const december = (await readFile(at('per-service.csv'), 'utf8'))
      .split('\r\n')
      .filter((line) => line.startsWith('2026-12'))
      .reduce((sum, line) => sum + Number(line.split(',').at(-1)), 0);
    expect(document.budget.currentSpend).toBeCloseTo(december, 9);
    expect(document.forecast).toMatchObject({ periodsElapsed: 4, totalPeriods: 31 });
  });

  test('without dates, the budget is the whole series and a forecast needs --elapsed and --periods', async () => {
    const plain = JSON.parse((await cli(['check', '-', '--budget', '5000', '--format', 'json'], { stdin: week })).out) as Record<
      string,
      { currentSpend?: number } | null
    >;
    expect(plain['budget']?.currentSpend).toBe(861);
    expect(plain['forecast']).toBeNull();
    const { out } = await cli(['check', '-', '--budget', '2000', '--elapsed', '7', '--periods', '30'], { stdin: week });
    expect(out).toContain('WARNING   Forecast   3,690.00 projected (7 of 30 periods), 1,690.00 over; budget reached in 9.26 more periods');
  });

  test('--spent overrides the spend, and the detectors take their own flags', async () => {
    const spent = JSON.parse((await cli(['check', '-', '--budget', '100', '--spent', '25', '--format', 'json'], { stdin: week })).out) as {
      budget: { currentSpend: number };
    };
    expect(spent.budget.currentSpend).toBe(25);
    const series = [120, 118, 125, 130, 122, 119, 127, 121, 124, 126, 123, 128, 120, 410];
    const mad = JSON.parse(
      (await cli(['check', at('amounts.txt'), '--detector', 'mad', '--z-threshold', '5', '--min-mad', '1', '--format', 'json'])).out,
    ) as { anomaly: unknown };
    expect(mad.anomaly).toStrictEqual({ ...checkAnomalyRobust(series, { zThreshold: 5, minMad: 1 }) });
    const options = [
      '--detector',
      'percentile',
      '--percentile',
      '0.9',
      '--min-impact',
      '500',
      '--season',
      '2',
      '--min-baseline',
      '1',
      '--format',
      'json',
    ];
    const percentile = JSON.parse((await cli(['check', at('amounts.txt'), ...options])).out) as { anomaly: unknown };
    expect(percentile.anomaly).toStrictEqual({
      ...checkAnomalyRobust(series, { method: 'percentile', percentile: 0.9, minImpact: 500, seasonLength: 2, minBaseline: 1 }),
    });
    const mean = JSON.parse(
      (await cli(['check', at('amounts.txt'), '--spike-multiplier', '4', '--hot-multiplier', '5', '--format', 'json'])).out,
    ) as Record<string, unknown>;
    expect(mean['anomaly']).toStrictEqual({ ...checkAnomalySpike(series, { spikeMultiplier: 4 }) });
    expect(mean['burnRate']).toStrictEqual({ ...checkBurnRate(series, { hotMultiplier: 5 }) });
  });

  test('--metric picks the Cost Explorer metric', async () => {
    const { out, code } = await cli(['check', at('cost-explorer-grouped.json'), '--metric', 'UsageQuantity', '--format', 'json']);
    expect(code).toBe(1);
    expect((JSON.parse(out) as { anomaly: { latestSpend: number } }).anomaly.latestSpend).toBeGreaterThan(1000);
  });
});

describe('cloudcircuit check: the text report', () => {
  test('one line per guardrail with its mark, a sparkline, and the decision', async () => {
    const { out, code } = await cli(['check', at('date-amount.csv'), '--budget', '2000']);
    expect(code).toBe(2);
    expect(out).toBe(
      [
        `cloudcircuit check ${at('date-amount.csv')}: 7 days, 2026-12-01 to 2026-12-07 (csv)`,
        '',
        '  BREACHED  Budget     2,345.00 of 2,000.00 in 2026-12 (117%), 345.00 over',
        '  WARNING   Forecast   10,385.00 projected for 2026-12 (7 of 31 days), 8,385.00 over; budget already reached',
        '  SPIKE     Anomaly    900.00 on 2026-12-07, threshold 361.25 (mean 240.83 x 1.5)',
        '  HOT       Burn rate  3.74x the average (900.00 vs 240.83)',
        '',
        `  Last 7    days       ${sparkline([300, 310, 295, 305, 120, 115, 900])}  max 900.00`,
        '',
        '  BLOCK     Decision   budget-breached, spend-spike, burn-rate-hot, forecast-breach',
        '                       Spend 2,345.00 is 117% of the 2,000.00 budget; latest spend 900.00 is above the 361.25 spike threshold; burn rate 3.74x the average; forecast 10,385.00 reaches the 2,000.00 budget.',
        '',
      ].join('\n'),
    );
  });

  test('marks OK lines, robust detectors, zero spend and spend after nothing', async () => {
    const calm = (await cli(['check', '-', '--budget', '5000', '--elapsed', '1', '--periods', '2', '--detector', 'mad'], { stdin: week }))
      .out;
    expect(calm).toContain('  OK        Budget     861.00 of 5,000.00 (17%), 4,139.00 left');
    expect(calm).toContain('  OK        Forecast   1,722.00 projected (1 of 2 periods); budget reached in 4.81 more periods');
    expect(calm).toContain('  OK        Anomaly    127.00 on newest point, threshold 133.97 (median 121.00 + 3.5 robust sd)');
    expect(calm).toContain('  ALLOW     Decision   no guardrail triggered');
    const zeros = (await cli(['check', '-', '--budget', '10', '--detector', 'percentile', '--season', '2'], { stdin: '0\n0\n0\n5\n' })).out;
    expect(zeros).toContain('SPIKE     Anomaly    5.00 on newest point, threshold 0.00 (p95 0.00, same phase of 2)');
    expect(zeros).toContain('HOT       Burn rate  spend after nothing the average (5.00 vs 0.00)');
    const nothing = (await cli(['check', '-', '--budget', '10', '--elapsed', '1', '--periods', '3'], { stdin: '0\n0\n' })).out;
    expect(nothing).toContain('OK        Forecast   0.00 projected (1 of 3 periods); nothing spent yet');
    expect(sparkline([5, 5, 5])).toBe('▁▁▁');
    expect(sparkline([10, 11, 12, 13, 14, 15, 16, 17])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline(Array.from({ length: 40 }, (_, i) => i))).toHaveLength(30);
  });

  test('colour only on a terminal, and never when NO_COLOR is set', async () => {
    const ansi = '\u001b[';
    expect((await cli(['check', '-'], { stdin: week, stdoutIsTTY: true })).out).toContain(ansi);
    expect((await cli(['check', '-'], { stdin: week, stdoutIsTTY: true, env: { NO_COLOR: '1' } })).out).not.toContain(ansi);
    expect((await cli(['check', '-'], { stdin: week, stdoutIsTTY: true, env: { NO_COLOR: '' } })).out).toContain(ansi); // set but empty: ignored
    expect((await cli(['check', '-'], { stdin: week, stdoutIsTTY: false })).out).not.toContain(ansi);
    const colours = (
      await cli(['check', at('date-amount.csv'), '--budget', '2000', '--elapsed', '1', '--periods', '31'], { stdoutIsTTY: true })
    ).out;
    expect(colours).toContain('\u001b[31mBREACHED '); // red
    expect(colours).toContain('\u001b[33mSPIKE    '); // yellow
    expect((await cli(['check', '-', '--budget', '950'], { stdin: week, stdoutIsTTY: true })).out).toContain(
      '\u001b[1m\u001b[33mTHROTTLE ',
    );
  });
});

describe('cloudcircuit: usage, data and input errors are one line on stderr', () => {
  test.each<[string[], string]>([
    [[], 'no command: use check or demo; see cloudcircuit --help'],
    [['chek'], "unknown command 'chek'; see cloudcircuit --help"],
    [['check', '--budgt', '5'], 'unknown option --budgt (did you mean --budget?); see cloudcircuit --help'],
    [['check', '--frobnicate'], 'unknown option --frobnicate; see cloudcircuit --help'],
    [['check', '--budget'], '--budget: expected a value; see cloudcircuit --help'],
    [['demo', '--sample=yes'], '--sample: takes no value; see cloudcircuit --help'],
    [['check', '-', '--budget', 'abc'], "--budget: expected a number, got 'abc'"],
    [['check', '-', '--budget', '1e3x'], "--budget: expected a number, got '1e3x'"],
    [['check', '-', '--budget', '0'], '--budget: expected a finite number > 0, got 0'],
    [['check', '-', '--budget', '100', '--warning', '2'], '--warning: expected a finite number > 0 and <= 1, got 2'],
    [['check', '-', '--warning', '0.5'], '--warning needs --budget'],
    [
      ['check', '-', '--budget', '100', '--spent', '-1'],
      "--spent: a value starting with '-' is written --spent=VALUE; see cloudcircuit --help",
    ],
    [['check', '-', '--budget', '100', '--spent=-1'], '--spent: expected a finite number >= 0, got -1'],
    [['check', '-', '--budget', '100', '--elapsed', '3'], '--elapsed and --periods go together'],
    [['check', '-', '--budget', '100', '--elapsed', '31', '--periods', '30'], '--elapsed: expected <= --periods (30), got 31'],
    [['check', '-', '--budget', '100', '--elapsed', '0', '--periods', '30'], '--elapsed: expected a finite number > 0, got 0'],
    [['check', '-', '--detector', 'zscore'], "--detector: expected mean, mad or percentile, got 'zscore'"],
    [['check', '-', '--z-threshold', '3'], '--z-threshold applies to --detector mad, not mean'],
    [['check', '-', '--detector', 'mad', '--spike-multiplier', '3'], '--spike-multiplier applies to --detector mean, not mad'],
    [['check', '-', '--detector', 'mad', '--percentile', '0.9'], '--percentile applies to --detector percentile, not mad'],
    [['check', '-', '--spike-multiplier', '1'], '--spike-multiplier: expected a finite number > 1, got 1'],
    [['check', '-', '--detector', 'percentile', '--percentile', '95'], '--percentile: expected a finite number > 0 and < 1, got 95'],
    [['check', '-', '--season', '1'], '--season: expected a safe integer >= 2, got 1'],
    [['check', '-', '--hot-multiplier', '0.5'], '--hot-multiplier: expected a finite number > 1, got 0.5'],
    [['check', '-', '--min-impact=-5'], '--min-impact: expected a finite number >= 0, got -5'],
    [['check', '-', '--format', 'xml'], "--format: expected text or json, got 'xml'"],
    [['check', 'a.csv', 'b.csv'], "unexpected argument 'b.csv': check reads one FILE"],
    [['demo', 'a.csv'], 'demo takes only --format and --sample'],
    [['demo', '--budget', '5'], 'demo takes only --format and --sample'],
    [['check', '-', '--sample'], '--sample applies to demo'],
  ])('%j exits 64', async (args, message) => {
    const { code, out, err } = await cli(args, { stdin: week });
    expect(err).toBe(`cloudcircuit: ${message}\n`);
    expect(out).toBe('');
    expect(code).toBe(64);
  });

  test('a terminal with nothing piped is a usage error, not a hang', async () => {
    expect(await cli(['check'], { stdinIsTTY: true })).toEqual({
      code: 64,
      out: '',
      err: 'cloudcircuit: no input: give a FILE, or pipe billing data to standard input\n',
    });
  });

  test.each<[string[], string, string]>([
    [['check', at('bad-amount.csv')], '', `${at('bad-amount.csv')} line 17: amount 'abc' is not a number`],
    [['check', '-'], '5\n', 'stdin: needs at least 2 points, got 1'],
    [['check', '-'], '5\n-1\n', 'stdin line 2: amount -1 is negative'],
    [
      ['check', '-', '--season', '7'],
      week,
      'stdin: Expected the series to be a series of at least 8 points for seasonLength 7, got 7 points.',
    ],
    [['check', '-'], '', 'stdin: no data'],
  ])('%j exits 65 on bad data', async (args, stdin, message) => {
    expect(await cli(args, { stdin })).toEqual({ code: 65, out: '', err: `cloudcircuit: ${message}\n` });
  });

  test('a missing or unreadable input exits 66', async () => {
    expect(await cli(['check', at('nope.csv')])).toEqual({
      code: 66,
      out: '',
      err: `cloudcircuit: cannot read ${at('nope.csv')}: no such file\n`,
    });
    expect((await cli(['check', fixtures])).err).toBe(`cloudcircuit: cannot read ${fixtures}: it is a directory\n`);
    const failing = () => Promise.reject(new Error('EIO: i/o error, read'));
    expect(await cli(['check'], { readStdin: failing })).toEqual({
      code: 66,
      out: '',
      err: 'cloudcircuit: cannot read standard input: EIO: i/o error, read\n',
    });
    const denied = () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' }));
    expect((await cli(['check', 'secret.csv'], { readFile: denied })).err).toBe(
      'cloudcircuit: cannot read secret.csv: permission denied\n',
    );
    const odd = () => Promise.reject(new Error('boom'));
    expect(await cli(['check', 'odd.csv'], { readFile: odd })).toEqual({
      code: 66,
      out: '',
      err: 'cloudcircuit: cannot read odd.csv: Error: boom\n',
    });
  });

  test('a bug is still one line, with exit code 70, never a decision', async () => {
    const broken = () => {
      throw new TypeError('stdout is gone');
    };
    expect(await cli(['check', '-'], { stdin: week, stdout: broken })).toEqual({
      code: 70,
      out: '',
      err: 'cloudcircuit: internal error: stdout is gone\n',
    });
    const odd = (): never => {
      throw Object.assign(Object.create(null) as object, { toString: () => 'not an Error' }) as Error;
    };
    expect((await cli(['check', '-'], { stdin: week, stdout: odd })).err).toBe('cloudcircuit: internal error: not an Error\n');
  });
});

describe('cloudcircuit --help, --version and demo', () => {
  test('--help explains the commands, formats, flags and exit codes, with examples', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    for (const text of [
      'cloudcircuit check [FILE | -]',
      'aws ce get-cost-and-usage',
      'Azure',
      '--detector mean|mad|percentile',
      'NO_COLOR',
      '64 usage error',
      'Examples',
    ]) {
      expect(out).toContain(text);
    }
    expect((await cli(['check', '-h'])).out).toBe(out);
  });

  test('--version prints the package version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  test('demo prints a full report of the bundled sample and exits 0', async () => {
    const { code, out } = await cli(['demo']);
    expect(code).toBe(0);
    expect(out).toContain('cloudcircuit check sample.csv: 60 days, 2026-10-06 to 2026-12-04 (csv)');
    for (const mark of ['OK        Budget', 'WARNING   Forecast', 'SPIKE     Anomaly', 'HOT       Burn rate', 'THROTTLE  Decision'])
      expect(out).toContain(mark);
    expect(out).toContain('cloudcircuit check ends with exit code 1 here (throttle)');
  });

  test('demo --sample prints the sample, which check reads back to the same decision', async () => {
    const sample = (await cli(['demo', '--sample'])).out;
    const lines = sample.trim().split('\n');
    expect(lines[0]).toBe('date,service,cost');
    expect(lines).toHaveLength(1 + 60 * 3);
    const demo = JSON.parse((await cli(['demo', '--format', 'json'])).out) as unknown;
    const check = await cli(
      ['check', '-', '--budget', '6000', '--detector', 'mad', '--season', '7', '--min-impact', '50', '--format', 'json'],
      { stdin: sample },
    );
    expect(JSON.parse(check.out)).toStrictEqual(demo);
    expect(check.code).toBe(1);
  });
});

test('the README shows the demo exactly as it prints', async () => {
  const readme = await readFile(resolve(import.meta.dirname, '../README.md'), 'utf8');
  const shown = /npx cloudcircuit demo\n```\n[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1];
  const printed = (await cli(['demo'])).out;
  expect(shown).toBeDefined();
  expect(printed.startsWith(shown ?? 'missing')).toBe(true);
});
