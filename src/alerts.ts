/**
 * Budget alerts that fire once per crossing, not on every check.
 *
 * @packageDocumentation
 */

import { describe, finiteNumber, invalid, readFields, text, unreadable } from './validate.js';

/** What {@link trackBudgetAlerts} remembers between checks: plain JSON, to store anywhere. */
export interface BudgetAlertState {
  /** The budget period the active thresholds belong to, e.g. `'2026-12'`. */
  readonly period: string;
  /** The thresholds that have fired in this period and not cleared since, ascending. */
  readonly active: readonly number[];
}

/** One check of {@link trackBudgetAlerts}. */
export interface BudgetAlertReading {
  /** The budget period, e.g. `'2026-12'`; a new value re-arms every threshold. A non-empty string. */
  readonly period: string;
  /** Spend as a fraction of the budget (a {@link BudgetCheckResult}'s `usageRatio`). A finite number >= 0. */
  readonly usageRatio: number;
}

/** The thresholds of {@link trackBudgetAlerts}. */
export interface BudgetAlertOptions {
  /** Usage ratios that alert, strictly increasing, each a finite number > 0 (may exceed 1, e.g. 1.2). At least one. */
  readonly thresholds: readonly number[];
  /** How far below a threshold usage must fall before it clears and can fire again. A finite number >= 0. Default 0. */
  readonly hysteresis?: number | undefined;
}

/** The result of {@link trackBudgetAlerts}, deep-frozen. */
export interface BudgetAlertUpdate {
  /** The state to store for the next check. */
  readonly state: BudgetAlertState;
  /** Thresholds crossed by this check: alert on these, ascending. */
  readonly fired: readonly number[];
  /** Thresholds that cleared with this check (usage fell below `threshold - hysteresis`), ascending. */
  readonly cleared: readonly number[];
}

const READING_KEYS = ['period', 'usageRatio'] as const;
const OPTION_KEYS = ['thresholds', 'hysteresis'] as const;
const STATE_KEYS = ['period', 'active'] as const;

/**
 * Reads a strictly increasing array of finite numbers > 0.
 *
 * @param value - the value received.
 * @param name - its name for messages.
 * @param minLength - the fewest elements accepted.
 * @returns a copy of the numbers.
 * @throws RangeError when `value` is not such an array.
 */
function ascending(value: unknown, name: string, minLength: number): number[] {
  const numbers: number[] = [];
  try {
    if (!Array.isArray(value) || value.length < minLength) {
      throw invalid(name, `an array of at least ${String(minLength)} number${minLength === 1 ? '' : 's'}`, describe(value));
    }
    for (let index = 0; index < value.length; index++) {
      const item = finiteNumber(value[index], `${name}[${String(index)}]`, 0, true);
      const previous = numbers[index - 1];
      if (previous !== undefined && item <= previous) {
        throw invalid(`${name}[${String(index)}]`, `> ${name}[${String(index - 1)}] (${String(previous)})`, String(item));
      }
      numbers.push(item);
    }
  } catch (error) {
    throw unreadable(error, name);
  }
  return numbers;
}

/**
 * Tracks budget alerts so that each threshold fires once per crossing: when usage first reaches it in a
 * period. It clears only when usage falls below `threshold - hysteresis`, and may then fire again; a new
 * period value re-arms every threshold.
 *
 * @param previous - the state returned by the last call, or undefined for the first.
 * @param reading - the period and the current usage ratio.
 * @param options - the thresholds and the hysteresis.
 * @returns a deep-frozen {@link BudgetAlertUpdate}: the new state, and what fired and cleared.
 * @throws RangeError when the state, the reading or the options are invalid.
 * @example
 * ```ts
 * const options = { thresholds: [0.5, 0.8, 1] };
 * const first = trackBudgetAlerts(undefined, { period: '2026-12', usageRatio: 0.83 }, options);
 * first.fired; // [0.5, 0.8]
 * const again = trackBudgetAlerts(first.state, { period: '2026-12', usageRatio: 0.86 }, options);
 * again.fired; // []
 * trackBudgetAlerts(again.state, { period: '2027-01', usageRatio: 0.6 }, options).fired; // [0.5]
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function trackBudgetAlerts(
  previous: BudgetAlertState | undefined,
  reading: BudgetAlertReading,
  options: BudgetAlertOptions,
): BudgetAlertUpdate {
  const [rawThresholds, rawHysteresis] = readFields(options, 'options', OPTION_KEYS, false);
  const thresholds = ascending(rawThresholds, 'options.thresholds', 1);
  const hysteresis = rawHysteresis === undefined ? 0 : finiteNumber(rawHysteresis, 'options.hysteresis', 0, false);
  const [rawPeriod, rawUsageRatio] = readFields(reading, 'reading', READING_KEYS, false);
  const period = text(rawPeriod, 'reading.period');
  const usageRatio = finiteNumber(rawUsageRatio, 'reading.usageRatio', 0, false);
  let active: number[] = [];
  if (previous !== undefined) {
    const [rawPeriod, rawActive] = readFields(previous, 'previous', STATE_KEYS, false);
    const storedPeriod = text(rawPeriod, 'previous.period');
    const stored = ascending(rawActive, 'previous.active', 0);
    // a new period re-arms everything
    if (storedPeriod === period) active = stored; // thresholds no longer configured are left out of the new state below
  }
  const fired: number[] = [];
  const cleared: number[] = [];
  const next: number[] = [];
  for (const threshold of thresholds) {
    const wasActive = active.includes(threshold);
    if (!wasActive && usageRatio >= threshold) fired.push(threshold);
    if (wasActive && usageRatio < threshold - hysteresis) cleared.push(threshold);
    else if (wasActive || usageRatio >= threshold) next.push(threshold);
  }
  return Object.freeze({
    state: Object.freeze({ period, active: Object.freeze(next) }),
    fired: Object.freeze(fired),
    cleared: Object.freeze(cleared),
  });
}
