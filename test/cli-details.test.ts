// The command line's details, pinned: the number and date syntax it accepts, every column name it knows,
// the corners of RFC 4180, and the shape of each report line. Mutation testing found these unpinned.

import { describe, expect, test } from 'vitest';
import { parseCsv } from '../src/cli/csv.js';
import { calendarDay } from '../src/cli/dates.js';
import { CliError } from '../src/cli/errors.js';
import { PLAIN_NUMBER, readDataset } from '../src/cli/input.js';
import { cli, cliError } from './cli-helpers.js';

/** The message of the CliError that `read` throws. */
const failure = (read: () => unknown): string => cliError(read)[0];

describe('plain numbers', () => {
  test.each(['0', '12', '-1', '+1', '1.', '.5', '.25', '1.25', '1e5', '1e10', '1E-5', '1e+5', '1.5e3', '-0.25e-2', '2e-308', '007'])(
    '%s is a number',
    (text) => {
      expect(PLAIN_NUMBER.test(text)).toBe(true);
    },
  );
  test.each([
    '',
    'e5',
    '1e',
    '1e+',
    '1.2.3',
    ' 1',
    '1 ',
    'x1',
    '1x',
    '..5',
    '.',
    '+',
    '-',
    '.e5',
    '5e1.5',
    '1,000',
    '$5',
    '1e5x',
    '0x10',
    'Infinity',
    'NaN',
  ])('%j is not', (text) => {
    expect(PLAIN_NUMBER.test(text)).toBe(false);
  });
  test('amounts may have spaces around them; -0 reads as 0', () => {
    expect(readDataset('  12.5 \n 7\n', 'x').amounts).toEqual([12.5, 7]);
    expect(Object.is(readDataset('-0\n1\n', 'x').amounts[0], 0)).toBe(true);
    expect(Object.is(readDataset('date,cost\n2026-12-01,-0\n2026-12-02,1\n', 'x').amounts[0], 0)).toBe(true);
  });
  test('a non-number of exactly 40 characters is shown whole', () => {
    const text = `x${'y'.repeat(39)}`;
    expect(failure(() => readDataset(`${text}\n1\n`, 'x'))).toBe(`x line 1: amount '${text}' is not a number`);
  });
});

describe('dates', () => {
  test.each([
    ['2026-01-15', '2026-01-15'],
    ['2026-12-31T23:00:00+0200', '2026-12-31'],
    ['2026-12-04T10:00', '2026-12-04'],
    ['2026-12-04X', null],
    ['2026-12-04T', null],
    ['x2026-12-04', null],
    ['2026-12-04T10:00:00ZZ', null],
    ['2026-12', null],
  ])('%s reads as %s', (text, day) => {
    expect(calendarDay(text)).toBe(day);
  });
});

describe('every column name', () => {
  const dates = [
    'date',
    'Day',
    'usage_date',
    'UsageDate',
    'UsageStartDate',
    'lineItem/UsageStartDate',
    'time',
    'Timestamp',
    'start',
    'period',
    'BillingPeriod',
  ];
  const amounts = [
    'amount',
    'Cost',
    'spend',
    'total',
    'UnblendedCost',
    'lineItem/UnblendedCost',
    'BlendedCost',
    'NetUnblendedCost',
    'AmortizedCost',
    'NetAmortizedCost',
    'PreTaxCost',
    'CostInBillingCurrency',
    'CostInUSD',
    'cost_usd',
    'BilledCost',
    'EffectiveCost',
  ];
  test.each(dates)('%s is a date column', (header) => {
    expect(readDataset(`${header},cost\n2026-12-02,2\n2026-12-01,1\n`, 'x')).toMatchObject({
      amounts: [1, 2],
      days: ['2026-12-01', '2026-12-02'],
    });
  });
  test.each(amounts)('%s is an amount column', (header) => {
    expect(readDataset(`date,${header}\n2026-12-01,1\n2026-12-02,2\n`, 'x')).toMatchObject({ amounts: [1, 2] });
  });
  test('a header with an amount column and no date column reads the amounts in order, whatever the width', () => {
    expect(readDataset('service,cost\nec2,3\ns3,4\n', 'x')).toEqual({ amounts: [3, 4], days: null, format: 'csv' });
  });
});

