/**
 * The spend policy: one decision (allow, throttle, block) from every guardrail result at hand.
 *
 * @packageDocumentation
 */

import { figure, money } from './format.js';
import { frozenCopy } from './json.js';
import { bool, describe, finiteNumber, invalid, readFields } from './validate.js';

/** What to do: run normally, slow down or shed optional work, or stop the spending operation. */
export type PolicyAction = 'allow' | 'throttle' | 'block';

/** How loud to be: `'info'` for allow, `'warning'` for throttle, `'critical'` for block. */
export type PolicySeverity = 'info' | 'warning' | 'critical';

/** Why, as stable codes for dashboards and routing, in this order. */
export type PolicyReason =
  'budget-breached' | 'breaker-open' | 'breaker-unavailable' | 'budget-warning' | 'spend-spike' | 'burn-rate-hot' | 'forecast-breach';

/**
 * The guardrail results the policy reads: one or more of them. Results of this library fit as they
 * are (also after a JSON round trip); the policy reads only the fields named here and copies the rest.
 */
export interface PolicySignals {
  /** A {@link BudgetCheckResult}: reads `isBreached`, `isWarning`, `currentSpend`, `budgetLimit`, `usageRatio`. */
  readonly budget?: BudgetSignal | undefined;
  /** A spike check result (mean or robust): reads `isSpike`, `latestSpend`, `threshold`. */
  readonly anomaly?: AnomalySignal | undefined;
  /**
   * An {@link evaluateCircuitBreaker} decision (reads `isOpen`, `retryAfterSteps`), a {@link stepBreaker}
   * result (reads `allowOperation`, `retryAfter`), or an {@link applyShared} refusal (reads `allowOperation`, `reason`).
   */
  readonly breaker?: BreakerSignal | undefined;
  /** A {@link checkBurnRate} result: reads `isHot`, `burnRateRatio`. */
  readonly burnRate?: BurnRateSignal | undefined;
  /** A {@link forecastBudgetBreach} result: reads `willBreach`, `projectedTotalSpend`, `budgetLimit`. */
  readonly forecast?: ForecastSignal | undefined;
}

/** The fields of a budget result the policy reads. */
export interface BudgetSignal {
  readonly isBreached: boolean;
  readonly isWarning: boolean;
  readonly currentSpend: number;
  readonly budgetLimit: number;
  readonly usageRatio: number;
}

/** The fields of a spike result the policy reads. */
export interface AnomalySignal {
  readonly isSpike: boolean;
  readonly latestSpend: number;
  readonly threshold: number;
}

/**
 * The fields of a breaker decision the policy reads: the seed's step-counted decision, a state-machine step,
 * or the refusal of {@link applyShared} when the shared state cannot be read.
 */
export type BreakerSignal =
  | { readonly isOpen: boolean; readonly retryAfterSteps: number }
  | { readonly allowOperation: boolean; readonly retryAfter: number }
  | { readonly allowOperation: false; readonly reason: 'state-unavailable' };

/** The fields of a burn-rate result the policy reads. */
export interface BurnRateSignal {
  readonly isHot: boolean;
  readonly burnRateRatio: number;
}

/** The fields of a forecast result the policy reads. */
export interface ForecastSignal {
  readonly willBreach: boolean;
  readonly projectedTotalSpend: number;
  readonly budgetLimit: number;
}

/** The result of {@link evaluateSpendPolicy}, deep-frozen. */
export interface SpendPolicyDecision {
  /** `'block'` when the budget is breached or the breaker is open or unavailable; else `'throttle'` when anything warns; else `'allow'`. */
  readonly action: PolicyAction;
  /** `'critical'`, `'warning'` or `'info'`, following the action. */
  readonly severity: PolicySeverity;
  /** Every triggered reason, in the order of {@link PolicyReason}; a breached budget gives only `'budget-breached'`. */
  readonly reasons: readonly PolicyReason[];
  /** One sentence with the figures, e.g. "Spend 1,020.00 is 102% of the 1,000.00 budget; breaker open for 30 more." */
  readonly summary: string;
  /** Deep-frozen copies of the signals given. */
  readonly signals: { readonly [K in keyof PolicySignals]?: Readonly<Record<string, unknown>> };
}

