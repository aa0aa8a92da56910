/**
 * An RFC 4180 CSV reader that keeps the line number of every record, for error messages.
 *
 * @packageDocumentation
 */

import { CliError, EXIT } from './errors.js';

/** One CSV record: its fields, and the line it starts on (1-based). */
export interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/**
 * Splits CSV text into records. Fields are separated by commas and records by LF or CRLF; a field in
 * double quotes may hold commas, line breaks and `""` for a quote. Blank lines are skipped, and a
 * leading byte-order mark is ignored.
 *
 * @param text - the CSV text.
 * @param name - the input's name for messages (a file name, or `stdin`).
 * @returns the records, in order.
 * @throws CliError (data) for an unterminated quoted field, or a quote where RFC 4180 allows none.
 */
export function parseCsv(text: string, name: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let quoted = false; // the record so far has a quoted field: it is not blank, even if empty
  let line = 1;
  let start = 1;
  let index = 0;
  const fail = (message: string): never => {
    throw new CliError(`${name} line ${String(line)}: ${message}`, EXIT.data);
  };
  const endRecord = (): void => {
    fields.push(field);
    if (quoted || fields.length > 1 || field !== '') records.push({ fields, line: start });
    fields = [];
    field = '';
    quoted = false;
  };
  while (index < source.length) {
    const char = source[index] as string;
    if (char === '"' && field === '') {
      // a quoted field: read to the closing quote
      quoted = true;
      index++;
      for (;;) {
        if (index >= source.length) fail('a quoted field is not closed');
        const inner = source[index] as string;
        index++;
        if (inner !== '"') {
          if (inner === '\n') line++;
          field += inner;
        } else if (source[index] === '"') {
          field += '"';
          index++;
        } else {
          break;
        }
      }
      const next = source[index];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        fail(`unexpected ${JSON.stringify(next)} after a closing quote`);
      continue;
    }
    if (char === '"') fail('a quote inside an unquoted field');
    index++;
    if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      endRecord();
      if (char === '\r' && source[index] === '\n') index++;
      line++;
      start = line;
    } else {
      field += char;
    }
  }
  if (quoted || field !== '' || fields.length > 0) endRecord();
  return records;
}
