import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  createBreakerState,
  stepBreaker,
  type BreakerConfig,
  type BreakerEventType,
  type BreakerState,
  type BreakerStep,
} from '../src/index.js';
import { notNumbers, rangeErrorMessage, snapshot } from './helpers.js';

type Row = [BreakerEventType, number, Partial<BreakerStep>, (Partial<BreakerState> | undefined)?, number?];

/** Runs a scenario from a new breaker, storing the state as JSON text between steps, as a shared store would. */
function play(config: BreakerConfig, rows: readonly Row[]): BreakerState {
  let stored = JSON.stringify(createBreakerState());
  rows.forEach(([type, at, expected, state, admittedAt], index) => {
    const event = admittedAt === undefined ? { type, at } : { type, at, admittedAt };
    const result = stepBreaker(JSON.parse(stored) as BreakerState, event, config);
    expect(result, `step ${String(index + 1)}: ${type} at ${String(at)}`).toMatchObject(expected);
    if (state) expect(result.state, `state after step ${String(index + 1)}`).toMatchObject(state);
    stored = JSON.stringify(result.state);
    expect(JSON.parse(stored)).toStrictEqual({ ...result.state });
  });
  return JSON.parse(stored) as BreakerState;
}

const allow = { allowOperation: true, retryAfter: 0 };

