/**
 * The three seed safeguards: a budget check, a spend-spike check and a circuit-breaker decision.
 *
 * @packageDocumentation
 */

import { saturate, scanSeries } from './series.js';
import { finiteNumber, readFields, safeInteger } from './validate.js';

/** The input of {@link checkBudget}. */
export interface BudgetCheckInput {
  /** Spend so far in the budget period, in any currency unit. A finite number >= 0. */
  readonly currentSpend: number;
  /** The budget for the period, in the same unit. A finite number > 0. */
  readonly budgetLimit: number;
  /** The usage ratio at which the check warns. A finite number > 0 and <= 1. Default 0.9. */
  readonly warningRatio?: number | undefined;
}

/** The status of a budget: under the warning ratio, at or over it, or at or over the limit. */
export type BudgetStatus = 'ok' | 'warning' | 'breached';

/** The result of {@link checkBudget}. */
export interface BudgetCheckResult {
  /** The spend checked. */
  readonly currentSpend: number;
  /** The budget checked against. */
  readonly budgetLimit: number;
  /** The warning ratio in effect (the default 0.9 when none was given). */
  readonly warningRatio: number;
  /** `currentSpend / budgetLimit`: 1 means the whole budget is spent. Capped at `Number.MAX_VALUE`. */
  readonly usageRatio: number;
  /** `budgetLimit - currentSpend`: negative when over budget. */
  readonly remainingBudget: number;
  /** `usageRatio >= warningRatio`. True whenever the budget is breached. */
  readonly isWarning: boolean;
  /** `currentSpend >= budgetLimit`. */
  readonly isBreached: boolean;
  /** `'breached'` when breached, else `'warning'` when warning, else `'ok'`. */
  readonly status: BudgetStatus;
}

/** The options of {@link checkAnomalySpike}. */
export interface AnomalySpikeOptions {
  /** How many times the baseline the newest point must exceed. A finite number > 1. Default 1.5. */
  readonly spikeMultiplier?: number | undefined;
  /** A floor for the baseline, so near-zero history does not make every small cost a spike. A finite number >= 0. Default 0. */
  readonly minBaseline?: number | undefined;
  /**
   * Compare like with like: the baseline is only the earlier points in the newest point's phase (indices
   * `n-1-k`, `n-1-2k`, ...), e.g. 7 for the same weekday in daily data. A safe integer >= 2. Default none (every earlier point).
   */
  readonly seasonLength?: number | undefined;
  /** The smallest impact (`latestSpend - baselineMean`, in currency) that counts as a spike. A finite number >= 0. Default 0. */
  readonly minImpact?: number | undefined;
}

/** The result of {@link checkAnomalySpike}. */
export interface AnomalyCheckResult {
  /** The newest point of the series (its last element). */
  readonly latestSpend: number;
  /** The mean of every point before the newest. */
  readonly baselineMean: number;
  /** `max(baselineMean, minBaseline) * spikeMultiplier`, capped at `Number.MAX_VALUE` (no finite spend exceeds it). */
  readonly threshold: number;
  /** `latestSpend > threshold` (strictly greater) and `impact >= minImpact`. */
  readonly isSpike: boolean;
  /** `latestSpend - baselineMean`: how much more (negative: less) than usual the newest point cost. */
  readonly impact: number;
  /** The spike multiplier in effect. */
  readonly spikeMultiplier: number;
  /** The baseline floor in effect. */
  readonly minBaseline: number;
  /** The season length in effect, or null when the baseline is every earlier point. */
  readonly seasonLength: number | null;
  /** The impact floor in effect. */
  readonly minImpact: number;
}

/** The input of {@link evaluateCircuitBreaker}. */
export interface CircuitBreakerInput {
  /** Failures in a row so far. A safe integer >= 0. */
  readonly consecutiveFailures: number;
  /** Failures in a row that open the breaker. A safe integer >= 1. Default 3. */
  readonly failureThreshold?: number | undefined;
  /** Steps the breaker must still stay open for. A safe integer >= 0. Default 0. */
  readonly cooldownStepsRemaining?: number | undefined;
}

/** The result of {@link evaluateCircuitBreaker}. */
export interface CircuitBreakerDecision {
  /** Failures in a row, as given. */
  readonly consecutiveFailures: number;
  /** The failure threshold in effect. */
  readonly failureThreshold: number;
  /** The cooldown steps remaining, as given (0 by default). */
  readonly cooldownStepsRemaining: number;
  /** `consecutiveFailures >= failureThreshold || cooldownStepsRemaining > 0`. */
  readonly isOpen: boolean;
  /** `!isOpen`: whether the guarded operation may run. */
  readonly allowOperation: boolean;
  /** Steps to wait before asking again: `cooldownStepsRemaining` when open, else 0. */
  readonly retryAfterSteps: number;
}

const BUDGET_KEYS = ['currentSpend', 'budgetLimit', 'warningRatio'] as const;
const SPIKE_KEYS = ['spikeMultiplier', 'minBaseline', 'seasonLength', 'minImpact'] as const;
const BREAKER_KEYS = ['consecutiveFailures', 'failureThreshold', 'cooldownStepsRemaining'] as const;

