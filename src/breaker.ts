/**
 * A circuit breaker as a pure reducer over plain-JSON state: the caller keeps the state anywhere (memory,
 * Redis, DynamoDB, a KV store), passes its own clock, and writes the new state back.
 *
 * @packageDocumentation
 */

import { saturate } from './series.js';
import { describe, finiteNumber, invalid, oneOf, readFields, safeInteger } from './validate.js';

/** Where a breaker is: letting calls through, refusing them, or letting a few probes test the service. */
export type BreakerStatus = 'closed' | 'open' | 'half-open';

/** What happened: a call wants to run, or a call that ran succeeded or failed. */
export type BreakerEventType = 'request' | 'success' | 'failure';

/**
 * The whole state of a breaker, as plain JSON (no Infinity, no undefined): `JSON.parse(JSON.stringify(state))`
 * is a valid state, so it can be stored anywhere and shared by many instances.
 */
export interface BreakerState {
  /** The stored status. An `'open'` state whose `openUntil <= at` is half-open. */
  readonly status: BreakerStatus;
  /** Failures in a row (reset by a success while closed, and when the breaker closes). */
  readonly consecutiveFailures: number;
  /**
   * When open: the time (in the caller's unit) from which probes are allowed. When half-open: the time the
   * current half-open window began. When closed: null.
   */
  readonly openUntil: number | null;
  /** Trips since the breaker last closed; drives the backoff. */
  readonly trips: number;
  /** Probes admitted in half-open and not yet reported. */
  readonly probesInFlight: number;
  /** Successes reported in half-open since the last trip. */
  readonly halfOpenSuccesses: number;
}

/** An event for {@link stepBreaker}. */
export interface BreakerEvent {
  /** `'request'` before a call; `'success'` or `'failure'` after it. */
  readonly type: BreakerEventType;
  /** The caller's clock, in any unit (ms, s, step numbers), as a finite number >= 0. The library never reads a clock. */
  readonly at: number;
  /**
   * For `'success'` and `'failure'`: the `at` of the request that let this call run, a finite number from 0
   * to `at`. With it, a half-open breaker ignores late reports of calls admitted before its window began
   * (calls that were already running when it tripped, or probes of an earlier window), so only this
   * window's probes decide. Without it, every report counts. Not allowed on `'request'`.
   */
  readonly admittedAt?: number | undefined;
}

/** The configuration of {@link stepBreaker}; pass the same one on every step. */
export interface BreakerConfig {
  /** Failures in a row that trip a closed breaker. A safe integer >= 1. Default 3. */
  readonly failureThreshold?: number | undefined;
  /** How long the first trip stays open, in the unit of `at`. A finite number > 0. Default 1. */
  readonly cooldown?: number | undefined;
  /** Each further trip without closing multiplies the cooldown by this. A finite number >= 1. Default 1 (no backoff). */
  readonly backoffMultiplier?: number | undefined;
  /** The longest cooldown. A finite number >= `cooldown`. Default none. */
  readonly maxCooldown?: number | undefined;
  /** Probes admitted at once while half-open. A safe integer >= 1. Default 1. */
  readonly halfOpenMaxProbes?: number | undefined;
  /** Probe successes that close a half-open breaker. A safe integer >= 1. Default 1. */
  readonly successesToClose?: number | undefined;
  /**
   * How long a half-open window may wait for its probes: a request at or after `openUntil + probeTimeout`
   * presumes the probes in flight lost (their worker died), starts a new window at `at` and is admitted.
   * A finite number > 0. Default none: a lost probe holds the half-open breaker until it is reported.
   * Set it when many instances share one state.
   */
  readonly probeTimeout?: number | undefined;
}

/** The result of {@link stepBreaker}. */
export interface BreakerStep {
  /** The new state: store it (with compare-and-set when shared). */
  readonly state: BreakerState;
  /** For a request: whether this call may run. For success and failure: whether a request now would. */
  readonly allowOperation: boolean;
  /** The breaker's effective status after the event. */
  readonly status: BreakerStatus;
  /** When a request is (or would be) refused: how long until it is worth asking again, in the unit of `at`; else 0. */
  readonly retryAfter: number;
}

const STATE_KEYS = ['status', 'consecutiveFailures', 'openUntil', 'trips', 'probesInFlight', 'halfOpenSuccesses'] as const;
const EVENT_KEYS = ['type', 'at', 'admittedAt'] as const;
const CONFIG_KEYS = [
  'failureThreshold',
  'cooldown',
  'backoffMultiplier',
  'maxCooldown',
  'halfOpenMaxProbes',
  'successesToClose',
  'probeTimeout',
] as const;
const STATUSES: readonly BreakerStatus[] = ['closed', 'open', 'half-open'];
const EVENT_TYPES: readonly BreakerEventType[] = ['request', 'success', 'failure'];