describe('RFC 4180 corners', () => {
  test.each<[string, string[][]]>([
    ['x', [['x']]],
    ['x,', [['x', '']]],
    ['a\n', [['a']]],
    ['a,b', [['a', 'b']]],
    ['"a",', [['a', '']]],
    ['"a"\r\n"b"', [['a'], ['b']]],
    ['"a"', [['a']]],
    [',\n', [['', '']]],
  ])('%j', (text, records) => {
    expect(parseCsv(text, 'x').map((record) => record.fields)).toEqual(records);
  });
  test('an unterminated quote at the very end is an error, not a hang', () => {
    expect(failure(() => parseCsv('"abc', 'x'))).toBe('x line 1: a quoted field is not closed');
    expect(failure(() => parseCsv('"', 'x'))).toBe('x line 1: a quoted field is not closed');
  });
  test('a carriage return or a comma may follow a closing quote; nothing else may', () => {
    expect(parseCsv('"a"\r', 'x').map((r) => r.fields)).toEqual([['a']]);
    expect(failure(() => parseCsv('"a" ', 'x'))).toBe('x line 1: unexpected " " after a closing quote');
  });
});

describe('JSON inputs', () => {
  test('an array of numeric strings is a series', () => {
    expect(readDataset('["12.5", "13"]', 'x').amounts).toEqual([12.5, 13]);
  });
  test('a Cost Explorer entry without a period, or with null metrics, names what is missing', () => {
    expect(failure(() => readDataset('{"ResultsByTime": [{"Total": {"C": {"Amount": "1"}}}]}', 'ce'))).toBe(
      'ce: ResultsByTime[0].TimePeriod.Start: date is missing',
    );
    expect(failure(() => readDataset('{"ResultsByTime": [{"TimePeriod": {"Start": "2026-12-01"}, "Total": null}]}', 'ce'))).toBe(
      'ce: ResultsByTime[0].Total: no cost metric (choose one with --metric)',
    );
  });
  test('Azure needs both arrays, and finds a date column in any position', () => {
    expect(failure(() => readDataset('{"properties": {"columns": [{"name": "Cost"}]}}', 'az'))).toBe(
      'az: properties.columns and properties.rows must be arrays',
    );
    expect(
      readDataset('{"properties": {"columns": [{"name": "UsageDate"}, {"name": "Cost"}], "rows": [[20261202, 2], [20261201, 1]]}}', 'az'),
    ).toMatchObject({
      amounts: [1, 2],
      days: ['2026-12-01', '2026-12-02'],
    });
  });
});