describe('stepBreaker scenarios (state stored as JSON between steps)', () => {
  test('trips, backs off up to maxCooldown, probes in half-open, and closes after enough successes', () => {
    const config = { failureThreshold: 2, cooldown: 10, backoffMultiplier: 2, maxCooldown: 35, halfOpenMaxProbes: 2, successesToClose: 2 };
    play(config, [
      ['request', 0, { ...allow, status: 'closed' }],
      ['failure', 1, { ...allow, status: 'closed' }, { consecutiveFailures: 1 }],
      ['success', 2, { ...allow, status: 'closed' }, { consecutiveFailures: 0 }],
      ['failure', 3, { status: 'closed' }, { consecutiveFailures: 1 }],
      [
        'failure',
        4,
        { allowOperation: false, status: 'open', retryAfter: 10 },
        { status: 'open', openUntil: 14, trips: 1, consecutiveFailures: 2 },
      ],
      ['request', 9, { allowOperation: false, status: 'open', retryAfter: 5 }],
      ['success', 10, { allowOperation: false, status: 'open', retryAfter: 4 }, { status: 'open', openUntil: 14, trips: 1 }],
      [
        'failure',
        11,
        { allowOperation: false, status: 'open', retryAfter: 3 },
        { status: 'open', openUntil: 14, trips: 1, consecutiveFailures: 2 },
      ],
      ['request', 14, { ...allow, status: 'half-open' }, { status: 'half-open', openUntil: 14, probesInFlight: 1 }], // the window began at 14
      ['request', 14, { ...allow, status: 'half-open' }, { probesInFlight: 2 }],
      ['request', 15, { allowOperation: false, status: 'half-open', retryAfter: 0 }, { probesInFlight: 2 }],
      [
        'failure',
        16,
        { allowOperation: false, status: 'open', retryAfter: 20 },
        { status: 'open', openUntil: 36, trips: 2, probesInFlight: 0, consecutiveFailures: 3 },
      ],
      ['request', 36, { ...allow, status: 'half-open' }, { probesInFlight: 1 }],
      ['failure', 37, { status: 'open', retryAfter: 35 }, { openUntil: 72, trips: 3 }], // 10 * 2^2 = 40, capped at 35
      ['request', 72, { ...allow, status: 'half-open' }],
      ['request', 72, { ...allow, status: 'half-open' }, { probesInFlight: 2 }],
      ['success', 73, { ...allow, status: 'half-open' }, { probesInFlight: 1, halfOpenSuccesses: 1 }],
      ['success', 74, { ...allow, status: 'closed' }, { ...createBreakerState() }],
      ['failure', 75, { status: 'closed' }, { consecutiveFailures: 1 }],
      ['failure', 76, { status: 'open', retryAfter: 10 }, { openUntil: 86, trips: 1 }], // trips reset: back to the base cooldown
    ]);
  });

  test('defaults: 3 failures, a cooldown of 1, one probe, one success to close', () => {
    play({}, [
      ['failure', 0, { status: 'closed' }],
      ['failure', 0, { status: 'closed' }],
      ['failure', 0, { status: 'open', retryAfter: 1 }, { openUntil: 1 }],
      ['request', 0.5, { allowOperation: false, retryAfter: 0.5 }],
      ['request', 1, { ...allow, status: 'half-open' }],
      ['request', 1, { allowOperation: false, status: 'half-open' }],
      ['success', 1.5, { ...allow, status: 'closed' }, { ...createBreakerState() }],
    ]);
    expect(stepBreaker(createBreakerState(), { type: 'request', at: 0 })).toStrictEqual({
      state: createBreakerState(),
      allowOperation: true,
      status: 'closed',
      retryAfter: 0,
    });
  });

  test('the cooldown ends at exactly openUntil, not one unit before', () => {
    const open = play({ failureThreshold: 1, cooldown: 1000 }, [['failure', 5000, { status: 'open' }]]);
    expect(stepBreaker(open, { type: 'request', at: 5999 }, { cooldown: 1000 })).toMatchObject({
      allowOperation: false,
      status: 'open',
      retryAfter: 1,
    });
    expect(stepBreaker(open, { type: 'request', at: 6000 }, { cooldown: 1000 })).toMatchObject({
      allowOperation: true,
      status: 'half-open',
    });
  });

  test('success and failure describe the breaker after the event; an expired open breaker is half-open', () => {
    const open = play({ failureThreshold: 1, cooldown: 10 }, [['failure', 0, { status: 'open' }]]);
    expect(stepBreaker(open, { type: 'success', at: 10 }, { cooldown: 10 })).toMatchObject({ status: 'closed', allowOperation: true });
    expect(stepBreaker(open, { type: 'failure', at: 10 }, { cooldown: 10 })).toMatchObject({
      status: 'open',
      retryAfter: 10,
      state: { trips: 2, openUntil: 20 },
    });
    expect(stepBreaker(open, { type: 'success', at: 10 }, { cooldown: 10, successesToClose: 2 })).toMatchObject({
      status: 'half-open',
      allowOperation: true,
      state: { status: 'half-open', halfOpenSuccesses: 1, probesInFlight: 0 },
    });
  });

  test('a probe timeout frees the half-open breaker from a probe that never reports', () => {
    const config = { failureThreshold: 1, cooldown: 10, probeTimeout: 5 };
    play(config, [
      ['failure', 0, { status: 'open' }],
      ['request', 10, { ...allow, status: 'half-open' }, { probesInFlight: 1, openUntil: 10 }],
      ['request', 12, { allowOperation: false, status: 'half-open', retryAfter: 3 }],
      ['request', 14.5, { allowOperation: false, status: 'half-open', retryAfter: 0.5 }],
      ['request', 15, { ...allow, status: 'half-open' }, { probesInFlight: 1, openUntil: 15 }], // a new window
      ['success', 16, { ...allow, status: 'closed' }, { ...createBreakerState() }],
    ]);
    // without a timeout, the lost probe holds the breaker
    const held = play({ failureThreshold: 1, cooldown: 10 }, [
      ['failure', 0, { status: 'open' }],
      ['request', 10, { ...allow, status: 'half-open' }],
    ]);
    expect(stepBreaker(held, { type: 'request', at: 1e9 }, { cooldown: 10 })).toMatchObject({ allowOperation: false, retryAfter: 0 });
    // with it, successes reported before the timeout still count, and a report after it says a request would pass
    play({ failureThreshold: 1, cooldown: 10, probeTimeout: 5, halfOpenMaxProbes: 2, successesToClose: 2 }, [
      ['failure', 0, { status: 'open' }],
      ['request', 10, allow],
      ['request', 10, allow],
      ['success', 11, { status: 'half-open', allowOperation: true }, { halfOpenSuccesses: 1, probesInFlight: 1, openUntil: 10 }],
      ['request', 11, allow, { probesInFlight: 2 }],
      ['failure', 30, { status: 'open' }, { openUntil: 40, trips: 2 }],
      ['request', 40, allow],
      ['request', 40, allow],
      ['success', 60, { status: 'half-open', allowOperation: true, retryAfter: 0 }, { halfOpenSuccesses: 1, probesInFlight: 1 }],
      ['request', 60, allow, { halfOpenSuccesses: 1, probesInFlight: 1, openUntil: 60 }],
      ['success', 61, { status: 'closed' }, undefined, 60],
    ]);
  });

  test('with admittedAt, late reports of calls admitted before the half-open window are ignored', () => {
    const config = { failureThreshold: 1, cooldown: 10 };
    play(config, [
      ['request', 0, allow], // call A
      ['request', 1, allow], // call B, still running when A fails
      ['failure', 2, { status: 'open' }, { openUntil: 12 }, 0],
      ['request', 12, { ...allow, status: 'half-open' }, { probesInFlight: 1 }], // the probe
      ['success', 13, { allowOperation: false, status: 'half-open' }, { probesInFlight: 1, halfOpenSuccesses: 0 }, 1], // B: not a probe
      ['failure', 14, { allowOperation: false, status: 'half-open' }, { probesInFlight: 1, trips: 1 }, 1], // nor is this
      ['success', 15, { ...allow, status: 'closed' }, { ...createBreakerState() }, 12], // the probe decides
    ]);
    // without admittedAt, B's late success would have closed the breaker before the probe reported
    play(config, [
      ['failure', 2, { status: 'open' }],
      ['request', 12, { ...allow, status: 'half-open' }],
      ['success', 13, { status: 'closed' }],
    ]);
    // in a closed breaker admittedAt changes nothing
    play({ failureThreshold: 2 }, [
      ['failure', 5, { status: 'closed' }, { consecutiveFailures: 1 }, 0],
      ['success', 6, { status: 'closed' }, { consecutiveFailures: 0 }, 6],
    ]);
  });

  test('timings saturate instead of overflowing, so the state stays JSON', () => {
    const config = { failureThreshold: 1, cooldown: 1e300, backoffMultiplier: 1e10 };
    const rows: Row[] = [['failure', 0, { status: 'open' }]];
    for (let i = 0; i < 5; i++) rows.push(['request', Number.MAX_VALUE, allow], ['failure', Number.MAX_VALUE, { status: 'open' }]);
    const state = play(config, rows);
    expect(state.openUntil).toBe(Number.MAX_VALUE);
    expect(state.trips).toBe(6);
  });

  test('counters stop at Number.MAX_SAFE_INTEGER, so the state stays valid', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const worn = { ...createBreakerState(), consecutiveFailures: max };
    expect(stepBreaker(worn, { type: 'failure', at: 0 }, { failureThreshold: max }).state).toMatchObject({
      consecutiveFailures: max,
      trips: 1,
    });
    const tripped = {
      status: 'half-open' as const,
      consecutiveFailures: 0,
      openUntil: 0,
      trips: max,
      probesInFlight: 0,
      halfOpenSuccesses: 0,
    };
    expect(stepBreaker(tripped, { type: 'failure', at: 0 }).state.trips).toBe(max);
  });

  test('never mutates the state passed in; freezes the result and the new state', () => {
    const state = JSON.parse(JSON.stringify(createBreakerState())) as BreakerState;
    const before = snapshot(state);
    const result = stepBreaker(state, { type: 'failure', at: 1 }, { failureThreshold: 1 });
    expect(state).toStrictEqual(before);
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.state)).toBe(true);
    expect(result.state).not.toBe(state);
  });
});