/**
 * The state of a new breaker: closed, every counter 0.
 *
 * @returns a frozen, closed {@link BreakerState}.
 * @example
 * ```ts
 * const state = createBreakerState();
 * state.status; // 'closed'
 * JSON.stringify(state); // '{"status":"closed","consecutiveFailures":0,"openUntil":null,"trips":0,"probesInFlight":0,"halfOpenSuccesses":0}'
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function createBreakerState(): BreakerState {
  return Object.freeze({ status: 'closed', consecutiveFailures: 0, openUntil: null, trips: 0, probesInFlight: 0, halfOpenSuccesses: 0 });
}

/**
 * Reads and checks a stored state: a corrupt or foreign state is an error, never a guess.
 *
 * @param state - the value received.
 * @returns a mutable working copy.
 * @throws RangeError when `state` is not a valid {@link BreakerState}.
 */
function readState(state: unknown): { -readonly [K in keyof BreakerState]: BreakerState[K] } {
  const [rawStatus, rawConsecutiveFailures, rawOpenUntil, rawTrips, rawProbesInFlight, rawHalfOpenSuccesses] = readFields(
    state,
    'state',
    STATE_KEYS,
    false,
  );
  const status = oneOf(rawStatus, 'state.status', STATUSES);
  const openUntil = rawOpenUntil === null ? null : finiteNumber(rawOpenUntil, 'state.openUntil', 0, false);
  const read = {
    status,
    consecutiveFailures: safeInteger(rawConsecutiveFailures, 'state.consecutiveFailures', 0),
    openUntil,
    trips: safeInteger(rawTrips, 'state.trips', 0),
    probesInFlight: safeInteger(rawProbesInFlight, 'state.probesInFlight', 0),
    halfOpenSuccesses: safeInteger(rawHalfOpenSuccesses, 'state.halfOpenSuccesses', 0),
  };
  const when = `when \`state.status\` is '${status}'`;
  if (status !== 'closed' && openUntil === null) throw invalid('state.openUntil', `a finite number >= 0 ${when}`, 'null');
  if (status === 'closed' && openUntil !== null) throw invalid('state.openUntil', `null ${when}`, describe(openUntil));
  if (status !== 'half-open' && read.probesInFlight !== 0) throw invalid('state.probesInFlight', `0 ${when}`, String(read.probesInFlight));
  if (status !== 'half-open' && read.halfOpenSuccesses !== 0)
    throw invalid('state.halfOpenSuccesses', `0 ${when}`, String(read.halfOpenSuccesses));
  return read;
}

