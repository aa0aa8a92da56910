// The cloudcircuit demo: all three guardrails on a small bundled spend series, as a readable report.
// Run it with `npm run demo` (which builds the package first). It imports the package by its own name,
// exactly as an application that installed cloudcircuit would.

import { checkAnomalySpike, checkBudget, evaluateCircuitBreaker } from 'cloudcircuit';

/** Daily spend in USD for the first 14 days of a month; the last day spikes. */
const dailySpend = Object.freeze([412.5, 398.1, 405.75, 421.3, 388.9, 301.2, 296.4, 415.8, 409.05, 399.6, 426.2, 392.35, 310.15, 911.4]);

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

/** @param {string} mark @param {string} text */
const line = (mark, text) => `  ${mark.padEnd(9)} ${text}`;

/**
 * Builds the report lines.
 * @param {readonly number[]} series
 * @returns {string[]}
 */
function report(series) {
  const monthToDate = series.reduce((sum, day) => sum + day, 0);
  const lines = [`cloudcircuit demo: ${String(series.length)} days of spend, ${money.format(monthToDate)} month to date`, '', 'Budget'];

  for (const budgetLimit of [9000, 6000, 5000]) {
    const budget = checkBudget({ currentSpend: monthToDate, budgetLimit });
    const mark = { ok: 'OK', warning: 'WARNING', breached: 'BREACHED' }[budget.status];
    const left =
      budget.remainingBudget >= 0 ? `${money.format(budget.remainingBudget)} left` : `${money.format(-budget.remainingBudget)} over`;
    lines.push(
      line(
        mark,
        `${percent.format(budget.usageRatio)} of a ${money.format(budgetLimit)} budget, ${left} (warns at ${percent.format(budget.warningRatio)})`,
      ),
    );
  }

  lines.push('', 'Spend spike (newest day against the mean of the days before it)');
  for (const days of [series.length - 1, series.length]) {
    const spike = checkAnomalySpike(series.slice(0, days));
    const verdict = spike.isSpike ? 'above' : 'within';
    lines.push(
      line(
        spike.isSpike ? 'SPIKE' : 'OK',
        `day ${String(days)}: ${money.format(spike.latestSpend)} is ${verdict} ${money.format(spike.threshold)} (${String(spike.spikeMultiplier)} x mean ${money.format(spike.baselineMean)})`,
      ),
    );
  }

  lines.push('', 'Circuit breaker (failure threshold 3)');
  for (const input of [
    { consecutiveFailures: 1 },
    { consecutiveFailures: 3, cooldownStepsRemaining: 2 },
    { consecutiveFailures: 0, cooldownStepsRemaining: 1 },
  ]) {
    const breaker = evaluateCircuitBreaker(input);
    const state = breaker.isOpen ? `deny, retry after ${String(breaker.retryAfterSteps)} step(s)` : 'allow';
    const cooldown = input.cooldownStepsRemaining ?? 0;
    lines.push(
      line(
        breaker.isOpen ? 'OPEN' : 'CLOSED',
        `${String(input.consecutiveFailures)} failure(s) in a row, ${String(cooldown)} cooldown step(s) left: ${state}`,
      ),
    );
  }
  return lines;
}

console.log(report(dailySpend).join('\n'));