describe('report lines', () => {
  const calm = '100\n100\n100\n100\n';
  test('each guardrail is coloured by its state', async () => {
    const [green, yellow, red] = ['\u001b[32m', '\u001b[33m', '\u001b[31m'];
    const mark = (text: string, colour: string, label: string) => `${colour}${text.padEnd(9)}\u001b[39m ${label}`;
    const decision = (text: string, colour: string) => `\u001b[1m${colour}${text.padEnd(9)}\u001b[39m\u001b[22m Decision`;
    const ok = (await cli(['check', '-', '--budget', '1000', '--elapsed', '1', '--periods', '2'], { stdin: calm, stdoutIsTTY: true })).out;
    for (const label of ['Budget', 'Forecast', 'Anomaly', 'Burn rate']) expect(ok).toContain(mark('OK', green, label));
    expect(ok).toContain(decision('ALLOW', green));
    const warm = (
      await cli(['check', '-', '--budget', '500', '--elapsed', '1', '--periods', '2'], { stdin: '100\n100\n100\n160\n', stdoutIsTTY: true })
    ).out;
    for (const [text, label] of [
      ['WARNING', 'Budget'],
      ['WARNING', 'Forecast'],
      ['SPIKE', 'Anomaly'],
      ['HOT', 'Burn rate'],
    ] as const) {
      expect(warm).toContain(mark(text, yellow, label));
    }
    expect(warm).toContain(decision('THROTTLE', yellow));
    const hot = (await cli(['check', '-', '--budget', '300'], { stdin: calm, stdoutIsTTY: true })).out;
    expect(hot).toContain(mark('BREACHED', red, 'Budget'));
    expect(hot).toContain(decision('BLOCK', red));
  });

  test('a budget spent to the cent has 0.00 left, not over', async () => {
    expect((await cli(['check', '-', '--budget', '400'], { stdin: calm })).out).toContain('400.00 of 400.00 (100%), 0.00 left');
  });

  test('the trend line counts points for undated data and shows the largest of the last 30', async () => {
    const series = `${Array.from({ length: 35 }, (_, index) => String(index < 5 ? 900 : 100 + index)).join('\n')}\n`;
    expect((await cli(['check', '-'], { stdin: series })).out).toContain('  Last 30   points     ');
    expect((await cli(['check', '-'], { stdin: series })).out).toContain('max 134.00');
  });
});

describe('flags', () => {
  test('a flag two edits away gets a suggestion; three edits away does not', async () => {
    expect((await cli(['check', '--buget'], { stdin: '' })).err).toContain('did you mean --budget?');
    expect((await cli(['check', '--bdgt'], { stdin: '' })).err).toContain('did you mean --budget?');
    expect((await cli(['check', '--xyzzy'], { stdin: '' })).err).not.toContain('did you mean');
    expect((await cli(['check', '-season', '7'], { stdin: '' })).err).toContain('unknown option -s');
  });
  test('--metric picks the metric; the format flag is read as given', async () => {
    const ce = JSON.stringify({
      ResultsByTime: [1, 2, 3].map((day) => ({
        TimePeriod: { Start: `2026-12-0${String(day)}` },
        Total: { A: { Amount: '1' }, B: { Amount: String(day * 10) } },
      })),
    });
    const pick = JSON.parse((await cli(['check', '-', '--metric', 'B', '--format', 'json'], { stdin: ce })).out) as {
      burnRate: { latestSpend: number };
    };
    expect(pick.burnRate.latestSpend).toBe(30);
  });
  test('numeric flags accept every plain number and nothing else', async () => {
    expect((await cli(['check', '-', '--budget', '1e3'], { stdin: '2\n2\n' })).code).toBe(0);
    expect((await cli(['check', '-', '--budget', '.5e4'], { stdin: '2\n2\n' })).code).toBe(0);
    expect((await cli(['check', '-', '--budget', '1e3e3'], { stdin: '2\n2\n' })).err).toBe(
      "cloudcircuit: --budget: expected a number, got '1e3e3'\n",
    );
  });
});

