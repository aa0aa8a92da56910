/**
 * Number formatting for summaries: fixed, locale-independent output (no Intl), the same in every runtime.
 *
 * @internal
 * @packageDocumentation
 */

/**
 * Groups the integer digits of a plain decimal string with commas.
 *
 * @param digits - a string like `1234567.50`.
 * @returns the grouped string, like `1,234,567.50`.
 */
function group(digits: string): string {
  return digits.replace(/^\d+/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

/**
 * Formats an amount with two decimals and thousands separators (`1,020.00`); amounts of 10^15 or more
 * in exponent form.
 *
 * @param amount - a finite number >= 0.
 * @returns the formatted amount.
 */
export function money(amount: number): string {
  return amount < 1e15 ? group(amount.toFixed(2)) : amount.toExponential(2);
}

/**
 * Formats a plain figure with at most two decimals (`30`, `2.5`, `1.47`).
 *
 * @param value - a number >= 0, possibly Infinity.
 * @returns the formatted figure.
 */
export function figure(value: number): string {
  return value < 1e15 ? group(String(Math.round(value * 100) / 100)) : value.toExponential(2);
}
