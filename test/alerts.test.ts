import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { trackBudgetAlerts, type BudgetAlertState } from '../src/index.js';
import { nextDown, rangeErrorMessage, snapshot } from './helpers.js';

const thresholds = [0.5, 0.8, 1, 1.2];

/** Runs readings through the tracker, storing the state as JSON between calls, and returns what fired and cleared. */
function run(readings: readonly [string, number][], hysteresis?: number) {
  let state: BudgetAlertState | undefined;
  return readings.map(([period, usageRatio]) => {
    const options = hysteresis === undefined ? { thresholds } : { thresholds, hysteresis };
    const update = trackBudgetAlerts(state, { period, usageRatio }, options);
    state = JSON.parse(JSON.stringify(update.state)) as BudgetAlertState;
    return [update.fired, update.cleared];
  });
}

describe('trackBudgetAlerts', () => {
  test('fires each threshold once per crossing, clears below it, and fires again on the next crossing', () => {
    expect(
      run([
        ['2026-12', 0.3],
        ['2026-12', 0.55],
        ['2026-12', 0.6],
        ['2026-12', 0.85],
        ['2026-12', 0.9],
        ['2026-12', 0.7],
        ['2026-12', 0.82],
        ['2026-12', 1.25],
        ['2026-12', 0.1],
      ]),
    ).toEqual([
      [[], []],
      [[0.5], []],
      [[], []],
      [[0.8], []],
      [[], []],
      [[], [0.8]],
      [[0.8], []],
      [[1, 1.2], []],
      [[], [0.5, 0.8, 1, 1.2]],
    ]);
  });

  test('fires at exactly the threshold, not one ulp below it', () => {
    expect(run([['p', 0.8]])).toEqual([[[0.5, 0.8], []]]);
    expect(run([['p', nextDown(0.8)]])).toEqual([[[0.5], []]]);
  });

  test('with hysteresis, clears only below threshold - hysteresis', () => {
    const readings: [string, number][] = [
      ['p', 0.85],
      ['p', 0.79],
      ['p', 0.75],
      ['p', 0.84],
      ['p', nextDown(0.75)],
      ['p', 0.8],
    ];
    expect(run(readings, 0.05)).toEqual([
      [[0.5, 0.8], []],
      [[], []], // 0.79 is not below 0.75
      [[], []], // nor is 0.75
      [[], []],
      [[], [0.8]],
      [[0.8], []],
    ]);
  });

  test('a new period re-arms every threshold', () => {
    expect(
      run([
        ['2026-11', 0.95],
        ['2026-12', 0.05],
        ['2026-12', 0.6],
      ]),
    ).toEqual([
      [[0.5, 0.8], []],
      [[], []],
      [[0.5], []],
    ]);
    expect(
      run([
        ['2026-11', 0.95],
        ['2026-12', 0.95],
      ])[1],
    ).toEqual([[0.5, 0.8], []]);
  });

  test('forgets thresholds that are no longer configured', () => {
    const first = trackBudgetAlerts(undefined, { period: 'p', usageRatio: 0.9 }, { thresholds: [0.5, 0.9] });
    const second = trackBudgetAlerts(first.state, { period: 'p', usageRatio: 0.95 }, { thresholds: [0.5, 0.8] });
    expect(second).toStrictEqual({ state: { period: 'p', active: [0.5, 0.8] }, fired: [0.8], cleared: [] });
  });

  test('fires each threshold exactly once per crossing on any sequence (against a plain reference)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.double({ min: 0, max: 1.5, noNaN: true })), { maxLength: 60 }),
        fc.constantFrom(0, 0.05, 0.2),
        (readings, hysteresis) => {
          let state: BudgetAlertState | undefined;
          const armed = new Map<number, boolean>(thresholds.map((t) => [t, true]));
          let period: string | undefined;
          for (const [p, usage] of readings) {
            if (p !== period) for (const t of thresholds) armed.set(t, true);
            period = p;
            const expectFired = thresholds.filter((t) => armed.get(t) === true && usage >= t);
            const expectCleared = thresholds.filter((t) => armed.get(t) === false && usage < t - hysteresis);
            for (const t of expectFired) armed.set(t, false);
            for (const t of expectCleared) armed.set(t, true);
            const update = trackBudgetAlerts(state, { period: p, usageRatio: usage }, { thresholds, hysteresis });
            expect(update.fired).toEqual(expectFired);
            expect(update.cleared).toEqual(expectCleared);
            expect(Object.isFrozen(update.state.active)).toBe(true);
            state = update.state;
          }
        },
      ),
    );
  });

  test('never mutates the previous state', () => {
    const previous = { period: 'p', active: [0.5] };
    const before = snapshot(previous);
    trackBudgetAlerts(previous, { period: 'p', usageRatio: 0 }, { thresholds });
    expect(previous).toStrictEqual(before);
  });

  test.each<[unknown, unknown, unknown, string]>([
    [
      undefined,
      { period: 'p', usageRatio: 0.5 },
      { thresholds: [] },
      'Expected `options.thresholds` to be an array of at least 1 number, got an array.',
    ],
    [
      undefined,
      { period: 'p', usageRatio: 0.5 },
      { thresholds: 0.8 },
      'Expected `options.thresholds` to be an array of at least 1 number, got 0.8.',
    ],
    [
      undefined,
      { period: 'p', usageRatio: 0.5 },
      { thresholds: [0.5, 0.5] },
      'Expected `options.thresholds[1]` to be > options.thresholds[0] (0.5), got 0.5.',
    ],
    [
      undefined,
      { period: 'p', usageRatio: 0.5 },
      { thresholds: [0.8, 0.5] },
      'Expected `options.thresholds[1]` to be > options.thresholds[0] (0.8), got 0.5.',
    ],
    [
      undefined,
      { period: 'p', usageRatio: 0.5 },
      { thresholds: [0, 0.5] },
      'Expected `options.thresholds[0]` to be a finite number > 0, got 0.',
    ],
    [
      undefined,
      { period: 'p', usageRatio: 0.5 },
      { thresholds: [0.5, NaN] },
      'Expected `options.thresholds[1]` to be a finite number > 0, got NaN.',
    ],
    [
      undefined,
      { period: 'p', usageRatio: 0.5 },
      { thresholds: [0.5], hysteresis: -0.1 },
      'Expected `options.hysteresis` to be a finite number >= 0, got -0.1.',
    ],
    [
      undefined,
      { period: '', usageRatio: 0.5 },
      { thresholds: [0.5] },
      'Expected `reading.period` to be a non-empty string, got the string "".',
    ],
    [
      undefined,
      { period: 202612, usageRatio: 0.5 },
      { thresholds: [0.5] },
      'Expected `reading.period` to be a non-empty string, got 202612.',
    ],
    [
      undefined,
      { period: 'p', usageRatio: NaN },
      { thresholds: [0.5] },
      'Expected `reading.usageRatio` to be a finite number >= 0, got NaN.',
    ],
    [
      { period: 'p' },
      { period: 'p', usageRatio: 0.5 },
      { thresholds: [0.5] },
      'Expected `previous.active` to be an array of at least 0 numbers, got undefined.',
    ],
    [
      { period: 'p', active: [0.8, 0.5] },
      { period: 'p', usageRatio: 0.5 },
      { thresholds: [0.5] },
      'Expected `previous.active[1]` to be > previous.active[0] (0.8), got 0.5.',
    ],
    [
      { period: 'p', active: [], fired: [] },
      { period: 'p', usageRatio: 0.5 },
      { thresholds: [0.5] },
      'Expected `previous` to be an object with only the keys period, active, got unknown key "fired".',
    ],
    [null, { period: 'p', usageRatio: 0.5 }, { thresholds: [0.5] }, 'Expected `previous` to be a plain object, got null.'],
  ])('rejects %o, %o, %o', (previous, reading, options, message) => {
    expect(rangeErrorMessage(() => trackBudgetAlerts(previous as never, reading as never, options as never))).toBe(message);
  });

  test('a thresholds array whose reads throw gives a RangeError', () => {
    const hostile = new Proxy([0.5], {
      get(target, key): unknown {
        if (key === '0') throw new Error('boom');
        return Reflect.get(target, key);
      },
    });
    expect(rangeErrorMessage(() => trackBudgetAlerts(undefined, { period: 'p', usageRatio: 1 }, { thresholds: hostile }))).toBe(
      'Expected `options.thresholds` to be readable, got an exception while reading it.',
    );
  });
});