describe('stepBreaker rejects corrupt or foreign state, bad events and bad config', () => {
  const closed = createBreakerState();
  test.each<[string, unknown, string]>([
    ['null', null, 'Expected `state` to be a plain object, got null.'],
    [
      'a JSON string',
      JSON.stringify(closed),
      `Expected \`state\` to be a plain object, got the string ${JSON.stringify(JSON.stringify(closed).slice(0, 40))}… (length 111).`,
    ],
    [
      'an unknown status',
      { ...closed, status: 'tripped' },
      "Expected `state.status` to be one of 'closed', 'open', 'half-open', got the string \"tripped\".",
    ],
    [
      'a negative counter',
      { ...closed, consecutiveFailures: -1 },
      'Expected `state.consecutiveFailures` to be a safe integer >= 0, got -1.',
    ],
    ['a fractional counter', { ...closed, trips: 0.5 }, 'Expected `state.trips` to be a safe integer >= 0, got 0.5.'],
    [
      'a string counter',
      { ...closed, probesInFlight: '0' },
      'Expected `state.probesInFlight` to be a safe integer >= 0, got the string "0".',
    ],
    [
      'a missing counter',
      { status: 'closed', consecutiveFailures: 0, openUntil: null, trips: 0, probesInFlight: 0 },
      'Expected `state.halfOpenSuccesses` to be a safe integer >= 0, got undefined.',
    ],
    [
      'open without openUntil',
      { ...closed, status: 'open' },
      "Expected `state.openUntil` to be a finite number >= 0 when `state.status` is 'open', got null.",
    ],
    [
      'an open breaker with openUntil missing',
      { ...closed, status: 'open', openUntil: undefined },
      'Expected `state.openUntil` to be a finite number >= 0, got undefined.',
    ],
    ['closed with openUntil', { ...closed, openUntil: 5 }, "Expected `state.openUntil` to be null when `state.status` is 'closed', got 5."],
    [
      'closed with probes in flight',
      { ...closed, probesInFlight: 1 },
      "Expected `state.probesInFlight` to be 0 when `state.status` is 'closed', got 1.",
    ],
    [
      'open with half-open successes',
      { ...closed, status: 'open', openUntil: 5, halfOpenSuccesses: 2 },
      "Expected `state.halfOpenSuccesses` to be 0 when `state.status` is 'open', got 2.",
    ],
    [
      'an infinite openUntil',
      { ...closed, status: 'open', openUntil: Infinity },
      'Expected `state.openUntil` to be a finite number >= 0, got Infinity.',
    ],
    [
      'an unknown key',
      { ...closed, lastFailureAt: 3 },
      'Expected `state` to be an object with only the keys status, consecutiveFailures, openUntil, trips, probesInFlight, halfOpenSuccesses, got unknown key "lastFailureAt".',
    ],
  ])('rejects a state with %s', (_, state, message) => {
    expect(rangeErrorMessage(() => stepBreaker(state as BreakerState, { type: 'request', at: 0 }))).toBe(message);
  });

  test.each<[unknown, string]>([
    [{ type: 'success', at: 5, admittedAt: 6 }, 'Expected `event.admittedAt` to be a finite number >= 0 and <= 5, got 6.'],
    [{ type: 'failure', at: 5, admittedAt: -1 }, 'Expected `event.admittedAt` to be a finite number >= 0 and <= 5, got -1.'],
    [{ type: 'request', at: 5, admittedAt: 5 }, "Expected `event.admittedAt` to be absent when `event.type` is 'request', got 5."],
    [{ type: 'timeout', at: 0 }, "Expected `event.type` to be one of 'request', 'success', 'failure', got the string \"timeout\"."],
    [{ type: 'request', at: -1 }, 'Expected `event.at` to be a finite number >= 0, got -1.'],
    [{ type: 'request', at: NaN }, 'Expected `event.at` to be a finite number >= 0, got NaN.'],
    [{ type: 'request' }, 'Expected `event.at` to be a finite number >= 0, got undefined.'],
    [
      { type: 'request', at: 0, weight: 2 },
      'Expected `event` to be an object with only the keys type, at, admittedAt, got unknown key "weight".',
    ],
    ['request', 'Expected `event` to be a plain object, got the string "request".'],
  ])('rejects the event %o', (event, message) => {
    expect(rangeErrorMessage(() => stepBreaker(closed, event as never))).toBe(message);
  });

  test.each<[BreakerConfig | object, string]>([
    [{ failureThreshold: 0 }, 'Expected `config.failureThreshold` to be a safe integer >= 1, got 0.'],
    [{ cooldown: 0 }, 'Expected `config.cooldown` to be a finite number > 0, got 0.'],
    [{ backoffMultiplier: 0.5 }, 'Expected `config.backoffMultiplier` to be a finite number >= 1, got 0.5.'],
    [{ cooldown: 10, maxCooldown: 5 }, 'Expected `config.maxCooldown` to be a finite number >= 10, got 5.'],
    [{ maxCooldown: 0.5 }, 'Expected `config.maxCooldown` to be a finite number >= 1, got 0.5.'],
    [{ halfOpenMaxProbes: 0 }, 'Expected `config.halfOpenMaxProbes` to be a safe integer >= 1, got 0.'],
    [{ successesToClose: 1.5 }, 'Expected `config.successesToClose` to be a safe integer >= 1, got 1.5.'],
    [{ probeTimeout: 0 }, 'Expected `config.probeTimeout` to be a finite number > 0, got 0.'],
    [
      { cooldownMs: 10 },
      'Expected `config` to be an object with only the keys failureThreshold, cooldown, backoffMultiplier, maxCooldown, halfOpenMaxProbes, successesToClose, probeTimeout, got unknown key "cooldownMs".',
    ],
  ])('rejects the config %o', (config, message) => {
    expect(rangeErrorMessage(() => stepBreaker(closed, { type: 'request', at: 0 }, config as BreakerConfig))).toBe(message);
  });

  test.each(notNumbers)('rejects %s as a time or a timing', (value, shown) => {
    expect(rangeErrorMessage(() => stepBreaker(closed, { type: 'request', at: value as number }))).toBe(
      `Expected \`event.at\` to be a finite number >= 0, got ${shown}.`,
    );
    expect(rangeErrorMessage(() => stepBreaker(closed, { type: 'request', at: 0 }, { cooldown: value as number }))).toBe(
      `Expected \`config.cooldown\` to be a finite number > 0, got ${shown}.`,
    );
  });
});