/**
 * Applies one event to a breaker state and says whether the guarded operation may run.
 *
 * - `request`: closed, allowed; open, refused with `retryAfter = openUntil - at`; half-open, allowed while
 *   `probesInFlight < halfOpenMaxProbes` (the probe is counted in the returned state), else refused.
 * - `success`: closed, resets `consecutiveFailures`; half-open, one more success and one fewer probe in
 *   flight, and at `successesToClose` the breaker closes and every counter, `trips` included, resets.
 * - `failure`: closed, one more failure, tripping at `failureThreshold`; half-open, trips again.
 * - Tripping at `t`: `openUntil = t + min(cooldown * backoffMultiplier ** trips, maxCooldown)`, then `trips + 1`.
 * - An open breaker whose `openUntil <= at` is half-open; before that, success and failure change nothing.
 * - With `event.admittedAt`, reports of calls admitted before the half-open window began are ignored.
 * - With `config.probeTimeout`, a request at `openUntil + probeTimeout` or later in half-open starts a new window.
 *
 * @param state - the current state (from {@link createBreakerState}, or stored JSON); never mutated.
 * @param event - what happened, and when in the caller's clock.
 * @param config - thresholds and timings; pass the same on every step.
 * @returns a frozen {@link BreakerStep} with the new state.
 * @throws RangeError when the state is corrupt or foreign (unknown status, negative or fractional counters,
 *   open or half-open without `openUntil`), or the event or config is invalid.
 * @example
 * ```ts
 * const config = { failureThreshold: 2, cooldown: 30_000 };
 * let state = createBreakerState();
 * state = stepBreaker(state, { type: 'failure', at: 1_000 }, config).state;
 * state = stepBreaker(state, { type: 'failure', at: 2_000 }, config).state;
 * const refused = stepBreaker(state, { type: 'request', at: 12_000 }, config);
 * refused.allowOperation; // false
 * refused.retryAfter; // 20000
 * stepBreaker(refused.state, { type: 'request', at: 32_000 }, config).status; // 'half-open'
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function stepBreaker(state: BreakerState, event: BreakerEvent, config?: BreakerConfig): BreakerStep {
  const [
    rawFailureThreshold,
    rawCooldown,
    rawBackoffMultiplier,
    rawMaxCooldown,
    rawHalfOpenMaxProbes,
    rawSuccessesToClose,
    rawProbeTimeout,
  ] = readFields(config, 'config', CONFIG_KEYS, true);
  const failureThreshold = rawFailureThreshold === undefined ? 3 : safeInteger(rawFailureThreshold, 'config.failureThreshold', 1);
  const cooldown = rawCooldown === undefined ? 1 : finiteNumber(rawCooldown, 'config.cooldown', 0, true);
  const backoffMultiplier =
    rawBackoffMultiplier === undefined ? 1 : finiteNumber(rawBackoffMultiplier, 'config.backoffMultiplier', 1, false);
  const maxCooldown = rawMaxCooldown === undefined ? Infinity : finiteNumber(rawMaxCooldown, 'config.maxCooldown', cooldown, false);
  const maxProbes = rawHalfOpenMaxProbes === undefined ? 1 : safeInteger(rawHalfOpenMaxProbes, 'config.halfOpenMaxProbes', 1);
  const successesToClose = rawSuccessesToClose === undefined ? 1 : safeInteger(rawSuccessesToClose, 'config.successesToClose', 1);
  const probeTimeout = rawProbeTimeout === undefined ? null : finiteNumber(rawProbeTimeout, 'config.probeTimeout', 0, true);
  const next = readState(state);
  const [rawType, rawAt, rawAdmittedAt] = readFields(event, 'event', EVENT_KEYS, false);
  const type = oneOf(rawType, 'event.type', EVENT_TYPES);
  const at = finiteNumber(rawAt, 'event.at', 0, false);
  let admittedAt = -1;
  if (rawAdmittedAt !== undefined) {
    if (type === 'request') throw invalid('event.admittedAt', "absent when `event.type` is 'request'", describe(rawAdmittedAt));
    admittedAt = finiteNumber(rawAdmittedAt, 'event.admittedAt', 0, false, at);
  }

  if (next.status === 'open' && (next.openUntil as number) <= at) {
    next.status = 'half-open'; // the window began when the cooldown ended: openUntil stays as its start
  }
  const windowStart = next.openUntil as number;
  const trip = (): void => {
    next.status = 'open';
    next.openUntil = saturate(at + Math.min(cooldown * backoffMultiplier ** next.trips, maxCooldown));
    next.trips = Math.min(next.trips + 1, Number.MAX_SAFE_INTEGER);
    next.probesInFlight = 0;
    next.halfOpenSuccesses = 0;
  };

  let admitted: boolean | undefined; // a request's verdict
  if (type === 'request') {
    if (next.status === 'half-open' && probeTimeout !== null && at >= saturate(windowStart + probeTimeout)) {
      next.openUntil = at; // the probes in flight are presumed lost: a new window begins now
      next.probesInFlight = 0;
    }
    admitted = next.status === 'closed' || (next.status === 'half-open' && next.probesInFlight < maxProbes);
    if (admitted && next.status === 'half-open') next.probesInFlight++;
  } else if (next.status === 'half-open' && admittedAt >= 0 && admittedAt < windowStart) {
    // a late report of a call admitted before this window began: not one of its probes
  } else if (type === 'success') {
    if (next.status === 'closed') {
      next.consecutiveFailures = 0;
    } else if (next.status === 'half-open') {
      next.halfOpenSuccesses++;
      if (next.probesInFlight > 0) next.probesInFlight--;
      if (next.halfOpenSuccesses >= successesToClose) Object.assign(next, createBreakerState());
    }
  } else if (next.status !== 'open') {
    next.consecutiveFailures = Math.min(next.consecutiveFailures + 1, Number.MAX_SAFE_INTEGER);
    if (next.status === 'half-open' || next.consecutiveFailures >= failureThreshold) trip();
  }

  // for a success or a failure: whether a request now would be admitted
  const allowOperation = admitted ?? (next.status === 'closed' || (next.status === 'half-open' && next.probesInFlight < maxProbes));
  let retryAfter = 0;
  if (!allowOperation && next.status === 'open') retryAfter = (next.openUntil as number) - at;
  if (!allowOperation && next.status === 'half-open' && probeTimeout !== null)
    retryAfter = Math.max(0, saturate((next.openUntil as number) + probeTimeout) - at);
  return Object.freeze({ state: Object.freeze(next), allowOperation, status: next.status, retryAfter });
}
