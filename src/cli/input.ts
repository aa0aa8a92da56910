/**
 * Reading billing data into a spend series: CSV with or without a header, JSON arrays, the output of
 * `aws ce get-cost-and-usage`, and Azure cost management query results. The format is told from the
 * content. Rows that share a day are summed, and the series is ordered by day.
 *
 * @packageDocumentation
 */

import { parseCsv, type CsvRecord } from './csv.js';
import { calendarDay } from './dates.js';
import { CliError, EXIT } from './errors.js';

/** A spend series read from an input. */
export interface Dataset {
  /** Spend per period, oldest first. */
  readonly amounts: readonly number[];
  /** The day of each amount (`YYYY-MM-DD`), or null when the input has no dates. */
  readonly days: readonly string[] | null;
  /** What the input was: `csv`, `json`, `aws-cost-explorer` or `azure-cost-query`. */
  readonly format: 'csv' | 'json' | 'aws-cost-explorer' | 'azure-cost-query';
}

/** Header names (lower case, letters and digits only) that hold the day, in order of preference. */
const DATE_COLUMNS = [
  'date',
  'day',
  'usagedate',
  'usagestartdate',
  'lineitemusagestartdate',
  'time',
  'timestamp',
  'start',
  'period',
  'billingperiod',
];
/** Header names that hold the amount, in order of preference. */
const AMOUNT_COLUMNS = [
  'amount',
  'cost',
  'spend',
  'total',
  'unblendedcost',
  'lineitemunblendedcost',
  'blendedcost',
  'netunblendedcost',
  'amortizedcost',
  'netamortizedcost',
  'pretaxcost',
  'costinbillingcurrency',
  'costinusd',
  'costusd',
  'billedcost',
  'effectivecost',
];
/** A plain decimal number, as billing exports and flags write them: `12`, `-0.5`, `.5`, `1e3`; no `$`, no `,`. */
export const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Lower case, letters and digits only: `UnblendedCost`, `unblended_cost` and `lineItem/UnblendedCost` alike. */
const normalize = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Reads an amount written as a plain decimal number.
 *
 * @param text - the text of the amount.
 * @param where - where it was, for the message (`daily.csv line 17`).
 * @returns the number.
 * @throws CliError (data) when it is not a finite plain number.
 */
function amountOf(text: unknown, where: string): number {
  const value = typeof text === 'number' ? text : typeof text === 'string' && PLAIN_NUMBER.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isFinite(value))
    throw new CliError(`${where}: ${text === undefined ? 'amount is missing' : `amount ${shown(text)} is not a number`}`, EXIT.data);
  return value + 0;
}

/**
 * Shows a value from the input in a message: strings quoted and cut, other JSON values as JSON.
 *
 * @param value - a value read from the input (not undefined).
 * @returns the text to show.
 */
function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'` : JSON.stringify(value);
}

/**
 * Reads a day.
 *
 * @param text - the text of the day.
 * @param where - where it was, for the message.
 * @returns `YYYY-MM-DD`.
 * @throws CliError (data) when it is not a valid date.
 */
function dayOf(text: unknown, where: string): string {
  const day = typeof text === 'string' ? calendarDay(text) : typeof text === 'number' ? calendarDay(String(text)) : null; // Azure writes 20261204
  if (day !== null) return day;
  throw new CliError(
    `${where}: ${text === undefined ? 'date is missing' : `date ${shown(text)} is not a date (write it as YYYY-MM-DD)`}`,
    EXIT.data,
  );
}

/**
 * Sums dated amounts per day and orders the days.
 *
 * @param entries - day and amount pairs, in any order, days repeating.
 * @param name - the input's name.
 * @param format - the input's format.
 * @returns the dataset.
 * @throws CliError (data) when a day's total is negative.
 */
function byDay(entries: readonly (readonly [string, number])[], name: string, format: Dataset['format']): Dataset {
  const totals = new Map<string, number>();
  for (const [day, amount] of entries) totals.set(day, (totals.get(day) ?? 0) + amount);
  const days = [...totals.keys()].sort();
  const amounts = days.map((day) => {
    const total = totals.get(day) as number;
    if (total < 0) throw new CliError(`${name}: the total for ${day} is negative (${String(total)})`, EXIT.data);
    return total + 0;
  });
  return { amounts, days, format };
}