// ---- model-based testing against a small reference model ----------------------------------------

interface Model {
  status: 'closed' | 'open' | 'half-open';
  failures: number;
  until: number | null;
  trips: number;
  probes: number;
  wins: number;
}

interface ModelConfig {
  failureThreshold: number;
  cooldown: number;
  backoffMultiplier: number;
  maxCooldown: number;
  halfOpenMaxProbes: number;
  successesToClose: number;
}

/** The documented semantics, written plainly (no probe timeout), independent of src/. */
function modelStep(m: Model, type: BreakerEventType, at: number, c: ModelConfig) {
  const s = { ...m };
  if (s.status === 'open' && s.until !== null && s.until <= at) s.status = 'half-open';
  const trip = () => {
    const delay = Math.min(c.cooldown * c.backoffMultiplier ** s.trips, c.maxCooldown);
    Object.assign(s, { status: 'open', until: Math.min(at + delay, Number.MAX_VALUE), trips: s.trips + 1, probes: 0, wins: 0 });
  };
  let allowed: boolean;
  if (type === 'request') {
    allowed = s.status === 'closed' || (s.status === 'half-open' && s.probes < c.halfOpenMaxProbes);
    if (allowed && s.status === 'half-open') s.probes += 1;
  } else {
    if (type === 'success' && s.status === 'closed') s.failures = 0;
    if (type === 'success' && s.status === 'half-open') {
      s.wins += 1;
      s.probes = Math.max(0, s.probes - 1);
      if (s.wins >= c.successesToClose) Object.assign(s, { status: 'closed', failures: 0, until: null, trips: 0, probes: 0, wins: 0 });
    }
    if (type === 'failure' && s.status !== 'open') {
      s.failures += 1;
      if (s.status === 'half-open' || s.failures >= c.failureThreshold) trip();
    }
    allowed = s.status === 'closed' || (s.status === 'half-open' && s.probes < c.halfOpenMaxProbes);
  }
  const retryAfter = !allowed && s.status === 'open' && s.until !== null ? s.until - at : 0;
  return { model: s, allowed, retryAfter };
}

