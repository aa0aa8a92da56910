import { describe, expectTypeOf, test } from 'vitest';
import {
  checkAnomalySpike,
  checkBudget,
  evaluateCircuitBreaker,
  type AnomalyCheckResult,
  type AnomalySpikeOptions,
  type BudgetCheckInput,
  type BudgetCheckResult,
  type BudgetStatus,
  type CircuitBreakerDecision,
  type CircuitBreakerInput,
} from '../src/index.js';

describe('result types', () => {
  test('each function returns its named result type', () => {
    expectTypeOf(checkBudget).returns.toEqualTypeOf<BudgetCheckResult>();
    expectTypeOf(checkAnomalySpike).returns.toEqualTypeOf<AnomalyCheckResult>();
    expectTypeOf(evaluateCircuitBreaker).returns.toEqualTypeOf<CircuitBreakerDecision>();
    expectTypeOf(checkBudget).parameter(0).toEqualTypeOf<BudgetCheckInput>();
    expectTypeOf(checkAnomalySpike).parameter(1).toEqualTypeOf<AnomalySpikeOptions | undefined>();
    expectTypeOf(evaluateCircuitBreaker).parameter(0).toEqualTypeOf<CircuitBreakerInput>();
  });

  test('results are readonly', () => {
    const budget = checkBudget({ currentSpend: 1, budgetLimit: 2 });
    // @ts-expect-error: readonly field
    budget.status = 'ok';
    const spike = checkAnomalySpike([1, 2]);
    // @ts-expect-error: readonly field
    spike.isSpike = false;
    const breaker = evaluateCircuitBreaker({ consecutiveFailures: 0 });
    // @ts-expect-error: readonly field
    breaker.allowOperation = true;
    expectTypeOf<BudgetCheckResult>().toEqualTypeOf<Readonly<BudgetCheckResult>>();
    expectTypeOf<AnomalyCheckResult>().toEqualTypeOf<Readonly<AnomalyCheckResult>>();
    expectTypeOf<CircuitBreakerDecision>().toEqualTypeOf<Readonly<CircuitBreakerDecision>>();
  });

  test('status is a union of string literals, not a string', () => {
    expectTypeOf<BudgetCheckResult['status']>().toEqualTypeOf<BudgetStatus>();
    expectTypeOf<BudgetStatus>().toEqualTypeOf<'ok' | 'warning' | 'breached'>();
  });
});

describe('inputs', () => {
  test('literal inputs and options with unknown keys do not compile', () => {
    // @ts-expect-error: misspelt key
    checkBudget({ currentSpend: 1, budgetLimit: 2, warningRation: 0.5 });
    // @ts-expect-error: misspelt option
    checkAnomalySpike([1, 2], { spikeMultiplyer: 2 });
    // @ts-expect-error: unknown key
    evaluateCircuitBreaker({ consecutiveFailures: 1, cooldown: 2 });
  });

  test('required fields are required, and numbers are numbers', () => {
    // @ts-expect-error: budgetLimit missing
    checkBudget({ currentSpend: 1 });
    // @ts-expect-error: a string is not a number
    checkBudget({ currentSpend: '1', budgetLimit: 2 });
    // @ts-expect-error: consecutiveFailures missing
    evaluateCircuitBreaker({});
  });

  test('optional fields accept undefined explicitly (they then take their defaults)', () => {
    checkBudget({ currentSpend: 1, budgetLimit: 2, warningRatio: undefined });
    checkAnomalySpike([1, 2], { spikeMultiplier: undefined, minBaseline: undefined });
    evaluateCircuitBreaker({ consecutiveFailures: 1, failureThreshold: undefined, cooldownStepsRemaining: undefined });
  });

  test('series accept arrays, readonly arrays and typed arrays, but not strings of numbers', () => {
    const readonlySeries: readonly number[] = [1, 2, 3];
    checkAnomalySpike(readonlySeries);
    checkAnomalySpike(Object.freeze([1, 2, 3]));
    checkAnomalySpike(new Float64Array([1, 2, 3]));
    expectTypeOf(checkAnomalySpike).parameter(0).toEqualTypeOf<ArrayLike<number>>();
    // @ts-expect-error: strings are not numbers
    checkAnomalySpike(['1', '2']);
  });
});
