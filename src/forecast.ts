/**
 * Budget forecast: where the period ends at the current run rate, and when the budget runs out.
 *
 * @packageDocumentation
 */

import { saturate } from './series.js';
import { finiteNumber, invalid, readFields } from './validate.js';

/** The input of {@link forecastBudgetBreach}. */
export interface ForecastInput {
  /** Spend so far in the period. A finite number >= 0. */
  readonly currentSpend: number;
  /** The budget for the whole period. A finite number > 0. */
  readonly budgetLimit: number;
  /** How much of the period has passed, in any unit (days, hours; fractions allowed). A finite number > 0. */
  readonly periodsElapsed: number;
  /** The length of the whole period, in the same unit. A finite number > 0, and >= `periodsElapsed`. */
  readonly totalPeriods: number;
}

/** The result of {@link forecastBudgetBreach}. */
export interface ForecastResult {
  /** The spend so far, as given. */
  readonly currentSpend: number;
  /** The budget, as given. */
  readonly budgetLimit: number;
  /** The part of the period passed, as given. */
  readonly periodsElapsed: number;
  /** The whole period, as given. */
  readonly totalPeriods: number;
  /** `(currentSpend / periodsElapsed) * totalPeriods`: the spend at the end of the period at the current run rate. Never below `currentSpend`; capped at `Number.MAX_VALUE`. */
  readonly projectedTotalSpend: number;
  /** `max(0, projectedTotalSpend - budgetLimit)`. */
  readonly projectedOverrun: number;
  /** `projectedTotalSpend >= budgetLimit`. */
  readonly willBreach: boolean;
  /**
   * Periods from now until spend reaches `budgetLimit` at the current run rate: 0 when it already has,
   * null when the run rate is 0 (nothing spent). It may exceed the periods left: then the budget holds.
   */
  readonly periodsUntilBreach: number | null;
}

const FORECAST_KEYS = ['currentSpend', 'budgetLimit', 'periodsElapsed', 'totalPeriods'] as const;

/**
 * Projects spend to the end of the period at the current (linear) run rate.
 *
 * @param input - the spend so far, the budget, and how much of how long a period has passed.
 * @param input.currentSpend - spend so far, a finite number >= 0.
 * @param input.budgetLimit - the budget, a finite number > 0.
 * @param input.periodsElapsed - the part of the period passed, a finite number > 0 (22.5 days is fine).
 * @param input.totalPeriods - the whole period, a finite number > 0 and >= `periodsElapsed`.
 * @returns a frozen {@link ForecastResult}.
 * @throws RangeError when `input` is not a plain object, has an unknown key, a field is missing or out of
 *   range, or `periodsElapsed > totalPeriods`.
 * @example
 * ```ts
 * // 10 days into a 30-day month, 400 spent of a 1,000 budget.
 * const forecast = forecastBudgetBreach({ currentSpend: 400, budgetLimit: 1000, periodsElapsed: 10, totalPeriods: 30 });
 * forecast.projectedTotalSpend; // 1200
 * forecast.willBreach; // true
 * forecast.periodsUntilBreach; // 15
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function forecastBudgetBreach(input: ForecastInput): ForecastResult {
  const [rawCurrentSpend, rawBudgetLimit, rawPeriodsElapsed, rawTotalPeriods] = readFields(input, 'input', FORECAST_KEYS, false);
  const currentSpend = finiteNumber(rawCurrentSpend, 'currentSpend', 0, false);
  const budgetLimit = finiteNumber(rawBudgetLimit, 'budgetLimit', 0, true);
  const periodsElapsed = finiteNumber(rawPeriodsElapsed, 'periodsElapsed', 0, true);
  const totalPeriods = finiteNumber(rawTotalPeriods, 'totalPeriods', 0, true);
  if (periodsElapsed > totalPeriods) {
    throw invalid('periodsElapsed', `<= totalPeriods (${String(totalPeriods)})`, String(periodsElapsed));
  }
  // Rounding in the run rate must never project less than is already spent: that would fail open.
  const projectedTotalSpend = saturate(Math.max(currentSpend, (currentSpend / periodsElapsed) * totalPeriods));
  const periodsUntilBreach =
    currentSpend >= budgetLimit ? 0 : currentSpend === 0 ? null : saturate(((budgetLimit - currentSpend) / currentSpend) * periodsElapsed);
  return Object.freeze({
    currentSpend,
    budgetLimit,
    periodsElapsed,
    totalPeriods,
    projectedTotalSpend,
    projectedOverrun: Math.max(0, projectedTotalSpend - budgetLimit),
    willBreach: projectedTotalSpend >= budgetLimit,
    periodsUntilBreach,
  });
}