describe('stepBreaker against the reference model', () => {
  const configs = fc.record({
    failureThreshold: fc.integer({ min: 1, max: 4 }),
    cooldown: fc.integer({ min: 1, max: 20 }),
    backoffMultiplier: fc.constantFrom(1, 1.5, 2, 3),
    maxCooldown: fc.integer({ min: 20, max: 200 }),
    halfOpenMaxProbes: fc.integer({ min: 1, max: 3 }),
    successesToClose: fc.integer({ min: 1, max: 3 }),
  });
  const events = fc.array(
    fc.record({ type: fc.constantFrom<BreakerEventType>('request', 'success', 'failure'), gap: fc.integer({ min: 0, max: 15 }) }),
    {
      minLength: 1,
      maxLength: 120,
    },
  );

  test('agrees step by step on random configs and event sequences, with a JSON round trip between steps', () => {
    fc.assert(
      fc.property(configs, events, (config, sequence) => {
        let at = 0;
        let stored = JSON.stringify(createBreakerState());
        let model: Model = { status: 'closed', failures: 0, until: null, trips: 0, probes: 0, wins: 0 };
        for (const { type, gap } of sequence) {
          at += gap;
          const result = stepBreaker(JSON.parse(stored) as BreakerState, { type, at }, config);
          const expected = modelStep(model, type, at, config);
          model = expected.model;
          expect(result.allowOperation).toBe(expected.allowed);
          expect(result.retryAfter).toBe(expected.retryAfter);
          expect(result.state).toStrictEqual({
            status: model.status,
            consecutiveFailures: model.failures,
            openUntil: model.until,
            trips: model.trips,
            probesInFlight: model.probes,
            halfOpenSuccesses: model.wins,
          });
          // invariants that hold whatever the sequence
          expect(result.state.probesInFlight).toBeLessThanOrEqual(config.halfOpenMaxProbes);
          if (result.status === 'open') expect(result.state.openUntil).toBeGreaterThan(at);
          stored = JSON.stringify(result.state);
        }
      }),
    );
  });
});

// ---- many workers, one stored state ---------------------------------------------------------------

