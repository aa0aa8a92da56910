// One circuit breaker shared by every instance, through any compare-and-set store (see redis-store.mjs).
// Each decision is one applyShared round trip: load the state and its version, step it, write it back only
// if nobody wrote in between. When the store is down or slow, the answer is a refusal within `timeout` ms.

import { applyShared, stepBreaker } from 'cloudcircuit';

/**
 * @typedef {import('cloudcircuit').BreakerState} BreakerState
 * @typedef {import('cloudcircuit').BreakerConfig} BreakerConfig
 * @typedef {import('cloudcircuit').BreakerEvent} BreakerEvent
 * @typedef {import('cloudcircuit').SharedStore<BreakerState>} Store
 * @typedef {(import('cloudcircuit').SharedApplied<import('cloudcircuit').BreakerStep> | import('cloudcircuit').SharedUnavailable) & { event: BreakerEvent | null }} Decision
 *   the applyShared result, with the event that was written (null when refused as unavailable): log it.
 */

/**
 * @param {Store} store - where the breaker lives.
 * @param {BreakerConfig} config - the same on every instance.
 * @param {{ timeout?: number, attempts?: number, clock?: () => number }} [options] - how long a decision may
 *   take (ms, default 100), compare-and-set attempts (default 10), and the clock (default `Date.now`).
 */
export function sharedBreaker(store, config, { timeout = 100, attempts = 10, clock = Date.now } = {}) {
  /**
   * @param {(at: number) => BreakerEvent} eventAt - the event, given the time.
   * @returns {Promise<Decision>}
   */
  async function apply(eventAt) {
    /** @type {BreakerEvent | null} */
    let event = null;
    // the clock is read inside the step: a retry after a lost race uses a fresh time, so the shared state
    // sees time move forward whichever instance writes
    const result = await applyShared(store, (state) => stepBreaker(state, (event = eventAt(clock())), config), {
      attempts,
      signal: AbortSignal.timeout(timeout),
    });
    return Object.freeze({ ...result, event: 'state' in result ? event : null });
  }

  /** Asks before a call: run it only if `allowOperation`, and keep `event.at` to report with. */
  const request = () => apply((at) => ({ type: 'request', at }));
  /**
   * Reports how an admitted call went.
   * @param {'success' | 'failure'} type
   * @param {number} admittedAt - the `event.at` of the request that admitted the call.
   */
  const report = (type, admittedAt) => apply((at) => ({ type, at: Math.max(at, admittedAt), admittedAt }));

  return {
    request,
    report,
    /**
     * Runs `operation` if the breaker allows it, and reports its outcome.
     * @template T
     * @param {() => Promise<T>} operation
     * @returns {Promise<{ ran: true, value: T } | { ran: false, decision: Decision }>} throws what `operation` throws.
     */
    async run(operation) {
      const decision = await request();
      if (!decision.allowOperation || decision.event === null) return { ran: false, decision };
      const admittedAt = decision.event.at;
      let value;
      try {
        value = await operation();
      } catch (error) {
        await report('failure', admittedAt);
        throw error;
      }
      await report('success', admittedAt);
      return { ran: true, value };
    },
  };
}
