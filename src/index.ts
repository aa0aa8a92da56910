/**
 * cloudcircuit: fail-closed, deterministic guardrails for cloud spend.
 *
 * @packageDocumentation
 */

export { checkAnomalySpike, checkBudget, evaluateCircuitBreaker } from './safeguards.js';
export type {
  AnomalyCheckResult,
  AnomalySpikeOptions,
  BudgetCheckInput,
  BudgetCheckResult,
  BudgetStatus,
  CircuitBreakerDecision,
  CircuitBreakerInput,
} from './safeguards.js';

export { checkBurnRate } from './burn-rate.js';
export type { BurnRateOptions, BurnRateResult } from './burn-rate.js';

export { forecastBudgetBreach } from './forecast.js';
export type { ForecastInput, ForecastResult } from './forecast.js';

export { checkAnomalyRobust } from './robust.js';
export type { RobustAnomalyOptions, RobustAnomalyResult, RobustMethod } from './robust.js';