interface Store {
  value: string;
  version: number;
}

/**
 * N simulated workers share one stored state. Each worker loops: load, step a request, write back; if
 * admitted, later load, step its outcome (with `admittedAt`), write back. `schedule` picks which worker
 * moves next, so loads and writes of different workers interleave. With `compareAndSet`, a write whose
 * version is stale is refused and the worker retries from a fresh load; without it, the last writer wins.
 * Returns the most probes of one half-open window that were admitted and not yet reported at any moment,
 * counted from the workers' own log, not from the stored counters.
 */
function simulate(
  workers: number,
  schedule: readonly number[],
  outcomes: readonly boolean[],
  config: BreakerConfig,
  compareAndSet: boolean,
): number {
  const store: Store = { value: JSON.stringify(createBreakerState()), version: 0 };
  interface Worker {
    phase: 'idle' | 'loaded-request' | 'running' | 'loaded-report';
    loaded?: { state: BreakerState; version: number };
    admittedAt: number;
    window: number | null; // the half-open window the worker's call is a probe of
    succeeded: boolean;
  }
  const crew: Worker[] = Array.from({ length: workers }, () => ({ phase: 'idle', admittedAt: 0, window: null, succeeded: true }));
  const outstanding = new Map<number, number>();
  let most = 0;
  let clock = 0;
  let outcome = 0;
  const load = () => ({ state: JSON.parse(store.value) as BreakerState, version: store.version });
  const write = (worker: Worker, result: BreakerStep): boolean => {
    if (compareAndSet && worker.loaded?.version !== store.version) return false;
    store.value = JSON.stringify(result.state);
    store.version += 1;
    return true;
  };
  for (const pick of schedule) {
    clock += 1;
    const worker = crew[pick % workers] as Worker;
    if (worker.phase === 'idle' || worker.phase === 'running') {
      if (worker.phase === 'running') worker.succeeded = outcomes[outcome++ % outcomes.length] ?? true;
      worker.loaded = load();
      worker.phase = worker.phase === 'idle' ? 'loaded-request' : 'loaded-report';
    } else if (worker.phase === 'loaded-request' && worker.loaded) {
      const result = stepBreaker(worker.loaded.state, { type: 'request', at: clock }, config);
      if (!write(worker, result)) {
        worker.phase = 'idle';
      } else if (result.allowOperation) {
        worker.phase = 'running';
        worker.admittedAt = clock;
        worker.window = result.status === 'half-open' ? result.state.openUntil : null;
        if (worker.window !== null) {
          const count = (outstanding.get(worker.window) ?? 0) + 1;
          outstanding.set(worker.window, count);
          most = Math.max(most, count);
        }
      } else {
        worker.phase = 'idle';
      }
    } else if (worker.loaded) {
      const type = worker.succeeded ? 'success' : 'failure';
      const result = stepBreaker(worker.loaded.state, { type, at: clock, admittedAt: worker.admittedAt }, config);
      if (!write(worker, result)) {
        worker.phase = 'running';
        continue;
      }
      if (worker.window !== null) outstanding.set(worker.window, (outstanding.get(worker.window) ?? 1) - 1);
      worker.phase = 'idle';
      worker.window = null;
    }
  }
  return most;
}

describe('many workers sharing one state through compare-and-set', () => {
  const config = { failureThreshold: 2, cooldown: 5, halfOpenMaxProbes: 2, successesToClose: 2 };

  test('admit at most halfOpenMaxProbes probes at once across all workers, whatever the interleaving', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.nat(), { minLength: 50, maxLength: 600 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }),
        (workers, schedule, outcomes) => {
          expect(simulate(workers, schedule, outcomes, config, true)).toBeLessThanOrEqual(config.halfOpenMaxProbes);
        },
      ),
    );
  });

  test('the same workers with blind writes (no compare-and-set) admit too many probes: the test can fail', () => {
    // Workers 0 and 1 each run a call that fails: the breaker trips. Worker 3 is refused while time passes.
    // Then all four load the half-open state before any of them writes.
    const trip = [0, 0, 0, 0, 1, 1, 1, 1];
    const wait = Array.from({ length: 10 }, () => 3);
    const race = [0, 1, 2, 3, 0, 1, 2, 3];
    const schedule = [...trip, ...wait, ...race];
    expect(simulate(4, schedule, [false], config, false)).toBeGreaterThan(config.halfOpenMaxProbes);
    expect(simulate(4, schedule, [false], config, true)).toBeLessThanOrEqual(config.halfOpenMaxProbes);
  });
});
