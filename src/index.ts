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