/** The signal names, in the order the policy reads and copies them. @internal */
export const SIGNAL_KEYS = ['budget', 'anomaly', 'breaker', 'burnRate', 'forecast'] as const;
/** Every reason code, in the documented order. @internal */
export const REASONS: readonly PolicyReason[] = [
  'budget-breached',
  'breaker-open',
  'breaker-unavailable',
  'budget-warning',
  'spend-spike',
  'burn-rate-hot',
  'forecast-breach',
];
/** The severity of each action. @internal */
export const SEVERITY: Readonly<Record<PolicyAction, PolicySeverity>> = { allow: 'info', throttle: 'warning', block: 'critical' };

/**
 * Decides what to do about spend from any guardrail results at hand.
 *
 * - `block` when `budget.isBreached`, or the breaker is open (`isOpen`, or `allowOperation` false), or
 *   {@link applyShared} could not read the shared breaker (`reason: 'state-unavailable'`);
 * - else `throttle` when `budget.isWarning`, `anomaly.isSpike`, `burnRate.isHot` or `forecast.willBreach`;
 * - else `allow`.
 *
 * @param signals - at least one of `budget`, `anomaly`, `breaker`, `burnRate`, `forecast`.
 * @returns a deep-frozen {@link SpendPolicyDecision}.
 * @throws RangeError when no signal is given, a key is unknown, or a signal lacks a field the policy reads.
 * @example
 * ```ts
 * const decision = evaluateSpendPolicy({
 *   budget: checkBudget({ currentSpend: 1020, budgetLimit: 1000 }),
 *   breaker: stepBreaker(createBreakerState(), { type: 'failure', at: 0 }, { failureThreshold: 1, cooldown: 30 }),
 * });
 * decision.action; // 'block'
 * decision.reasons; // ['budget-breached', 'breaker-open']
 * decision.summary; // 'Spend 1,020.00 is 102% of the 1,000.00 budget; breaker open for 30 more.'
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function evaluateSpendPolicy(signals: PolicySignals): SpendPolicyDecision {
  const given = readFields(signals, 'input', SIGNAL_KEYS, false);
  const [rawBudget, rawAnomaly, rawBreaker, rawBurnRate, rawForecast] = given;
  // each triggered reason with its part of the summary
  const found: Partial<Record<PolicyReason, string>> = {};
  const copies: Record<string, unknown> = {};
  SIGNAL_KEYS.forEach((key, index) => {
    if (given[index] !== undefined) copies[key] = frozenCopy(given[index], key, false);
  });
  if (Object.keys(copies).length === 0) {
    throw invalid('input', `an object with at least one signal (${SIGNAL_KEYS.join(', ')})`, 'none');
  }

  let budgetPart = '';
  if (rawBudget !== undefined) {
    const [rawIsBreached, rawIsWarning, rawCurrentSpend, rawBudgetLimit, rawUsageRatio] = readFields(
      rawBudget,
      'budget',
      ['isBreached', 'isWarning', 'currentSpend', 'budgetLimit', 'usageRatio'],
      false,
      false,
    );
    const isBreached = bool(rawIsBreached, 'budget.isBreached');
    const isWarning = bool(rawIsWarning, 'budget.isWarning');
    const spent = finiteNumber(rawCurrentSpend, 'budget.currentSpend', 0, false);
    const limit = finiteNumber(rawBudgetLimit, 'budget.budgetLimit', 0, true);
    const usage = finiteNumber(rawUsageRatio, 'budget.usageRatio', 0, false);
    budgetPart = `spend ${money(spent)} is ${figure(Math.round(usage * 100))}% of the ${money(limit)} budget`;
    if (isBreached) found['budget-breached'] = budgetPart;
    else if (isWarning) found['budget-warning'] = budgetPart;
  }
  if (rawBreaker !== undefined) {
    const [rawIsOpen, rawRetryAfterSteps, rawAllowOperation, rawRetryAfter, rawReason] = readFields(
      rawBreaker,
      'breaker',
      ['isOpen', 'retryAfterSteps', 'allowOperation', 'retryAfter', 'reason'],
      false,
      false,
    );
    const seed = rawIsOpen !== undefined;
    const isOpen = seed ? bool(rawIsOpen, 'breaker.isOpen') : !bool(rawAllowOperation, 'breaker.allowOperation');
    if (!seed && isOpen && rawReason === 'state-unavailable') {
      // applyShared could not read the shared breaker: no figure to give, and no reason to run
      found['breaker-unavailable'] = 'breaker state unavailable';
    } else {
      const retry = seed
        ? finiteNumber(rawRetryAfterSteps, 'breaker.retryAfterSteps', 0, false)
        : finiteNumber(rawRetryAfter, 'breaker.retryAfter', 0, false);
      if (isOpen) found['breaker-open'] = retry > 0 ? `breaker open for ${figure(retry)} more` : 'breaker open';
    }
  }
  if (rawAnomaly !== undefined) {
    const [rawIsSpike, rawLatestSpend, rawThreshold] = readFields(
      rawAnomaly,
      'anomaly',
      ['isSpike', 'latestSpend', 'threshold'],
      false,
      false,
    );
    const latest = finiteNumber(rawLatestSpend, 'anomaly.latestSpend', 0, false);
    const threshold = finiteNumber(rawThreshold, 'anomaly.threshold', 0, false);
    if (bool(rawIsSpike, 'anomaly.isSpike'))
      found['spend-spike'] = `latest spend ${money(latest)} is above the ${money(threshold)} spike threshold`;
  }
  if (rawBurnRate !== undefined) {
    const [rawIsHot, rawBurnRateRatio] = readFields(rawBurnRate, 'burnRate', ['isHot', 'burnRateRatio'], false, false);
    const ratio = rawBurnRateRatio;
    if (typeof ratio !== 'number' || !(ratio >= 0)) throw invalid('burnRate.burnRateRatio', 'a number >= 0', describe(ratio));
    if (bool(rawIsHot, 'burnRate.isHot'))
      found['burn-rate-hot'] = ratio === Infinity ? 'spend after a zero-spend history' : `burn rate ${figure(ratio)}x the average`;
  }
  if (rawForecast !== undefined) {
    const [rawWillBreach, rawProjectedTotalSpend, rawBudgetLimit] = readFields(
      rawForecast,
      'forecast',
      ['willBreach', 'projectedTotalSpend', 'budgetLimit'],
      false,
      false,
    );
    const projected = finiteNumber(rawProjectedTotalSpend, 'forecast.projectedTotalSpend', 0, false);
    const limit = finiteNumber(rawBudgetLimit, 'forecast.budgetLimit', 0, true);
    if (bool(rawWillBreach, 'forecast.willBreach'))
      found['forecast-breach'] = `forecast ${money(projected)} reaches the ${money(limit)} budget`;
  }

  const reasons = REASONS.filter((reason) => found[reason] !== undefined);
  const parts = reasons.map((reason) => found[reason]);
  const action: PolicyAction = reasons.some((reason) => reason === 'budget-breached' || reason.startsWith('breaker'))
    ? 'block'
    : reasons.length > 0
      ? 'throttle'
      : 'allow';
  const sentence = parts.length > 0 ? parts.join('; ') : `within limits${budgetPart === '' ? '' : `: ${budgetPart}`}`;
  return Object.freeze({
    action,
    severity: SEVERITY[action],
    reasons: Object.freeze(reasons),
    summary: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    signals: Object.freeze(copies),
  });
}
