/**
 * The text report of `cloudcircuit check`: one line per guardrail with a clear mark, a sparkline of the
 * last 30 points, and the decision with its reasons. Colour only when asked for.
 *
 * @packageDocumentation
 */

import { figure, money } from '../format.js';
import type { CheckOutcome } from './check.js';
import type { Dataset } from './input.js';

const BARS = '▁▂▃▄▅▆▇█';
const COLOURS = { green: 32, yellow: 33, red: 31 } as const;
type Colour = keyof typeof COLOURS;

/**
 * Draws the last points of a series as a sparkline, scaled between their smallest and largest.
 *
 * @param amounts - the series.
 * @param count - how many of the newest points to draw.
 * @returns one character per point (all `▁` when the points are equal).
 */
export function sparkline(amounts: readonly number[], count: number = 30): string {
  const points = amounts.slice(-count);
  const low = Math.min(...points);
  const range = Math.max(...points) - low;
  return points.map((amount) => BARS[range > 0 ? Math.min(7, Math.floor(((amount - low) / range) * 8)) : 0]).join('');
}

/**
 * Renders the report.
 *
 * @param outcome - what `check` computed.
 * @param data - the dataset.
 * @param name - the input's name.
 * @param colour - whether to use ANSI colours.
 * @returns the report, ending with a newline.
 */
export function renderReport(outcome: CheckOutcome, data: Dataset, name: string, colour: boolean): string {
  const paint = (text: string, tint: Colour): string => (colour ? `\u001b[${String(COLOURS[tint])}m${text}\u001b[39m` : text);
  const bold = (text: string): string => (colour ? `\u001b[1m${text}\u001b[22m` : text);
  const row = (mark: string, tint: Colour, label: string, text: string): string =>
    `  ${paint(mark.padEnd(9), tint)} ${label.padEnd(10)} ${text}`;
  const { budget, anomaly, burnRate, forecast, policy, month } = outcome;
  const days = data.days;
  const span =
    days === null
      ? `${String(data.amounts.length)} points`
      : `${String(days.length)} days, ${days[0] as string} to ${days.at(-1) as string}`;
  const lines = [`${bold('cloudcircuit check')} ${name}: ${span} (${data.format})`, ''];

  if (budget !== null) {
    const tint: Colour = budget.isBreached ? 'red' : budget.isWarning ? 'yellow' : 'green';
    const left = budget.remainingBudget >= 0 ? `${money(budget.remainingBudget)} left` : `${money(-budget.remainingBudget)} over`;
    const scope = month === null ? '' : ` in ${month}`;
    lines.push(
      row(
        budget.status.toUpperCase(),
        tint,
        'Budget',
        `${money(budget.currentSpend)} of ${money(budget.budgetLimit)}${scope} (${figure(Math.round(budget.usageRatio * 100))}%), ${left}`,
      ),
    );
  }
  if (forecast !== null) {
    const unit = month === null ? 'periods' : 'days';
    const until =
      forecast.periodsUntilBreach === null
        ? 'nothing spent yet'
        : forecast.periodsUntilBreach === 0
          ? 'budget already reached'
          : `budget reached in ${figure(forecast.periodsUntilBreach)} more ${unit}`;
    const over = forecast.willBreach ? `, ${money(forecast.projectedOverrun)} over` : '';
    const elapsed = `${figure(forecast.periodsElapsed)} of ${figure(forecast.totalPeriods)} ${unit}`;
    const text = `${money(forecast.projectedTotalSpend)} projected${month === null ? '' : ` for ${month}`} (${elapsed})${over}; ${until}`;
    lines.push(row(forecast.willBreach ? 'WARNING' : 'OK', forecast.willBreach ? 'yellow' : 'green', 'Forecast', text));
  }
  const on = days === null ? 'newest point' : (days.at(-1) as string);
  const basis =
    'baselineMean' in anomaly
      ? `mean ${money(anomaly.baselineMean)} x ${figure(anomaly.spikeMultiplier)}`
      : anomaly.method === 'mad'
        ? `median ${money(anomaly.baseline)} + ${figure(anomaly.zThreshold)} robust sd`
        : `p${figure(anomaly.percentile * 100)} ${money(anomaly.baseline)}`;
  const season = anomaly.seasonLength === null ? '' : `, same phase of ${String(anomaly.seasonLength)}`;
  lines.push(
    row(
      anomaly.isSpike ? 'SPIKE' : 'OK',
      anomaly.isSpike ? 'yellow' : 'green',
      'Anomaly',
      `${money(anomaly.latestSpend)} on ${on}, threshold ${money(anomaly.threshold)} (${basis}${season})`,
    ),
  );
  const ratio = burnRate.burnRateRatio === Infinity ? 'spend after nothing' : `${figure(burnRate.burnRateRatio)}x`;
  lines.push(
    row(
      burnRate.isHot ? 'HOT' : 'OK',
      burnRate.isHot ? 'yellow' : 'green',
      'Burn rate',
      `${ratio} the average (${money(burnRate.latestSpend)} vs ${money(burnRate.averageSpend)})`,
    ),
  );

  const shown = Math.min(30, data.amounts.length);
  const last = `Last ${String(shown)}`;
  lines.push(
    '',
    `  ${last.padEnd(9)} ${(days === null ? 'points' : 'days').padEnd(10)} ${sparkline(data.amounts)}  max ${money(Math.max(...data.amounts.slice(-shown)))}`,
    '',
  );
  const tint: Colour = policy.action === 'block' ? 'red' : policy.action === 'throttle' ? 'yellow' : 'green';
  const reasons = policy.reasons.length > 0 ? policy.reasons.join(', ') : 'no guardrail triggered';
  lines.push(
    `  ${bold(paint(policy.action.toUpperCase().padEnd(9), tint))} ${'Decision'.padEnd(10)} ${reasons}`,
    `  ${''.padEnd(9)} ${''.padEnd(10)} ${policy.summary}`,
  );
  return `${lines.join('\n')}\n`;
}
