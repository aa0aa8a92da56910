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
  const [whole = '', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * Formats an amount with two decimals and thousands separators (`1,020.00`); very large or non-finite
 * amounts in exponent form.
 *
 * @param amount - a number.
 * @returns the formatted amount.
 */
export function money(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const size = Math.abs(amount);
  return sign + (size < 1e15 ? group(size.toFixed(2)) : size.toExponential(2));
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