/**
 * Reads undated amounts.
 *
 * @param amounts - the amounts, in order.
 * @param where - where each was, for messages.
 * @param format - the input's format.
 * @returns the dataset.
 * @throws CliError (data) when an amount is negative.
 */
function inOrder(amounts: readonly number[], where: (index: number) => string, format: Dataset['format']): Dataset {
  amounts.forEach((amount, index) => {
    if (amount < 0) throw new CliError(`${where(index)}: amount ${String(amount)} is negative`, EXIT.data);
  });
  return { amounts, days: null, format };
}

/**
 * Reads CSV: with a header naming a date column and an amount column (other columns ignored), or without
 * one: a single column of amounts, or date,amount.
 *
 * @param text - the CSV text.
 * @param name - the input's name.
 * @returns the dataset.
 * @throws CliError (data) for unreadable lines.
 */
function fromCsv(text: string, name: string): Dataset {
  const records = parseCsv(text, name);
  const first = records[0] as CsvRecord; // readDataset has seen text that is not blank
  const headers = first.fields.map(normalize);
  const amountColumn = AMOUNT_COLUMNS.map((column) => headers.indexOf(column)).find((index) => index >= 0);
  const dateColumn = DATE_COLUMNS.map((column) => headers.indexOf(column)).find((index) => index >= 0);
  const where = (line: number): string => `${name} line ${String(line)}`;
  if (amountColumn === undefined && dateColumn !== undefined) {
    throw new CliError(`${name} line 1: no amount column (name one ${AMOUNT_COLUMNS.slice(0, 8).join(', ')}, ...)`, EXIT.data);
  }
  const rows = amountColumn === undefined ? records : records.slice(1);
  const width = amountColumn === undefined ? first.fields.length : 0;
  if (amountColumn === undefined && width > 2) {
    throw new CliError(`${name} line 1: no header with a date and an amount column, and more than 2 columns`, EXIT.data);
  }
  const field = (fields: readonly string[], index: number, line: number): string => {
    const value = fields[index];
    if (value === undefined)
      throw new CliError(`${where(line)}: expected ${String(index + 1)} columns, got ${String(fields.length)}`, EXIT.data);
    return value;
  };
  if (amountColumn !== undefined && dateColumn !== undefined) {
    return byDay(
      rows.map(
        ({ fields, line }) =>
          [dayOf(field(fields, dateColumn, line), where(line)), amountOf(field(fields, amountColumn, line), where(line))] as const,
      ),
      name,
      'csv',
    );
  }
  if (width === 2) {
    return byDay(
      rows.map(({ fields, line }) => [dayOf(field(fields, 0, line), where(line)), amountOf(field(fields, 1, line), where(line))] as const),
      name,
      'csv',
    );
  }
  const column = amountColumn ?? 0;
  return inOrder(
    rows.map(({ fields, line }) => amountOf(field(fields, column, line), where(line))),
    (index) => where((rows[index] as { line: number }).line),
    'csv',
  );
}

/**
 * Reads an own property of a JSON value, or undefined.
 *
 * @param value - any JSON value.
 * @param key - the property.
 * @returns the property's value, or undefined when `value` is not an object or lacks it.
 */
