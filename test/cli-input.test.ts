import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../src/cli/csv.js';
import { calendarDay, daysInMonth } from '../src/cli/dates.js';
import { readDataset } from '../src/cli/input.js';
import { cliError } from './cli-helpers.js';

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');

const failure = cliError;

/** Sums amounts per day from [day, amount] pairs, plainly, and orders the days. */
function totals(pairs: readonly (readonly [string, number])[]): { days: string[]; amounts: number[] } {
  const byDay: Record<string, number> = {};
  for (const [day, amount] of pairs) byDay[day] = (byDay[day] ?? 0) + amount;
  const days = Object.keys(byDay).sort();
  return { days, amounts: days.map((day) => byDay[day] as number) };
}

describe('calendar days', () => {
  test.each([
    ['2026-12-04', '2026-12-04'],
    ['2026-12-04T00:00:00Z', '2026-12-04'],
    ['2026-12-04T23:59:59.999+02:00', '2026-12-04'],
    ['2026-12-04 00:00:00', '2026-12-04'],
    ['2026/12/04', '2026-12-04'],
    ['20261204', '2026-12-04'],
    [' 2026-12-04 ', '2026-12-04'],
    ['2028-02-29', '2028-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2026-02-29', null],
    ['2100-02-29', null],
    ['2026-04-31', null],
    ['2026-13-01', null],
    ['2026-00-10', null],
    ['2026-12-00', null],
    ['12/04/2026', null],
    ['yesterday', null],
  ])('%s reads as %s', (text, day) => {
    expect(calendarDay(text)).toBe(day);
  });

  test('days in each month, leap years included', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2026, month))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect([2024, 2100, 2000].map((year) => daysInMonth(year, 2))).toEqual([29, 28, 29]);
  });
});

describe('the CSV reader (RFC 4180)', () => {
  test('reads quoted fields with commas, quotes and line breaks, keeping the line each record starts on', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",3\n\n"",\n4,5';
    expect(parseCsv(text, 't.csv')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x, y', 'say "hi"'], line: 2 },
      { fields: ['two\nlines', '3'], line: 3 },
      { fields: ['', ''], line: 6 },
      { fields: ['4', '5'], line: 7 },
    ]);
    expect(parseCsv('""', 't.csv')).toEqual([{ fields: [''], line: 1 }]);
    expect(parseCsv('1\r2\r', 't.csv')).toEqual([
      { fields: ['1'], line: 1 },
      { fields: ['2'], line: 2 },
    ]);
  });

  test.each([
    ['a,b\n"open,1\n', 't.csv line 3: a quoted field is not closed'],
    ['a,b\n1,x"y\n', 't.csv line 2: a quote inside an unquoted field'],
    ['a,b\n"1"x,2\n', 't.csv line 2: unexpected "x" after a closing quote'],
  ])('rejects %j', (text, message) => {
    expect(failure(() => parseCsv(text, 't.csv'))).toEqual([message, 65]);
  });
});

