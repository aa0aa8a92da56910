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

export { createBreakerState, stepBreaker } from './breaker.js';
export type { BreakerConfig, BreakerEvent, BreakerEventType, BreakerState, BreakerStatus, BreakerStep } from './breaker.js';

export { evaluateSpendPolicy } from './policy.js';
export type {
  AnomalySignal,
  BreakerSignal,
  BudgetSignal,
  BurnRateSignal,
  ForecastSignal,
  PolicyAction,
  PolicyReason,
  PolicySeverity,
  PolicySignals,
  SpendPolicyDecision,
} from './policy.js';

export { makeAlertPayload } from './payload.js';
export type { AlertPayload, AlertPayloadOptions } from './payload.js';

export { trackBudgetAlerts } from './alerts.js';
export type { BudgetAlertOptions, BudgetAlertReading, BudgetAlertState, BudgetAlertUpdate } from './alerts.js';

export { applyShared } from './shared.js';
export type { AbortSignalLike, SharedApplied, SharedFailure, SharedOptions, SharedStore, SharedUnavailable } from './shared.js';
