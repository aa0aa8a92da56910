// The dashboard: every control change recomputes the guardrails with cloudcircuit and redraws the page.
// Bad input (an empty budget, a negative floor) fails closed: the decision shows BLOCK with the reason.

import { dailySpend, month } from './data.js';
import { evaluate, monthDays } from './guardrails.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const series = dailySpend.map((day) => day.amount);
const SVG = 'http://www.w3.org/2000/svg';

/** Reads the controls into the guardrail inputs. */
function readControls() {
  const number = (id) =>
    /** @type {HTMLInputElement} */ ($(id)).value === '' ? NaN : Number(/** @type {HTMLInputElement} */ ($(id)).value);
  return {
    budget: number('budget'),
    detector: /** @type {HTMLSelectElement} */ ($('detector')).value,
    season: /** @type {HTMLInputElement} */ ($('season')).checked ? 7 : undefined,
    minImpact: number('impact'),
  };
}

function badge(id, text, tone) {
  const element = $(id);
  element.className = `badge ${tone}`;
  /** @type {HTMLElement} */ (element.querySelector('span')).textContent = text;
}

function draw(svg, shapes) {
  svg.replaceChildren(
    ...shapes.map(([tag, attributes]) => {
      const element = document.createElementNS(SVG, tag);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
      return element;
    }),
  );
}

function drawDaily(threshold) {
  const top = Math.max(...series, threshold) * 1.1;
  const y = (value) => 200 - (value / top) * 190;
  const width = 460 / series.length;
  const bars = series.map((amount, index) => [
    'rect',
    {
      x: 10 + index * width,
      y: y(amount),
      width: width - 1,
      height: 200 - y(amount),
      fill: index === series.length - 1 ? '#cf222e' : '#8c959f',
    },
  ]);
  draw($('daily'), [
    ...bars,
    ['line', { x1: 10, x2: 470, y1: y(threshold), y2: y(threshold), stroke: '#9a6700', 'stroke-dasharray': '6 4', 'stroke-width': 2 }],
  ]);
}

function drawMonth(budgetLimit, projected) {
  const top = Math.max(budgetLimit, projected) * 1.1;
  const x = (day) => 10 + (day / month.days) * 460;
  const y = (value) => 200 - (value / top) * 190;
  let total = 0;
  const points = monthDays.map((day, index) => `${x(index + 1)},${y((total += day.amount))}`);
  draw($('month'), [
    ['line', { x1: 10, x2: 470, y1: y(budgetLimit), y2: y(budgetLimit), stroke: '#cf222e', 'stroke-width': 2 }],
    [
      'line',
      {
        x1: x(monthDays.length),
        y1: y(total),
        x2: x(month.days),
        y2: y(projected),
        stroke: '#9a6700',
        'stroke-dasharray': '6 4',
        'stroke-width': 2,
      },
    ],
    ['polyline', { points: points.join(' '), fill: 'none', stroke: '#0969da', 'stroke-width': 3 }],
  ]);
}

function render() {
  try {
    const { budget, forecast, anomaly, burnRate, policy } = evaluate(readControls());
    badge(
      'badge-budget',
      `${budget.status.toUpperCase()} ${Math.round(budget.usageRatio * 100)}%`,
      budget.isBreached ? 'bad' : budget.isWarning ? 'warn' : 'ok',
    );
    badge('badge-forecast', forecast.willBreach ? 'WARNING' : 'OK', forecast.willBreach ? 'warn' : 'ok');
    badge('badge-anomaly', anomaly.isSpike ? 'SPIKE' : 'OK', anomaly.isSpike ? 'warn' : 'ok');
    badge('badge-burn', burnRate.isHot ? 'HOT' : 'OK', burnRate.isHot ? 'warn' : 'ok');
    badge('badge-decision', policy.action.toUpperCase(), policy.action === 'block' ? 'bad' : policy.action === 'throttle' ? 'warn' : 'ok');
    $('summary').textContent = policy.summary;
    $('error').textContent = '';
    drawDaily(anomaly.threshold);
    drawMonth(budget.budgetLimit, forecast.projectedTotalSpend);
  } catch (error) {
    // fail closed: a guardrail that cannot decide blocks
    for (const id of ['badge-budget', 'badge-forecast', 'badge-anomaly', 'badge-burn']) badge(id, '?', 'bad');
    badge('badge-decision', 'BLOCK', 'bad');
    $('summary').textContent = '';
    $('error').textContent = `Invalid input: ${error instanceof Error ? error.message : String(error)}`;
  }
  document.body.dataset['ready'] = 'true';
}

$('controls').addEventListener('input', render);
render();
