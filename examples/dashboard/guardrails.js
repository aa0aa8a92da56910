// The dashboard's decisions: every guardrail over the bundled sample, for the controls' values. No DOM here,
// so the same function runs in the browser and in the tests.

import { checkAnomalyRobust, checkAnomalySpike, checkBudget, checkBurnRate, evaluateSpendPolicy, forecastBudgetBreach } from 'cloudcircuit';
import { dailySpend, month } from './data.js';

const series = dailySpend.map((day) => day.amount);

/** The days of the month the budget covers. */
export const monthDays = dailySpend.filter((day) => day.date.startsWith(month.label));

/**
 * Every guardrail over the sample, and the decision.
 * @param {{ budget: number, detector: string, season: number | undefined, minImpact: number }} controls
 * @throws {RangeError} for bad control values (an empty budget reads as NaN).
 */
export function evaluate({ budget: budgetLimit, detector, season, minImpact }) {
  const currentSpend = monthDays.reduce((sum, day) => sum + day.amount, 0);
  const budget = checkBudget({ currentSpend, budgetLimit });
  const forecast = forecastBudgetBreach({ currentSpend, budgetLimit, periodsElapsed: monthDays.length, totalPeriods: month.days });
  const options = { seasonLength: season, minImpact };
  const anomaly =
    detector === 'mean'
      ? checkAnomalySpike(series, options)
      : checkAnomalyRobust(series, { ...options, method: /** @type {'mad' | 'percentile'} */ (detector) });
  const burnRate = checkBurnRate(series);
  const policy = evaluateSpendPolicy({ budget, anomaly, burnRate, forecast });
  return { budget, forecast, anomaly, burnRate, policy };
}