describe('readDataset', () => {
  test('a per-service CSV spanning two months in shuffled order: summed per day, ordered by day', () => {
    const text = fixture('per-service.csv');
    const pairs = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => {
        const cells = line.split(',');
        return [cells[0] as string, Number(cells.at(-1))] as const;
      });
    const expected = totals(pairs);
    const data = readDataset(text, 'per-service.csv');
    expect(data.format).toBe('csv');
    expect(data.days).toEqual(expected.days);
    expect(data.days?.[0]).toBe('2026-11-01');
    expect(data.days?.at(-1)).toBe('2026-12-04');
    expect(data.amounts).toHaveLength(34);
    data.amounts.forEach((amount, index) => {
      expect(amount).toBeCloseTo(expected.amounts[index] as number, 9);
    });
  });

  test('a grouped Cost Explorer response: the groups of each day summed, for the first metric or --metric', () => {
    const text = fixture('cost-explorer-grouped.json');
    const response = JSON.parse(text) as {
      ResultsByTime: { TimePeriod: { Start: string }; Groups: { Metrics: Record<string, { Amount: string }> }[] }[];
    };
    const sum = (metric: string) =>
      response.ResultsByTime.map((day) => day.Groups.reduce((total, group) => total + Number(group.Metrics[metric]?.Amount), 0));
    const data = readDataset(text, 'ce.json');
    expect(data.format).toBe('aws-cost-explorer');
    expect(data.days).toEqual(response.ResultsByTime.map((day) => day.TimePeriod.Start));
    expect(data.amounts).toEqual(sum('UnblendedCost'));
    expect(readDataset(text, 'ce.json', 'UsageQuantity').amounts).toEqual(sum('UsageQuantity'));
    expect(failure(() => readDataset(text, 'ce.json', 'AmortizedCost'))).toEqual([
      'ce.json: ResultsByTime[0].Groups[0].Metrics: no AmortizedCost metric (choose one with --metric)',
      65,
    ]);
  });

  test('an ungrouped Cost Explorer response, and a grouped day with no cost at all', () => {
    const day = (start: string, amount: string) => ({
      TimePeriod: { Start: start, End: 'x' },
      Total: { BlendedCost: { Amount: amount, Unit: 'USD' } },
      Groups: undefined,
    });
    const text = JSON.stringify({
      ResultsByTime: [day('2026-12-02', '5.5'), day('2026-12-01', '4.25'), { TimePeriod: { Start: '2026-12-03' }, Total: {}, Groups: [] }],
    });
    expect(readDataset(text, 'ce.json')).toEqual({
      amounts: [4.25, 5.5, 0],
      days: ['2026-12-01', '2026-12-02', '2026-12-03'],
      format: 'aws-cost-explorer',
    });
    expect(
      failure(() => readDataset(JSON.stringify({ ResultsByTime: [{ TimePeriod: { Start: '2026-12-01' }, Total: {} }] }), 'ce.json')),
    ).toEqual(['ce.json: ResultsByTime[0].Total: no cost metric (choose one with --metric)', 65]);
    expect(
      readDataset(
        JSON.stringify({ ResultsByTime: [{ TimePeriod: { Start: '2026-12-01' }, Groups: [] }, day('2026-12-02', '1')] }),
        'ce.json',
      ).amounts,
    ).toEqual([0, 1]);
    expect(
      failure(() =>
        readDataset(JSON.stringify({ ResultsByTime: [{ TimePeriod: { Start: '2026-12-01' }, Groups: [{ Keys: ['EC2'] }] }] }), 'ce.json'),
      ),
    ).toEqual(['ce.json: ResultsByTime[0].Groups[0].Metrics: no cost metric (choose one with --metric)', 65]);
    expect(failure(() => readDataset(JSON.stringify({ ResultsByTime: [day('2026-12-01', 'n/a')] }), 'ce.json'))).toEqual([
      "ce.json: ResultsByTime[0].Total.BlendedCost.Amount: amount 'n/a' is not a number",
      65,
    ]);
  });

  test('an Azure cost management query result: rows summed per UsageDate', () => {
    const text = fixture('azure-query.json');
    const { properties } = JSON.parse(text) as { properties: { rows: [number, number, string, string][] } };
    const expected = totals(
      properties.rows.map(
        ([cost, date]) => [`${String(date).slice(0, 4)}-${String(date).slice(4, 6)}-${String(date).slice(6)}`, cost] as const,
      ),
    );
    const data = readDataset(text, 'azure.json');
    expect(data.format).toBe('azure-cost-query');
    expect(data.days).toEqual(expected.days);
    expect(data.amounts).toEqual(expected.amounts);
  });

  test('CSV without a header: one column of amounts, or date,amount', () => {
    expect(readDataset(fixture('amounts.txt'), 'amounts.txt')).toEqual({
      amounts: [120, 118, 125, 130, 122, 119, 127, 121, 124, 126, 123, 128, 120, 410],
      days: null,
      format: 'csv',
    });
    expect(readDataset(fixture('date-amount.csv'), 'd.csv')).toMatchObject({
      amounts: [300, 310, 295, 305, 120, 115, 900],
      days: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'],
    });
  });

  test('a header with only an amount column reads amounts in order', () => {
    expect(readDataset('Cost\n1.5\n2.5\n', 'c.csv')).toEqual({ amounts: [1.5, 2.5], days: null, format: 'csv' });
  });

  test('JSON arrays of numbers, numeric strings, and {date, amount | cost} objects', () => {
    expect(readDataset('[1, 2.5, "3"]', 'a.json')).toEqual({ amounts: [1, 2.5, 3], days: null, format: 'json' });
    expect(
      readDataset('[{"date":"2026-12-02","cost":2},{"date":"2026-12-01","amount":"1"},{"date":"2026-12-02","amount":0.5}]', 'a.json'),
    ).toEqual({
      amounts: [1, 2.5],
      days: ['2026-12-01', '2026-12-02'],
      format: 'json',
    });
  });

  test.each<[string, string, string]>([
    ['bad-amount.csv', fixture('bad-amount.csv'), "bad-amount.csv line 17: amount 'abc' is not a number"],
    ['empty', '  \n', 'x: no data'],
    ['a bad date', 'date,cost\n2026-02-30,4\n', "x line 2: date '2026-02-30' is not a date (write it as YYYY-MM-DD)"],
    ['a short row', 'date,service,cost\n2026-12-01,ec2\n', 'x line 2: expected 3 columns, got 2'],
    [
      'no amount column',
      'date,service\n2026-12-01,ec2\n',
      'x line 1: no amount column (name one amount, cost, spend, total, unblendedcost, lineitemunblendedcost, blendedcost, netunblendedcost, ...)',
    ],
    ['three columns and no header', '1,2,3\n4,5,6\n', 'x line 1: no header with a date and an amount column, and more than 2 columns'],
    ['a negative daily total', 'date,cost\n2026-12-01,5\n2026-12-01,-7\n', 'x: the total for 2026-12-01 is negative (-2)'],
    ['a negative amount', '5\n-1\n', 'x line 2: amount -1 is negative'],
    ['a long non-number', `${'9'.repeat(3)}x${'y'.repeat(50)}\n`, `x line 1: amount '999x${'y'.repeat(36)}…' is not a number`],
    ['currency symbols', '$5\n6\n', "x line 1: amount '$5' is not a number"],
    ['invalid JSON', '{"ResultsByTime": [}', 'x: not valid JSON'],
    [
      'an unknown JSON shape',
      '{"data": []}',
      'x: unknown JSON shape (expected an array, the output of aws ce get-cost-and-usage, or an Azure cost query result)',
    ],
    ['a JSON object without a date', '[{"amount": 1}]', 'x: [0].date: date is missing'],
    ['a JSON object without an amount', '[{"date": "2026-12-01"}]', 'x: [0].amount: amount is missing'],
    ['a JSON null amount', '[1, null]', 'x: [1]: amount null is not a number'],
    ['a JSON boolean amount', '[{"date": "2026-12-01", "amount": true}]', 'x: [0].amount: amount true is not a number'],
    ['a JSON negative amount', '[1, -2]', 'x: [1]: amount -2 is negative'],
    ['Azure without arrays', '{"properties": {"columns": {}}}', 'x: properties.columns and properties.rows must be arrays'],
    [
      'Azure without a cost column',
      '{"properties": {"columns": [{"name": "UsageDate"}], "rows": []}}',
      'x: properties.columns needs a date column (UsageDate) and a cost column (PreTaxCost, Cost, ...)',
    ],
    [
      'Azure with a bad date',
      '{"properties": {"columns": [{"name": "Cost"}, {"name": "UsageDate"}], "rows": [[1, 20261332]]}}',
      'x: properties.rows[0]: date 20261332 is not a date (write it as YYYY-MM-DD)',
    ],
  ])('rejects %s', (_, text, message) => {
    const [actual, code] = failure(() => readDataset(text, _ === 'bad-amount.csv' ? _ : 'x'));
    expect(actual.startsWith(message)).toBe(true);
    expect(code).toBe(65);
  });
});
