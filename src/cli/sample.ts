/**
 * The demo's sample: 60 days of per-service daily spend, as a billing export would give it. Weekdays cost
 * more than weekends, storage grows slowly, the data crosses from October into December, and the last day
 * (Friday 2026-12-04) spikes when a compute job runs away. Generated, deterministically, so it ships in a
 * few hundred bytes of code instead of a data file.
 *
 * @packageDocumentation
 */

/** The budget the demo checks the sample against, for December. */
export const SAMPLE_BUDGET = 6000;

/**
 * Writes the sample as CSV with the header `date,service,cost`.
 *
 * @returns the CSV text, one row per day and service.
 */
export function sampleCsv(): string {
  let seed = 20261204;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648; // a fixed linear congruential generator
    return 0.92 + (seed / 2147483648) * 0.16; // 0.92 to 1.08
  };
  const rows = ['date,service,cost'];
  const months: [string, number, number][] = [
    ['2026-10', 6, 31],
    ['2026-11', 1, 30],
    ['2026-12', 1, 4],
  ];
  let index = 0;
  for (const [month, first, last] of months) {
    for (let day = first; day <= last; day++, index++) {
      const weekday = (2 + index) % 7; // 2026-10-06 is a Tuesday; 0 is Sunday
      const weekend = weekday === 0 || weekday === 6;
      const date = `${month}-${String(day).padStart(2, '0')}`;
      const runaway = index === 59 ? 2.6 : 1;
      rows.push(
        `${date},compute,${((weekend ? 70 : 180) * noise() * runaway).toFixed(2)}`,
        `${date},storage,${(38 + index * 0.05).toFixed(2)}`,
        `${date},data-transfer,${((weekend ? 12 : 35) * noise()).toFixed(2)}`,
      );
    }
  }
  return `${rows.join('\n')}\n`;
}