describe('budget and forecast periods', () => {
  const json = async (args: string[], stdin: string) =>
    JSON.parse((await cli([...args, '--format', 'json'], { stdin })).out) as Record<string, Record<string, number> | null>;
  const days = (month: string, count: number) =>
    Array.from({ length: count }, (_, index) => `${month}-${String(index + 1).padStart(2, '0')},10`).join('\n');

  test('the forecast runs over the days of the newest month: 30 in November, 29 in a leap February', async () => {
    expect((await json(['check', '-', '--budget', '1000'], days('2026-11', 5)))['forecast']).toMatchObject({
      periodsElapsed: 5,
      totalPeriods: 30,
    });
    expect((await json(['check', '-', '--budget', '1000'], days('2028-02', 3)))['forecast']).toMatchObject({
      periodsElapsed: 3,
      totalPeriods: 29,
    });
  });

  test('--elapsed and --periods override the calendar, and may be equal', async () => {
    expect(
      (await json(['check', '-', '--budget', '1000', '--elapsed', '2', '--periods', '10'], days('2026-11', 5)))['forecast'],
    ).toMatchObject({
      periodsElapsed: 2,
      totalPeriods: 10,
    });
    expect((await json(['check', '-', '--budget', '1000', '--elapsed', '10', '--periods', '10'], '1\n2\n'))['forecast']).toMatchObject({
      periodsElapsed: 10,
    });
  });

  test('with --spent the report names no month, since the spend is not the month sum', async () => {
    const report = (await cli(['check', '-', '--budget', '1000', '--spent', '50'], { stdin: days('2026-11', 5) })).out;
    expect(report).toContain('Budget     50.00 of 1,000.00 (5%), 950.00 left');
    expect((await cli(['check', '-', '--budget', '1000'], { stdin: days('2026-11', 5) })).out).toContain(
      '50.00 of 1,000.00 in 2026-11 (5%)',
    );
  });

  test.each<[string[], string]>([
    [['--budget', '100', '--elapsed', '1', '--periods', '1e400'], '--periods: expected a finite number > 0, got Infinity'],
    [['--detector', 'mad', '--z-threshold', '0'], '--z-threshold: expected a finite number > 0, got 0'],
    [['--detector', 'mad', '--min-mad=-1'], '--min-mad: expected a finite number >= 0, got -1'],
    [['--min-baseline=-1'], '--min-baseline: expected a finite number >= 0, got -1'],
    [['--detector', 'mad', '--spike-multiplier', '2'], '--spike-multiplier applies to --detector mean, not mad'],
    [['--detector', 'percentile', '--min-mad', '2'], '--min-mad applies to --detector mad, not percentile'],
  ])('%j names the flag', async (flags, message) => {
    expect((await cli(['check', '-', ...flags], { stdin: '1\n2\n' })).err).toBe(`cloudcircuit: ${message}\n`);
  });
});

describe('input corners', () => {
  test('a byte-order mark before JSON is passed over', () => {
    expect(readDataset('\uFEFF[1, 2]', 'x').amounts).toEqual([1, 2]);
    expect(readDataset('\uFEFF  \n[3, 4]', 'x').amounts).toEqual([3, 4]);
  });
  test('a Cost Explorer day with groups but an empty total is the sum of its groups', () => {
    const response = {
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-12-01' },
          Total: {},
          Groups: [{ Metrics: { C: { Amount: '2' } } }, { Metrics: { C: { Amount: '3' } } }],
        },
      ],
    };
    expect(readDataset(JSON.stringify(response), 'ce').amounts).toEqual([5]);
  });
  test('Azure without a date column, but with a cost column, is an error too', () => {
    expect(failure(() => readDataset('{"properties": {"columns": [{"name": "Cost"}], "rows": [[1]]}}', 'az'))).toBe(
      'az: properties.columns needs a date column (UsageDate) and a cost column (PreTaxCost, Cost, ...)',
    );
  });
  test('a header-less file of two columns reads date,amount; three is an error even if the first row has numbers', () => {
    expect(readDataset('2026-12-01,5\n2026-12-02,6\n', 'x').amounts).toEqual([5, 6]);
    expect(failure(() => readDataset('1,2,3\n', 'x'))).toBe(
      'x line 1: no header with a date and an amount column, and more than 2 columns',
    );
  });
  test('a date that is neither text nor a number is not a date', () => {
    expect(failure(() => readDataset('[{"date": true, "amount": 1}]', 'x'))).toBe(
      'x: [0].date: date true is not a date (write it as YYYY-MM-DD)',
    );
  });
});

test('errors of the command line are CliErrors by name, with their exit code', () => {
  const error = new CliError('bad', 65);
  expect(error.name).toBe('CliError');
  expect(error.exitCode).toBe(65);
  expect(error).toBeInstanceOf(Error);
});
