import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyShared, createBreakerState, stepBreaker, trackBudgetAlerts, type BreakerState, type SharedStore } from '../src/index.js';
import { memory } from './helpers.js';

const request = (at: number) => (state: BreakerState) => stepBreaker(state, { type: 'request', at }, { failureThreshold: 1, cooldown: 10 });
const failure = (at: number) => (state: BreakerState) => stepBreaker(state, { type: 'failure', at }, { failureThreshold: 1, cooldown: 10 });

describe('applyShared', () => {
  test('loads, steps and writes back, returning the step result', async () => {
    const store = memory(createBreakerState());
    expect(await applyShared(store, failure(1))).toMatchObject({ allowOperation: false, status: 'open', attempts: 1 });
    expect(store.peek()).toMatchObject({ status: 'open', openUntil: 11 });
    const refused = await applyShared(store, request(5));
    expect(refused).toMatchObject({ allowOperation: false, status: 'open', retryAfter: 6 });
    expect(Object.isFrozen(refused)).toBe(true);
  });

  test('retries from a fresh load when another writer won, up to the attempts', async () => {
    const store = memory(createBreakerState());
    store.lose = 2;
    expect(await applyShared(store, failure(1))).toMatchObject({ status: 'open', attempts: 3 });
    store.lose = 5;
    expect(await applyShared(store, request(20), { attempts: 5 })).toStrictEqual({
      allowOperation: false,
      status: 'unavailable',
      reason: 'state-unavailable',
      cause: 'conflict',
      attempts: 5,
    });
  });

  test('fails closed when the store throws, synchronously or not', async () => {
    const broken: SharedStore<BreakerState> = {
      load: () => {
        throw new Error('connection refused');
      },
      compareAndSet: () => true,
    };
    expect(await applyShared(broken, request(1))).toMatchObject({
      allowOperation: false,
      reason: 'state-unavailable',
      cause: 'store-error',
      attempts: 1,
    });
    const failingWrite: SharedStore<BreakerState> = {
      load: () => ({ value: createBreakerState(), version: 0 }),
      compareAndSet: () => Promise.reject(new Error('READONLY')),
    };
    expect(await applyShared(failingWrite, failure(1))).toMatchObject({ cause: 'store-error', attempts: 1 });
  });

  test('gives up when the signal aborts, even while the store hangs', async () => {
    const hanging: SharedStore<BreakerState> = { load: () => new Promise(() => undefined), compareAndSet: () => true };
    const controller = new AbortController();
    const pending = applyShared(hanging, request(1), { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ allowOperation: false, cause: 'aborted', attempts: 1 });
    const hangingWrite: SharedStore<BreakerState> = {
      load: () => ({ value: createBreakerState(), version: 0 }),
      compareAndSet: () => new Promise(() => undefined),
    };
    const timed = await applyShared(hangingWrite, failure(1), { signal: AbortSignal.timeout(20) });
    expect(timed).toMatchObject({ cause: 'aborted' });
    const already = new AbortController();
    already.abort();
    expect(await applyShared(memory(createBreakerState()), request(1), { signal: already.signal })).toMatchObject({
      cause: 'aborted',
      attempts: 0,
    });
  });

  test('stops listening to the signal when done', async () => {
    const listeners = new Set<() => void>();
    const signal = {
      aborted: false,
      addEventListener: (_: 'abort', listener: () => void) => listeners.add(listener),
      removeEventListener: (type: string, listener: () => void) => type === 'abort' && listeners.delete(listener),
    };
    await applyShared(memory(createBreakerState()), request(1), { signal });
    expect(listeners.size).toBe(0);
  });

  test('a signal that cannot be read counts as aborted', async () => {
    const hostile = {
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      get aborted(): boolean {
        throw new Error('gone');
      },
    };
    expect(await applyShared(memory(createBreakerState()), request(1), { signal: hostile })).toMatchObject({
      cause: 'aborted',
      attempts: 0,
    });
  });

  test('a corrupt stored state is a refusal, not an exception', async () => {
    const corrupt = memory({ status: 'exploded' } as unknown as BreakerState);
    expect(await applyShared(corrupt, request(1))).toMatchObject({ allowOperation: false, cause: 'invalid-state' });
  });

  test('a bug in the step is not hidden', async () => {
    const store = memory(createBreakerState());
    await expect(
      applyShared(store, () => {
        throw new TypeError('bug');
      }),
    ).rejects.toThrow(TypeError);
  });

  test('only a compare-and-set answering true counts as written', async () => {
    let writes = 0;
    const sloppy: SharedStore<BreakerState> = {
      load: () => ({ value: createBreakerState(), version: 0 }),
      compareAndSet: () => {
        writes++;
        return 1 as unknown as boolean; // what redis.eval returns
      },
    };
    expect(await applyShared(sloppy, failure(1), { attempts: 2 })).toMatchObject({ cause: 'conflict', attempts: 2 });
    expect(writes).toBe(2);
  });

  test('a step that changes nothing writes nothing: the decision is a read, and cannot lose a race', async () => {
    const store = memory(createBreakerState());
    store.lose = 5; // every write would lose
    expect(await applyShared(store, request(1))).toMatchObject({ allowOperation: true, status: 'closed', attempts: 1 });
    expect(store.writes).toBe(0);
    expect(store.lose).toBe(5);
  });

  test.each<[string, unknown, unknown, number]>([
    ['the same data', { a: 1, b: [1, { c: null }] }, { a: 1, b: [1, { c: null }] }, 0],
    ['the same string', 'open', 'open', 0],
    ['the same data, keys in another order (a needless write, never a lost one)', { a: 1, b: 2 }, { b: 2, a: 1 }, 1],
    ['a changed number', { a: 1 }, { a: 2 }, 1],
    ['a nested change', { a: { b: [1, 2] } }, { a: { b: [1, 3] } }, 1],
    ['one key more', { a: 1 }, { a: 1, b: 2 }, 1],
    ['an array for an object', { 0: 'x' }, ['x'], 1],
    ['a string for a number', { a: 1 }, { a: '1' }, 1],
  ])('compares states as JSON text before writing: %s', async (_, stored, next, writes) => {
    const store = memory(stored);
    await applyShared(store, () => ({ state: next }));
    expect(store.writes).toBe(writes);
  });

  test('a state JSON cannot write (a throwing getter, a cycle) is written, not compared', async () => {
    const hostile = {
      get a(): number {
        throw new Error('gone');
      },
    };
    let written: unknown;
    const store: SharedStore<unknown> = {
      load: () => ({ value: hostile, version: 0 }),
      compareAndSet: (next) => {
        written = next;
        return true;
      },
    };
    expect(await applyShared(store, () => ({ state: { a: 1 } }))).toEqual({ state: { a: 1 }, attempts: 1 });
    expect(written).toEqual({ a: 1 });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    written = undefined;
    await applyShared({ ...store, load: () => ({ value: cyclic, version: 0 }) }, () => ({ state: cyclic }));
    expect(written).toBe(cyclic);
  });

  test('works with any reducer returning { state }: budget alerts', async () => {
    const options = { thresholds: [0.5, 0.8] };
    const store = memory(trackBudgetAlerts(undefined, { period: '2026-12', usageRatio: 0 }, options).state);
    const result = await applyShared(store, (previous) => trackBudgetAlerts(previous, { period: '2026-12', usageRatio: 0.85 }, options));
    expect(result).toMatchObject({ fired: [0.5, 0.8], attempts: 1 });
  });

  test.each<[unknown, string]>([
    [{ attempts: 0 }, 'Expected `options.attempts` to be a safe integer >= 1, got 0.'],
    [{ attempts: 101 }, 'Expected `options.attempts` to be a safe integer >= 1 and <= 100, got 101.'],
    [{ attempts: 2.5 }, 'Expected `options.attempts` to be a safe integer >= 1, got 2.5.'],
    [{ signal: 'soon' }, 'Expected `options.signal` to be an AbortSignal, got another value.'],
    [{ signal: {} }, 'Expected `options.signal` to be an AbortSignal, got another value.'],
    [{ retries: 3 }, 'Expected `options` to be an object with only the keys attempts, signal, got unknown key "retries".'],
  ])('rejects the options %o', async (options, message) => {
    await expect(applyShared(memory(createBreakerState()), request(1), options as never)).rejects.toThrow(new RangeError(message));
  });

  test('rejects a store or a step that cannot be used', async () => {
    await expect(applyShared({} as never, request(1))).rejects.toThrow(
      'Expected `store` to be an object with load() and compareAndSet(), got something else.',
    );
    await expect(applyShared(null as never, request(1))).rejects.toThrow(RangeError);
    await expect(applyShared({ load: () => ({ value: createBreakerState(), version: 0 }) } as never, request(1))).rejects.toThrow(
      'Expected `store` to be an object with load() and compareAndSet(), got something else.',
    );
    await expect(applyShared(memory(createBreakerState()), 'step' as never)).rejects.toThrow(
      'Expected `step` to be a function, got something else.',
    );
  });

  test('concurrent callers on one store never lose an update (random interleavings)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 8 }), async (scheduler, callers) => {
        const store = memory(createBreakerState());
        const raw = { load: store.load, compareAndSet: store.compareAndSet };
        const scheduled: SharedStore<BreakerState> = {
          load: () => scheduler.schedule(raw.load()),
          compareAndSet: (next, version) => scheduler.schedule(raw.compareAndSet(next, version)),
        };
        const config = { failureThreshold: 100, cooldown: 10 };
        const runs = Array.from({ length: callers }, (_, index) =>
          applyShared(scheduled, (state) => stepBreaker(state, { type: 'failure', at: index }, config), { attempts: 100 }),
        );
        const results = await scheduler.waitFor(Promise.all(runs));
        expect(results.every((result) => 'state' in result)).toBe(true);
        expect(store.peek().consecutiveFailures).toBe(callers); // every failure counted once
      }),
      { numRuns: 50 },
    );
  });
});
