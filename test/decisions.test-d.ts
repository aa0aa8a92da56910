import { describe, expectTypeOf, test } from 'vitest';
import {
  applyShared,
  checkBudget,
  createBreakerState,
  evaluateCircuitBreaker,
  evaluateSpendPolicy,
  makeAlertPayload,
  stepBreaker,
  trackBudgetAlerts,
  type AlertPayload,
  type BreakerState,
  type BreakerStatus,
  type BreakerStep,
  type BudgetAlertState,
  type BudgetAlertUpdate,
  type PolicyAction,
  type PolicyReason,
  type SharedApplied,
  type SharedUnavailable,
  type SpendPolicyDecision,
} from '../src/index.js';

describe('decision types', () => {
  test('the breaker state is readonly JSON with literal statuses', () => {
    expectTypeOf(createBreakerState).returns.toEqualTypeOf<BreakerState>();
    expectTypeOf(stepBreaker).returns.toEqualTypeOf<BreakerStep>();
    expectTypeOf<BreakerState['status']>().toEqualTypeOf<BreakerStatus>();
    expectTypeOf<BreakerStatus>().toEqualTypeOf<'closed' | 'open' | 'half-open'>();
    expectTypeOf<BreakerState['openUntil']>().toEqualTypeOf<number | null>();
    const state = createBreakerState();
    // @ts-expect-error: readonly field
    state.trips = 2;
    // @ts-expect-error: not an event type
    stepBreaker(state, { type: 'timeout', at: 0 });
    // @ts-expect-error: at is required
    stepBreaker(state, { type: 'request' });
    // @ts-expect-error: misspelt config key
    stepBreaker(state, { type: 'request', at: 0 }, { cooldownMs: 5 });
    stepBreaker(JSON.parse('{}') as BreakerState, { type: 'success', at: 5, admittedAt: 1 }, { probeTimeout: 10 });
  });

  test('the policy takes any subset of results and returns literal unions', () => {
    expectTypeOf(evaluateSpendPolicy).returns.toEqualTypeOf<SpendPolicyDecision>();
    expectTypeOf<SpendPolicyDecision['action']>().toEqualTypeOf<PolicyAction>();
    expectTypeOf<SpendPolicyDecision['reasons']>().toEqualTypeOf<readonly PolicyReason[]>();
    evaluateSpendPolicy({ budget: checkBudget({ currentSpend: 1, budgetLimit: 2 }) });
    evaluateSpendPolicy({ breaker: evaluateCircuitBreaker({ consecutiveFailures: 1 }) });
    evaluateSpendPolicy({ breaker: stepBreaker(createBreakerState(), { type: 'request', at: 0 }) });
    // applyShared's result, applied or refused, is a breaker signal as it is
    const store = { load: () => ({ value: createBreakerState(), version: 0 }), compareAndSet: () => true };
    const shared = applyShared(store, (state) => stepBreaker(state, { type: 'request', at: 0 }));
    expectTypeOf(shared).resolves.toEqualTypeOf<SharedApplied<BreakerStep> | SharedUnavailable>();
    void shared.then((breaker) => evaluateSpendPolicy({ breaker }));
    expectTypeOf<'breaker-unavailable'>().toExtend<PolicyReason>();
    // @ts-expect-error: a refusal must say why
    evaluateSpendPolicy({ breaker: { allowOperation: false } });
    // @ts-expect-error: not a signal
    evaluateSpendPolicy({ cost: 5 });
  });

  test('payloads and alert updates are readonly', () => {
    const payload = makeAlertPayload(evaluateSpendPolicy({ budget: checkBudget({ currentSpend: 1, budgetLimit: 2 }) }), {
      service: 's',
      environment: 'e',
    });
    expectTypeOf(payload).toEqualTypeOf<AlertPayload>();
    expectTypeOf(payload.at).toEqualTypeOf<string | undefined>();
    // @ts-expect-error: readonly field
    payload.service = 'x';
    const update = trackBudgetAlerts(undefined, { period: 'p', usageRatio: 0.5 }, { thresholds: [0.5] });
    expectTypeOf(update).toEqualTypeOf<BudgetAlertUpdate>();
    expectTypeOf(update.state).toEqualTypeOf<BudgetAlertState>();
    expectTypeOf(update.fired).toEqualTypeOf<readonly number[]>();
    expectTypeOf(update.fired).not.toHaveProperty('push');
  });
});
