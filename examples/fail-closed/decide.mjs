// Failing closed: when the metrics pipeline breaks (a NaN, a missing figure, a string where a number
// belongs, a gap in the series), cloudcircuit throws a RangeError instead of answering. This wrapper turns
// that into the safest decision, 'block', with the reason, so a broken pipeline can never read as "allow".

import { checkAnomalySpike, checkBudget, evaluateSpendPolicy } from 'cloudcircuit';

/**
 * Decides whether to run the expensive work, from whatever the metrics pipeline delivered.
 *
 * @param {{ monthToDate: unknown, budget: unknown, daily: unknown }} metrics - raw, unchecked figures.
 * @returns {{ action: 'allow' | 'throttle' | 'block', reasons: string[], summary: string }}
 */
export function decide(metrics) {
  try {
    const budget = checkBudget({
      currentSpend: /** @type {number} */ (metrics.monthToDate),
      budgetLimit: /** @type {number} */ (metrics.budget),
    });
    const anomaly = checkAnomalySpike(/** @type {number[]} */ (metrics.daily));
    const { action, reasons, summary } = evaluateSpendPolicy({ budget, anomaly });
    return { action, reasons: [...reasons], summary };
  } catch (error) {
    if (error instanceof RangeError) {
      // cloudcircuit's only error: the input was bad. Log it, page someone, and do not spend.
      return { action: 'block', reasons: ['invalid-metrics'], summary: error.message };
    }
    throw error; // anything else is a bug in this program: let it crash loudly
  }
}

// Run as a program: node examples/fail-closed/decide.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const healthy = { monthToDate: 4200, budget: 10000, daily: [310, 295, 305, 300, 298] };
  const broken = { monthToDate: Number('4,200'), budget: 10000, daily: [310, 295, 305, 300, 298] };
  const gap = { monthToDate: 4200, budget: 10000, daily: [310, 295, null, 300, 298] };
  for (const [name, metrics] of Object.entries({ healthy, broken, gap })) {
    const decision = decide(metrics);
    console.log(`${name.padEnd(8)} ${decision.action.padEnd(9)} ${decision.summary}`);
  }
}