function get(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Reads the output of `aws ce get-cost-and-usage`: a day and an amount per `ResultsByTime` entry, from
 * `Total.<Metric>.Amount`, or the sum of `Groups[].Metrics.<Metric>.Amount` when grouped.
 *
 * @param results - the `ResultsByTime` array.
 * @param name - the input's name.
 * @param metric - the metric to read, or undefined for the first one present.
 * @returns the dataset.
 * @throws CliError (data) when an entry lacks the metric or has a bad amount.
 */
function fromCostExplorer(results: readonly unknown[], name: string, metric: string | undefined): Dataset {
  const entries: (readonly [string, number])[] = [];
  let chosen = metric;
  results.forEach((result, index) => {
    const at = `${name}: ResultsByTime[${String(index)}]`;
    const day = dayOf(get(get(result, 'TimePeriod'), 'Start'), `${at}.TimePeriod.Start`);
    const total = get(result, 'Total');
    const groups = get(result, 'Groups');
    if (Array.isArray(groups) && groups.length === 0 && Object.keys(total ?? {}).length === 0) {
      entries.push([day, 0]); // a grouped query's day with no cost at all
      return;
    }
    const sources: [unknown, string][] = Array.isArray(groups)
      ? groups.map((group: unknown, g) => [get(group, 'Metrics'), `${at}.Groups[${String(g)}].Metrics`])
      : [[total, `${at}.Total`]];
    for (const [metrics, path] of sources) {
      chosen ??= typeof metrics === 'object' && metrics !== null ? Object.keys(metrics)[0] : undefined;
      const amount = get(get(metrics, chosen ?? ''), 'Amount');
      if (amount === undefined) throw new CliError(`${path}: no ${chosen ?? 'cost'} metric (choose one with --metric)`, EXIT.data);
      entries.push([day, amountOf(amount, `${path}.${String(chosen)}.Amount`)]);
    }
  });
  return byDay(entries, name, 'aws-cost-explorer');
}

/**
 * Reads an Azure cost management query result: `properties.columns` names the columns and
 * `properties.rows` holds the values; `UsageDate` is a number such as 20261204.
 *
 * @param properties - the `properties` object.
 * @param name - the input's name.
 * @returns the dataset.
 * @throws CliError (data) when the columns or rows are not as expected.
 */
function fromAzure(properties: unknown, name: string): Dataset {
  const columns = get(properties, 'columns');
  const rows = get(properties, 'rows');
  if (!Array.isArray(columns) || !Array.isArray(rows))
    throw new CliError(`${name}: properties.columns and properties.rows must be arrays`, EXIT.data);
  const headers = columns.map((column: unknown) => normalize(String(get(column, 'name'))));
  const amountColumn = AMOUNT_COLUMNS.map((column) => headers.indexOf(column)).find((index) => index >= 0);
  const dateColumn = DATE_COLUMNS.map((column) => headers.indexOf(column)).find((index) => index >= 0);
  if (amountColumn === undefined || dateColumn === undefined) {
    throw new CliError(`${name}: properties.columns needs a date column (UsageDate) and a cost column (PreTaxCost, Cost, ...)`, EXIT.data);
  }
  return byDay(
    rows.map((row: unknown, index) => {
      const at = `${name}: properties.rows[${String(index)}]`;
      return [dayOf(get(row, String(dateColumn)), at), amountOf(get(row, String(amountColumn)), at)] as const;
    }),
    name,
    'azure-cost-query',
  );
}

/**
 * Reads JSON: an array of numbers, an array of `{ date, amount | cost }`, the output of
 * `aws ce get-cost-and-usage`, or an Azure cost management query result.
 *
 * @param text - the JSON text.
 * @param name - the input's name.
 * @param metric - the Cost Explorer metric to read, or undefined for the first.
 * @returns the dataset.
 * @throws CliError (data) for invalid JSON or an unknown shape.
 */
function fromJson(text: string, name: string, metric: string | undefined): Dataset {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${name}: not valid JSON (${(error as Error).message})`, EXIT.data);
  }
  if (Array.isArray(data)) {
    if (typeof data[0] === 'number' || typeof data[0] === 'string') {
      return inOrder(
        data.map((item, index) => amountOf(item, `${name}: [${String(index)}]`)),
        (index) => `${name}: [${String(index)}]`,
        'json',
      );
    }
    return byDay(
      data.map((item: unknown, index) => {
        const at = `${name}: [${String(index)}]`;
        const amount = get(item, 'amount') ?? get(item, 'cost');
        return [dayOf(get(item, 'date'), `${at}.date`), amountOf(amount, `${at}.amount`)] as const;
      }),
      name,
      'json',
    );
  }
  const results = get(data, 'ResultsByTime');
  if (Array.isArray(results)) return fromCostExplorer(results, name, metric);
  const properties = get(data, 'properties');
  if (properties !== undefined) return fromAzure(properties, name);
  throw new CliError(
    `${name}: unknown JSON shape (expected an array, the output of aws ce get-cost-and-usage, or an Azure cost query result)`,
    EXIT.data,
  );
}

/**
 * Reads billing data, telling the format from the content: JSON when it starts with `[` or `{`, else CSV.
 *
 * @param text - the input.
 * @param name - its name for messages.
 * @param metric - the Cost Explorer metric to read (`--metric`), or undefined.
 * @returns the spend series, with days when the input has them.
 * @throws CliError (data) for anything unreadable.
 */
export function readDataset(text: string, name: string, metric?: string): Dataset {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw new CliError(`${name}: no data`, EXIT.data);
  return start.startsWith('[') || start.startsWith('{') ? fromJson(start, name, metric) : fromCsv(text, name);
}
