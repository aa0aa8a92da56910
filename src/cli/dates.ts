/**
 * Calendar days for billing data, without `Date`: exports write days as `2026-12-04`,
 * `2026-12-04T00:00:00Z`, `2026-12-04 00:00:00`, `2026/12/04` or Azure's `20261204`.
 *
 * @packageDocumentation
 */

const DAY_PATTERN = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The number of days in a month of the Gregorian calendar.
 *
 * @param year - the year.
 * @param month - the month, 1 to 12.
 * @returns 28 to 31.
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Reads the calendar day of a date or timestamp, as written (no time-zone shift: billing days are the
 * provider's days).
 *
 * @param text - a date such as `2026-12-04`, `2026-12-04T00:00:00Z`, `2026/12/04` or `20261204`.
 * @returns the day as `YYYY-MM-DD`, or null when `text` is not a valid date.
 */
export function calendarDay(text: string): string | null {
  const match = DAY_PATTERN.exec(text.trim());
  if (match === null) return null;
  const [year, month, day] = [match[1], match[2], match[3]] as [string, string, string];
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(Number(year), m)) return null;
  return `${year}-${month}-${day}`;
}