/**
 * Checks spend against a budget: how much is used, how much is left, and whether it warns or is breached.
 *
 * @param input - the spend, the budget and optionally the warning ratio.
 * @param input.currentSpend - spend so far, a finite number >= 0.
 * @param input.budgetLimit - the budget, a finite number > 0.
 * @param input.warningRatio - the usage ratio that warns, > 0 and <= 1; default 0.9.
 * @returns a frozen {@link BudgetCheckResult}.
 * @throws RangeError when `input` is not a plain object, has an unknown key, or a field is missing or out of range.
 * @example
 * ```ts
 * const budget = checkBudget({ currentSpend: 920, budgetLimit: 1000 });
 * budget.status; // 'warning'
 * budget.remainingBudget; // 80
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function checkBudget(input: BudgetCheckInput): BudgetCheckResult {
  const [rawCurrentSpend, rawBudgetLimit, rawWarningRatio] = readFields(input, 'input', BUDGET_KEYS, false);
  const currentSpend = finiteNumber(rawCurrentSpend, 'currentSpend', 0, false);
  const budgetLimit = finiteNumber(rawBudgetLimit, 'budgetLimit', 0, true);
  const warningRatio = rawWarningRatio === undefined ? 0.9 : finiteNumber(rawWarningRatio, 'warningRatio', 0, true, 1);
  const usageRatio = saturate(currentSpend / budgetLimit);
  const isWarning = usageRatio >= warningRatio;
  const isBreached = currentSpend >= budgetLimit;
  return Object.freeze({
    currentSpend,
    budgetLimit,
    warningRatio,
    usageRatio,
    remainingBudget: budgetLimit - currentSpend,
    isWarning,
    isBreached,
    status: isBreached ? 'breached' : isWarning ? 'warning' : 'ok',
  });
}

/**
 * Checks whether the newest point of a spend series spikes above the mean of the points before it
 * (or, with `seasonLength`, of the earlier points in the same phase).
 *
 * @param spendSeries - spend per period, oldest first, newest last; at least 2 finite numbers >= 0.
 *   Arrays, frozen arrays and typed arrays are read in place, never copied or mutated.
 * @param options - optional thresholds.
 * @param options.spikeMultiplier - how many times the baseline counts as a spike, > 1; default 1.5.
 * @param options.minBaseline - a floor for the baseline, >= 0; default 0.
 * @param options.seasonLength - compare only with earlier points in the same phase, a safe integer >= 2; default none.
 * @param options.minImpact - the smallest `latestSpend - baselineMean` that counts as a spike, >= 0; default 0.
 * @returns a frozen {@link AnomalyCheckResult}.
 * @throws RangeError when the series is not array-like, is shorter than 2 (or than `seasonLength + 1`),
 *   has a hole or a point that is not a finite number >= 0, or when an option is unknown or out of range.
 * @example
 * ```ts
 * const spike = checkAnomalySpike([100, 110, 90, 300]);
 * spike.baselineMean; // 100
 * spike.threshold; // 150
 * spike.isSpike; // true
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function checkAnomalySpike(spendSeries: ArrayLike<number>, options?: AnomalySpikeOptions): AnomalyCheckResult {
  const [rawSpikeMultiplier, rawMinBaseline, rawSeasonLength, rawMinImpact] = readFields(options, 'options', SPIKE_KEYS, true);
  const spikeMultiplier = rawSpikeMultiplier === undefined ? 1.5 : finiteNumber(rawSpikeMultiplier, 'options.spikeMultiplier', 1, true);
  const minBaseline = rawMinBaseline === undefined ? 0 : finiteNumber(rawMinBaseline, 'options.minBaseline', 0, false);
  const seasonLength = rawSeasonLength === undefined ? null : safeInteger(rawSeasonLength, 'options.seasonLength', 2);
  const minImpact = rawMinImpact === undefined ? 0 : finiteNumber(rawMinImpact, 'options.minImpact', 0, false);
  const { latest: latestSpend, historyMean: baselineMean } = scanSeries(spendSeries, 'spendSeries', seasonLength, false);
  const threshold = saturate(Math.max(baselineMean, minBaseline) * spikeMultiplier);
  const impact = latestSpend - baselineMean;
  return Object.freeze({
    latestSpend,
    baselineMean,
    threshold,
    isSpike: latestSpend > threshold && impact >= minImpact,
    impact,
    spikeMultiplier,
    minBaseline,
    seasonLength,
    minImpact,
  });
}

/**
 * Decides whether a step-counted circuit breaker lets the guarded operation run.
 *
 * @param input - the failure count and optionally the threshold and remaining cooldown.
 * @param input.consecutiveFailures - failures in a row, a safe integer >= 0.
 * @param input.failureThreshold - failures in a row that open the breaker, a safe integer >= 1; default 3.
 * @param input.cooldownStepsRemaining - steps it must still stay open, a safe integer >= 0; default 0.
 * @returns a frozen {@link CircuitBreakerDecision}.
 * @throws RangeError when `input` is not a plain object, has an unknown key, or a field is missing, not a safe integer, or out of range.
 * @example
 * ```ts
 * const breaker = evaluateCircuitBreaker({ consecutiveFailures: 3, cooldownStepsRemaining: 2 });
 * breaker.isOpen; // true
 * breaker.retryAfterSteps; // 2
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function evaluateCircuitBreaker(input: CircuitBreakerInput): CircuitBreakerDecision {
  const [rawConsecutiveFailures, rawFailureThreshold, rawCooldownStepsRemaining] = readFields(input, 'input', BREAKER_KEYS, false);
  const consecutiveFailures = safeInteger(rawConsecutiveFailures, 'consecutiveFailures', 0);
  const failureThreshold = rawFailureThreshold === undefined ? 3 : safeInteger(rawFailureThreshold, 'failureThreshold', 1);
  const cooldownStepsRemaining =
    rawCooldownStepsRemaining === undefined ? 0 : safeInteger(rawCooldownStepsRemaining, 'cooldownStepsRemaining', 0);
  const isOpen = consecutiveFailures >= failureThreshold || cooldownStepsRemaining > 0;
  return Object.freeze({
    consecutiveFailures,
    failureThreshold,
    cooldownStepsRemaining,
    isOpen,
    allowOperation: !isOpen,
    retryAfterSteps: isOpen ? cooldownStepsRemaining : 0,
  });
}
