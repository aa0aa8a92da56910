/**
 * Shared state: one breaker (or alert tracker) for many instances, through any store with
 * compare-and-set. Fails closed: a store that throws, hangs past the caller's signal, or keeps losing the
 * race gives a refusal, never an exception a caller might read as "allowed".
 *
 * @packageDocumentation
 */

import { invalid, readFields, safeInteger } from './validate.js';

/**
 * A store with compare-and-set, structurally typed: a Redis key with a Lua check-and-set, a DynamoDB item
 * with a conditional write, a Durable Object, a SQL row with a version column, or memory. Methods may be
 * synchronous or return promises.
 */
export interface SharedStore<S> {
  /** The stored state and its version (any value the store can compare: a counter, an ETag). */
  load(): PromiseLike<{ readonly value: S; readonly version: unknown }> | { readonly value: S; readonly version: unknown };
  /** Writes `next` if the stored version is still `version`; returns whether it did. */
  compareAndSet(next: S, version: unknown): PromiseLike<boolean> | boolean;
}

/** The part of an `AbortSignal` the helper uses: every runtime's `AbortSignal` (browsers, Node, Bun, Deno, workerd) fits. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * Whether `value` is an object with these methods, asked without letting a hostile object throw.
 *
 * @param value - anything.
 * @param methods - the method names.
 * @returns true when every one is a function.
 */
function hasMethods(value: unknown, ...methods: string[]): boolean {
  try {
    return methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');
  } catch {
    return false; // null, undefined, a revoked proxy
  }
}

/** The options of {@link applyShared}. */
export interface SharedOptions {
  /** Load, step and compare-and-set at most this many times before giving up. A safe integer >= 1 and <= 100. Default 5. */
  readonly attempts?: number | undefined;
  /** Give up when this signal aborts (e.g. `AbortSignal.timeout(50)`): the library reads no clock itself. */
  readonly signal?: AbortSignalLike | undefined;
}

/** Why {@link applyShared} refused: the store failed, the race was lost every time, the signal aborted, or the stored state was invalid. */
export type SharedFailure = 'store-error' | 'conflict' | 'aborted' | 'invalid-state';

/** The refusal {@link applyShared} gives when the shared state cannot be used: deny, and say why. */
export interface SharedUnavailable {
  readonly allowOperation: false;
  readonly status: 'unavailable';
  readonly reason: 'state-unavailable';
  readonly cause: SharedFailure;
  /** How many load-step-write rounds were tried. */
  readonly attempts: number;
}

/** The step's own result, written to the store. */
export type SharedApplied<R> = R & { readonly attempts: number };

const OPTION_KEYS = ['attempts', 'signal'] as const;

/**
 * Applies a pure step (`stepBreaker`, `trackBudgetAlerts`, or any reducer returning `{ state }`) to state
 * shared through a compare-and-set store: load, step, write back only if nobody wrote in between, else
 * retry from a fresh load. A step that leaves the state as it was (the same JSON text: a request on a
 * closed breaker) writes nothing: that decision is a read of the loaded state. Returns the step's result
 * (with `attempts`) once written or found unchanged, or a frozen {@link SharedUnavailable} refusal when the
 * store throws, the signal aborts, the stored state is invalid (the step throws a `RangeError`), or every
 * attempt lost the race. Never throws for store failures, never loops without bound.
 *
 * @param store - the store.
 * @param step - the pure step: `(state) => result` where `result.state` is written back.
 * @param options - how many attempts, and a signal to give up on.
 * @returns the written result, or the refusal.
 * @throws RangeError when `options` is invalid, or `store` or `step` is not usable (a programming error).
 * @example
 * ```ts
 * let stored = { value: createBreakerState(), version: 0 };
 * const store = {
 *   load: () => stored,
 *   compareAndSet: (next, version) => version === stored.version && Boolean((stored = { value: next, version: version + 1 })),
 * };
 * const config = { failureThreshold: 1, cooldown: 30_000 };
 * const gate = await applyShared(store, (state) => stepBreaker(state, { type: 'request', at: 1000 }, config));
 * gate.allowOperation; // true
 * stored.version; // 0
 * const report = await applyShared(store, (state) => stepBreaker(state, { type: 'failure', at: 1200, admittedAt: 1000 }, config));
 * report.status; // 'open'
 * stored.version; // 1
 * ```
 */
export async function applyShared<S, R extends { readonly state: S }>(
  store: SharedStore<S>,
  step: (state: S) => R,
  options?: SharedOptions,
): Promise<SharedApplied<R> | SharedUnavailable> {
  const [rawAttempts, rawSignal] = readFields(options, 'options', OPTION_KEYS, true);
  const attempts = rawAttempts === undefined ? 5 : safeInteger(rawAttempts, 'options.attempts', 1);
  if (attempts > 100) throw invalid('options.attempts', 'a safe integer >= 1 and <= 100', String(attempts));
  const signal = rawSignal as AbortSignalLike | undefined;
  if (signal !== undefined && !hasMethods(signal, 'addEventListener', 'removeEventListener')) {
    throw invalid('options.signal', 'an AbortSignal', 'another value');
  }
  if (!hasMethods(store, 'load', 'compareAndSet')) {
    throw invalid('store', 'an object with load() and compareAndSet()', 'something else');
  }
  if (typeof step !== 'function') throw invalid('step', 'a function', 'something else');

  const refuse = (cause: SharedFailure, tried: number): SharedUnavailable =>
    Object.freeze({ allowOperation: false, status: 'unavailable', reason: 'state-unavailable', cause, attempts: tried });
  // a promise that rejects when the signal aborts, so a hanging store cannot hold the caller
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(new Error('aborted'));
    };
  });
  signal?.addEventListener('abort', onAbort as () => void, { once: true });
  aborted.catch(() => undefined); // observed through Promise.race below
  const guarded = <T>(work: PromiseLike<T> | T): Promise<T> => Promise.race([Promise.resolve(work), aborted]);
  // read afresh each time (it changes while awaiting); a signal that cannot be read counts as aborted
  const isAborted = (): boolean => {
    try {
      return signal?.aborted === true;
    } catch {
      return true;
    }
  };

  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (isAborted()) return refuse('aborted', attempt - 1);
      let loaded: { readonly value: S; readonly version: unknown };
      try {
        loaded = await guarded(store.load());
      } catch {
        return refuse(isAborted() ? 'aborted' : 'store-error', attempt);
      }
      let result: R;
      try {
        result = step(loaded.value);
      } catch (error) {
        if (error instanceof RangeError) return refuse('invalid-state', attempt);
        throw error;
      }
      let unchanged = false;
      try {
        unchanged = JSON.stringify(result.state) === JSON.stringify(loaded.value);
      } catch {
        // a value JSON cannot write (a cycle, a bigint, a throwing getter): write, which is always safe
      }
      // the step changed nothing (a request on a closed breaker): the decision is a read, with no write to lose
      if (unchanged) return Object.freeze({ ...result, attempts: attempt });
      let written: unknown;
      try {
        written = await guarded(store.compareAndSet(result.state, loaded.version));
      } catch {
        return refuse(isAborted() ? 'aborted' : 'store-error', attempt);
      }
      if (written === true) return Object.freeze({ ...result, attempts: attempt }); // only true: a store answering 1 or 'OK' must say true
    }
    return refuse('conflict', attempts);
  } finally {
    signal?.removeEventListener('abort', onAbort as () => void);
  }
}
