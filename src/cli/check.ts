/**
 * `cloudcircuit check`: every guardrail the options ask for, over one dataset, and the policy decision.
 *
 * @packageDocumentation
 */

import { checkBurnRate, type BurnRateResult } from '../burn-rate.js';
import { forecastBudgetBreach, type ForecastResult } from '../forecast.js';
import { evaluateSpendPolicy, type SpendPolicyDecision } from '../policy.js';
import { checkAnomalyRobust, type RobustAnomalyResult } from '../robust.js';
import { checkAnomalySpike, checkBudget, type AnomalyCheckResult, type BudgetCheckResult } from '../safeguards.js';
import { daysInMonth } from './dates.js';
import { CliError, EXIT } from './errors.js';
import type { Dataset } from './input.js';

/** The guardrail settings of `check`, as numbers (undefined: the library's default, or not asked for). */
export interface CheckSettings {
  readonly budget?: number | undefined;
  readonly warning?: number | undefined;
  readonly spent?: number | undefined;
  readonly elapsed?: number | undefined;
  readonly periods?: number | undefined;
  readonly detector: 'mean' | 'mad' | 'percentile';
  readonly spikeMultiplier?: number | undefined;
  readonly zThreshold?: number | undefined;
  readonly minMad?: number | undefined;
  readonly percentile?: number | undefined;
  readonly minBaseline?: number | undefined;
  readonly minImpact?: number | undefined;
  readonly season?: number | undefined;
  readonly hotMultiplier?: number | undefined;
}

/** Everything `check` computed: the signals (null when not computed), the decision, and where the figures came from. */
export interface CheckOutcome {
  readonly budget: BudgetCheckResult | null;
  readonly anomaly: AnomalyCheckResult | RobustAnomalyResult;
  readonly burnRate: BurnRateResult;
  readonly forecast: ForecastResult | null;
  readonly policy: SpendPolicyDecision;
  /** The month the budget covers (`2026-12`), or null when the data has no dates or `--spent` was given. */
  readonly month: string | null;
}

/** The flag that sets each library parameter, to name it in errors. */
const FLAGS: Readonly<Record<string, string>> = {
  currentSpend: '--spent',
  budgetLimit: '--budget',
  warningRatio: '--warning',
  periodsElapsed: '--elapsed',
  totalPeriods: '--periods',
  'options.spikeMultiplier': '--spike-multiplier',
  'options.zThreshold': '--z-threshold',
  'options.percentile': '--percentile',
  'options.minBaseline': '--min-baseline',
  'options.minImpact': '--min-impact',
  'options.seasonLength': '--season',
  'options.minMad': '--min-mad',
  'options.hotMultiplier': '--hot-multiplier',
};

/**
 * Runs a library call, turning its RangeError into a CliError that names the flag (a usage error) or
 * the data (a data error).
 *
 * @param name - the input's name.
 * @param call - the library call.
 * @returns what the call returns.
 * @throws CliError for a RangeError.
 */
function guard<T>(name: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    // every library error reads "Expected `parameter` to be rule, got value."
    const [, parameter, rule] = /^Expected `([^`]+)` to be (.*)\.$/.exec((error as Error).message) as unknown as [string, string, string];
    const flag = FLAGS[parameter];
    if (flag !== undefined) throw new CliError(`${flag}: expected ${rule}`, EXIT.usage);
    throw new CliError(`${name}: ${(error as Error).message.replace('`spendSeries`', 'the series')}`, EXIT.data);
  }
}

/**
 * Computes every guardrail asked for and the decision.
 *
 * - Budget (with `--budget`): the spend is `--spent`, else the sum of the newest point's calendar month
 *   (dated data) or of every point (undated data).
 * - Forecast (with `--budget`): `--elapsed` of `--periods`, else the newest day of its month over the
 *   days in that month (dated data); undated data needs `--elapsed` and `--periods`.
 * - Anomaly: the detector chosen; burn rate: always.
 *
 * @param data - the dataset.
 * @param settings - the options.
 * @param name - the input's name.
 * @returns the outcome.
 * @throws CliError for bad settings (usage) or too little data (data).
 */
export function runCheck(data: Dataset, settings: CheckSettings, name: string): CheckOutcome {
  const series = data.amounts;
  if (series.length < 2) throw new CliError(`${name}: needs at least 2 points, got ${String(series.length)}`, EXIT.data);
  const newest = data.days?.at(-1);
  const month = newest === undefined || settings.spent !== undefined ? null : newest.slice(0, 7);

  let budget: BudgetCheckResult | null = null;
  let forecast: ForecastResult | null = null;
  if (settings.budget !== undefined) {
    const days = data.days;
    let spent = settings.spent;
    if (spent === undefined) {
      spent = 0;
      series.forEach((amount, index) => {
        if (month === null || days?.[index]?.startsWith(month) === true) spent = (spent as number) + amount;
      });
    }
    const currentSpend = spent;
    const budgetLimit = settings.budget;
    budget = guard(name, () => checkBudget({ currentSpend, budgetLimit, warningRatio: settings.warning }));
    let elapsed = settings.elapsed;
    let periods = settings.periods;
    if (elapsed === undefined && newest !== undefined) {
      elapsed = Number(newest.slice(8, 10));
      periods = daysInMonth(Number(newest.slice(0, 4)), Number(newest.slice(5, 7)));
    }
    if (elapsed !== undefined && periods !== undefined) {
      if (elapsed > periods)
        throw new CliError(`--elapsed: expected <= --periods (${String(periods)}), got ${String(elapsed)}`, EXIT.usage);
      const input = { currentSpend, budgetLimit, periodsElapsed: elapsed, totalPeriods: periods };
      forecast = guard(name, () => forecastBudgetBreach(input));
    }
  }

  const shared = { minBaseline: settings.minBaseline, minImpact: settings.minImpact, seasonLength: settings.season };
  const anomaly =
    settings.detector === 'mean'
      ? guard(name, () => checkAnomalySpike(series, { ...shared, spikeMultiplier: settings.spikeMultiplier }))
      : guard(name, () =>
          checkAnomalyRobust(series, {
            ...shared,
            method: settings.detector as 'mad' | 'percentile',
            zThreshold: settings.zThreshold,
            minMad: settings.minMad,
            percentile: settings.percentile,
          }),
        );
  const burnRate = guard(name, () => checkBurnRate(series, { hotMultiplier: settings.hotMultiplier }));
  const policy = evaluateSpendPolicy({ budget: budget ?? undefined, anomaly, burnRate, forecast: forecast ?? undefined });
  return { budget, anomaly, burnRate, forecast, policy, month };
}
