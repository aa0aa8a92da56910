// Gating an expensive operation on spend, in a serverless handler: the spend policy decides, and a circuit
// breaker whose state lives in a store (not in the instance) stops retry storms against a failing service.
// Shared by the AWS Lambda handler (lambda.mjs) and the Cloudflare Worker (worker.mjs).

import { applyShared, checkBudget, createBreakerState, evaluateSpendPolicy, stepBreaker } from 'cloudcircuit';

/** The breaker: 3 failures in a row open it for 30 s; one probe at a time; a lost probe is given up after 60 s. */
export const breakerConfig = Object.freeze({ failureThreshold: 3, cooldown: 30_000, halfOpenMaxProbes: 1, probeTimeout: 60_000 });

/**
 * A store for the breaker state with compare-and-set, kept in memory: it survives warm invocations of one
 * instance. For many instances, put the same two methods over DynamoDB (a conditional write on a version
 * attribute), Redis (a Lua check-and-set) or a Durable Object; see the README.
 */
/**
 * @typedef {import('cloudcircuit').BreakerState} BreakerState
 * @typedef {{ load(): Promise<{ value: BreakerState, version: number }>, compareAndSet(next: BreakerState, version: number): Promise<boolean> }} Store
 */

/** @returns {Store} */
export function memoryStore() {
  let stored = { value: JSON.stringify(createBreakerState()), version: 0 };
  return {
    async load() {
      return { value: JSON.parse(stored.value), version: stored.version };
    },
    async compareAndSet(next, version) {
      if (stored.version !== version) return false;
      stored = { value: JSON.stringify(next), version: version + 1 };
      return true;
    },
  };
}

/**
 * Applies one breaker event through the store with compare-and-set. Fails closed: when the store fails or
 * takes longer than 100 ms, the answer is a refusal ('state-unavailable'), which the policy blocks on.
 * @param {Store} store
 * @param {import('cloudcircuit').BreakerEvent} event
 */
function step(store, event) {
  return applyShared(store, (state) => stepBreaker(state, event, breakerConfig), { signal: AbortSignal.timeout(100) });
}

/**
 * Runs `operation` only if spend and the breaker allow it.
 *
 * @param {object} request
 * @param {Store} request.store - where the breaker state lives.
 * @param {number} request.now - the caller's clock in ms (Date.now()); the library reads none.
 * @param {number} request.monthToDate - spend so far this month.
 * @param {number} request.budget - the month's budget.
 * @param {() => Promise<unknown>} request.operation - the expensive call.
 * @returns {Promise<{ status: number, body: object }>} an HTTP-style answer: 200 ran, 429 refused on spend,
 *   503 refused by the breaker (open, or its store unreadable), 502 the operation failed, 400 bad input
 *   (fail closed: it does not run).
 */
export async function gate({ store, now, monthToDate, budget, operation }) {
  let spend;
  try {
    spend = checkBudget({ currentSpend: monthToDate, budgetLimit: budget });
  } catch (error) {
    // a broken metrics pipeline (NaN, a string, a missing figure) must not open the gate
    return {
      status: 400,
      body: { action: 'block', reasons: ['bad-input'], summary: String(error instanceof Error ? error.message : error) },
    };
  }
  const breaker = await step(store, { type: 'request', at: now });
  const policy = evaluateSpendPolicy({ budget: spend, breaker });
  const decision = { action: policy.action, reasons: policy.reasons, summary: policy.summary };
  if (policy.action === 'block') {
    const refusedBy = policy.reasons.includes('budget-breached') ? 429 : 503;
    // an unreadable breaker store has no figure: ask again in a second
    return { status: refusedBy, body: { ...decision, retryAfter: 'retryAfter' in breaker ? breaker.retryAfter : 1_000 } };
  }
  try {
    const result = await operation();
    await step(store, { type: 'success', at: now, admittedAt: now });
    return { status: 200, body: { ...decision, result } };
  } catch (error) {
    await step(store, { type: 'failure', at: now, admittedAt: now });
    return { status: 502, body: { ...decision, error: String(error instanceof Error ? error.message : error) } };
  }
}
