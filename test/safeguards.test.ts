import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkAnomalyRobust, checkAnomalySpike, checkBudget, checkBurnRate, evaluateCircuitBreaker } from '../src/index.js';
import { cents, nextDown, nextUp, notNumbers, rangeErrorMessage, snapshot, spend } from './helpers.js';

// References, written plainly from the specification and sharing no code with src/.

function referenceBudget(currentSpend: number, budgetLimit: number, warningRatio = 0.9) {
  const usageRatio = Math.min(currentSpend / budgetLimit, Number.MAX_VALUE);
  const isWarning = usageRatio >= warningRatio;
  const isBreached = currentSpend >= budgetLimit;
  let status = 'ok';
  if (isWarning) status = 'warning';
  if (isBreached) status = 'breached';
  return {
    currentSpend,
    budgetLimit,
    warningRatio,
    usageRatio,
    remainingBudget: budgetLimit - currentSpend,
    isWarning,
    isBreached,
    status,
  };
}

/** Only for series whose plain left-to-right sum is exact (whole cents below 2^53). */
function referenceSpikeExact(series: readonly number[], spikeMultiplier = 1.5, minBaseline = 0) {
  const history = series.slice(0, -1);
  const latestSpend = series.at(-1) ?? NaN;
  let total = 0;
  for (const value of history) total += value;
  const baselineMean = total / history.length;
  const threshold = Math.max(baselineMean, minBaseline) * spikeMultiplier;
  const impact = latestSpend - baselineMean;
  return {
    latestSpend,
    baselineMean,
    threshold,
    isSpike: latestSpend > threshold,
    impact,
    spikeMultiplier,
    minBaseline,
    seasonLength: null,
    minImpact: 0,
  };
}

/** Shewchuk's exactly rounded sum of doubles (Python's math.fsum), as an accuracy reference. */
function fsum(values: readonly number[]): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  return partials.reduce((a, b) => a + b, 0);
}

function referenceBreaker(consecutiveFailures: number, failureThreshold = 3, cooldownStepsRemaining = 0) {
  const isOpen = consecutiveFailures >= failureThreshold || cooldownStepsRemaining > 0;
  return {
    consecutiveFailures,
    failureThreshold,
    cooldownStepsRemaining,
    isOpen,
    allowOperation: !isOpen,
    retryAfterSteps: isOpen ? cooldownStepsRemaining : 0,
  };
}

describe('checkBudget', () => {
  test('reports usage, remaining budget and status', () => {
    expect(checkBudget({ currentSpend: 920, budgetLimit: 1000 })).toEqual({
      currentSpend: 920,
      budgetLimit: 1000,
      warningRatio: 0.9,
      usageRatio: 0.92,
      remainingBudget: 80,
      isWarning: true,
      isBreached: false,
      status: 'warning',
    });
  });

  test('warns at exactly the warning ratio, not one ulp below it', () => {
    // 90 / 100 is exactly the double 0.9
    expect(checkBudget({ currentSpend: 90, budgetLimit: 100 }).status).toBe('warning');
    expect(checkBudget({ currentSpend: 90, budgetLimit: 100, warningRatio: nextUp(0.9) }).status).toBe('ok');
    expect(checkBudget({ currentSpend: 90, budgetLimit: 100, warningRatio: nextDown(0.9) }).status).toBe('warning');
  });

  test('breaches at exactly the limit, not one ulp below or above it', () => {
    expect(checkBudget({ currentSpend: 100, budgetLimit: 100 })).toMatchObject({
      isBreached: true,
      status: 'breached',
      remainingBudget: 0,
    });
    const justUnder = checkBudget({ currentSpend: nextDown(100), budgetLimit: 100 });
    expect(justUnder.usageRatio).toBeLessThan(1);
    expect(justUnder).toMatchObject({ isBreached: false, isWarning: true, status: 'warning' });
    expect(checkBudget({ currentSpend: nextUp(100), budgetLimit: 100 }).status).toBe('breached');
  });

  test('a breached budget also warns, whatever the warning ratio', () => {
    expect(checkBudget({ currentSpend: 5, budgetLimit: 5, warningRatio: 1 })).toMatchObject({ isWarning: true, isBreached: true });
  });

  test('reports a negative remaining budget when over', () => {
    expect(checkBudget({ currentSpend: 1020, budgetLimit: 1000 }).remainingBudget).toBe(-20);
  });

  test('accepts the edges of every range', () => {
    expect(checkBudget({ currentSpend: 0, budgetLimit: Number.MIN_VALUE, warningRatio: Number.MIN_VALUE }).status).toBe('ok');
    expect(checkBudget({ currentSpend: -0, budgetLimit: 1 }).currentSpend).toBe(0); // -0 reads as 0
    expect(checkBudget({ currentSpend: 1, budgetLimit: 2, warningRatio: 1 }).status).toBe('ok');
    expect(checkBudget({ currentSpend: 1, budgetLimit: 2, warningRatio: undefined }).warningRatio).toBe(0.9);
  });

  test('caps an overflowing usage ratio at Number.MAX_VALUE so JSON keeps it', () => {
    const result = checkBudget({ currentSpend: Number.MAX_VALUE, budgetLimit: 0.5 });
    expect(result.usageRatio).toBe(Number.MAX_VALUE);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  test.each(notNumbers)('rejects %s in every field', (value, shown) => {
    expect(rangeErrorMessage(() => checkBudget({ currentSpend: value as number, budgetLimit: 1 }))).toBe(
      `Expected \`currentSpend\` to be a finite number >= 0, got ${shown}.`,
    );
    expect(rangeErrorMessage(() => checkBudget({ currentSpend: 1, budgetLimit: value as number }))).toBe(
      `Expected \`budgetLimit\` to be a finite number > 0, got ${shown}.`,
    );
    expect(rangeErrorMessage(() => checkBudget({ currentSpend: 1, budgetLimit: 1, warningRatio: value as number }))).toBe(
      `Expected \`warningRatio\` to be a finite number > 0 and <= 1, got ${shown}.`,
    );
  });

  test.each([
    [{ currentSpend: -1, budgetLimit: 1 }, 'Expected `currentSpend` to be a finite number >= 0, got -1.'],
    [{ currentSpend: -Number.MIN_VALUE, budgetLimit: 1 }, 'Expected `currentSpend` to be a finite number >= 0, got -5e-324.'],
    [{ currentSpend: 1, budgetLimit: 0 }, 'Expected `budgetLimit` to be a finite number > 0, got 0.'],
    [{ currentSpend: 1, budgetLimit: -0 }, 'Expected `budgetLimit` to be a finite number > 0, got -0.'],
    [{ currentSpend: 1, budgetLimit: 1, warningRatio: 0 }, 'Expected `warningRatio` to be a finite number > 0 and <= 1, got 0.'],
    [
      { currentSpend: 1, budgetLimit: 1, warningRatio: nextUp(1) },
      'Expected `warningRatio` to be a finite number > 0 and <= 1, got 1.0000000000000002.',
    ],
    [{ budgetLimit: 1 }, 'Expected `currentSpend` to be a finite number >= 0, got undefined.'],
    [{ currentSpend: 1 }, 'Expected `budgetLimit` to be a finite number > 0, got undefined.'],
  ])('rejects out-of-range or missing fields: %o', (input, message) => {
    expect(rangeErrorMessage(() => checkBudget(input as never))).toBe(message);
  });
});

describe('input and options objects', () => {
  const keys = 'currentSpend, budgetLimit, warningRatio';

  class Input {
    currentSpend = 1;
    budgetLimit = 2;
  }

  test.each<[unknown, string]>([
    [undefined, 'undefined'],
    [null, 'null'],
    [100, '100'],
    ['{}', 'the string "{}"'],
    [[100, 1000], 'an array'],
    [new Date(0), 'an instance of a class'],
    [new Map(), 'an instance of a class'],
    [new Input(), 'an instance of a class'],
  ])('input must be a plain object, not %s', (input, shown) => {
    expect(rangeErrorMessage(() => checkBudget(input as never))).toBe(`Expected \`input\` to be a plain object, got ${shown}.`);
  });

  test('accepts null-prototype and frozen objects', () => {
    const input = Object.assign(Object.create(null) as object, { currentSpend: 1, budgetLimit: 2 });
    expect(checkBudget(input as never).usageRatio).toBe(0.5);
    expect(checkBudget(Object.freeze({ currentSpend: 1, budgetLimit: 2 })).usageRatio).toBe(0.5);
  });

  test('a misspelt key is an error, never a silent default', () => {
    expect(rangeErrorMessage(() => checkBudget({ currentSpend: 1, budgetLimit: 2, warningRation: 0.5 } as never))).toBe(
      `Expected \`input\` to be an object with only the keys ${keys}, got unknown key "warningRation".`,
    );
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], { spikeMultiplyer: 2 } as never))).toBe(
      'Expected `options` to be an object with only the keys spikeMultiplier, minBaseline, seasonLength, minImpact, got unknown key "spikeMultiplyer".',
    );
  });

  test('symbol keys are passed over; long unknown keys are reported cut', () => {
    expect(checkBudget({ currentSpend: 1, budgetLimit: 2, [Symbol('x')]: 1 }).usageRatio).toBe(0.5);
    expect(rangeErrorMessage(() => checkBudget({ currentSpend: 1, budgetLimit: 2, ['k'.repeat(50)]: 1 }))).toBe(
      `Expected \`input\` to be an object with only the keys ${keys}, got unknown key "${'k'.repeat(40)}"… (length 50).`,
    );
  });

  test('each property is read once; what a getter throws becomes a RangeError', () => {
    let calls = 0;
    const input = {
      budgetLimit: 2,
      get currentSpend() {
        calls++;
        return calls === 1 ? 1 : NaN; // a second read would see NaN
      },
    };
    expect(checkBudget(input).currentSpend).toBe(1);
    expect(calls).toBe(1);
    const throwing = Object.defineProperty({ budgetLimit: 2 }, 'currentSpend', {
      enumerable: true,
      get: () => {
        throw new Error('metrics pipeline down');
      },
    });
    expect(rangeErrorMessage(() => checkBudget(throwing as never))).toBe(
      'Expected `input` to be readable, got an exception while reading it.',
    );
    expect(
      rangeErrorMessage(() => checkAnomalySpike([1, 2], Object.defineProperty({}, 'minBaseline', { get: () => -1, enumerable: true }))),
    ).toBe('Expected `options.minBaseline` to be a finite number >= 0, got -1.');
  });

  test('a polluted Object.prototype changes nothing', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto['warningRatio'] = 0.1;
    proto['spikeMultiplier'] = 100;
    proto['failureThreshold'] = 1;
    try {
      expect(checkBudget({ currentSpend: 50, budgetLimit: 100 })).toMatchObject({ warningRatio: 0.9, status: 'ok' });
      expect(checkAnomalySpike([1, 1, 2]).isSpike).toBe(true);
      expect(evaluateCircuitBreaker({ consecutiveFailures: 1 }).isOpen).toBe(false);
    } finally {
      delete proto['warningRatio'];
      delete proto['spikeMultiplier'];
      delete proto['failureThreshold'];
    }
  });

  test('a proxy whose traps throw gives a RangeError, not the trap error', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new TypeError('trap');
        },
      },
    );
    expect(rangeErrorMessage(() => checkBudget(hostile as never))).toBe(
      'Expected `input` to be readable, got an exception while reading it.',
    );
    const rangeThrower = new Proxy({}, { getPrototypeOf: () => { throw new RangeError('own'); } }); // prettier-ignore
    expect(rangeErrorMessage(() => evaluateCircuitBreaker(rangeThrower as never))).toBe('own');
  });

  test('a revoked proxy gives a RangeError everywhere', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const readable = (name: string) => `Expected \`${name}\` to be readable, got an exception while reading it.`;
    expect(rangeErrorMessage(() => checkBudget(proxy as never))).toBe(readable('input'));
    expect(rangeErrorMessage(() => evaluateCircuitBreaker(proxy as never))).toBe(readable('input'));
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], proxy as never))).toBe(readable('options'));
    expect(rangeErrorMessage(() => checkAnomalySpike(proxy as never))).toBe(readable('spendSeries'));
    // described without touching it: Array.isArray itself throws for a revoked proxy
    expect(rangeErrorMessage(() => checkBudget({ currentSpend: proxy as never, budgetLimit: 1 }))).toBe(
      'Expected `currentSpend` to be a finite number >= 0, got an object.',
    );
  });

  test('a proxy that lists keys it does not have reads them as absent', () => {
    const phantom = new Proxy({}, { ownKeys: () => ['currentSpend', 'budgetLimit'] });
    expect(rangeErrorMessage(() => checkBudget(phantom as never))).toBe(
      'Expected `currentSpend` to be a finite number >= 0, got undefined.',
    );
  });

  test('a plain-object proxy with valid fields is read like the object', () => {
    expect(checkBudget(new Proxy({ currentSpend: 3, budgetLimit: 4 }, {})).usageRatio).toBe(0.75);
  });
});

describe('checkAnomalySpike', () => {
  test('spikes strictly above the threshold, not at it', () => {
    expect(checkAnomalySpike([100, 100, 150])).toEqual({
      latestSpend: 150,
      baselineMean: 100,
      threshold: 150,
      isSpike: false,
      impact: 50,
      spikeMultiplier: 1.5,
      minBaseline: 0,
      seasonLength: null,
      minImpact: 0,
    });
    expect(checkAnomalySpike([100, 100, nextUp(150)]).isSpike).toBe(true);
    expect(checkAnomalySpike([100, 100, nextDown(150)]).isSpike).toBe(false);
  });

  test('the baseline excludes the newest point', () => {
    expect(checkAnomalySpike([10, 1000]).baselineMean).toBe(10);
    expect(checkAnomalySpike([10, 20, 1000]).baselineMean).toBe(15);
  });

  test('minBaseline floors the baseline at exactly its value', () => {
    expect(checkAnomalySpike([1, 1, 1, 15], { minBaseline: 10 })).toMatchObject({ baselineMean: 1, threshold: 15, isSpike: false });
    expect(checkAnomalySpike([1, 1, 1, nextUp(15)], { minBaseline: 10 }).isSpike).toBe(true);
    expect(checkAnomalySpike([20, 20, 31], { minBaseline: 10 })).toMatchObject({ threshold: 30, isSpike: true });
  });

  test('spikeMultiplier sets the threshold; just above 1 is valid', () => {
    expect(checkAnomalySpike([100, 100, 250], { spikeMultiplier: 2.5 })).toMatchObject({ threshold: 250, isSpike: false });
    expect(checkAnomalySpike([100, 100, 101], { spikeMultiplier: nextUp(1) }).isSpike).toBe(true);
  });

  test('options set to undefined take their defaults', () => {
    expect(checkAnomalySpike([1, 2], { spikeMultiplier: undefined, minBaseline: undefined })).toMatchObject({
      spikeMultiplier: 1.5,
      minBaseline: 0,
    });
  });

  test('a zero history spikes on any positive spend, and not on zero', () => {
    expect(checkAnomalySpike([0, 0, Number.MIN_VALUE]).isSpike).toBe(true);
    expect(checkAnomalySpike([0, 0, 0]).isSpike).toBe(false);
  });

  test('reads arrays, frozen arrays, typed arrays and array-likes in place', () => {
    const expected = { latestSpend: 9, baselineMean: 3, threshold: 4.5, isSpike: true };
    expect(checkAnomalySpike([2, 4, 9])).toMatchObject(expected);
    expect(checkAnomalySpike(Object.freeze([2, 4, 9]))).toMatchObject(expected);
    expect(checkAnomalySpike(new Float64Array([2, 4, 9]))).toMatchObject(expected);
    expect(checkAnomalySpike(new Float32Array([2, 4, 9]))).toMatchObject(expected);
    expect(checkAnomalySpike(new Uint16Array([2, 4, 9]))).toMatchObject(expected);
    expect(checkAnomalySpike({ length: 3, 0: 2, 1: 4, 2: 9 })).toMatchObject(expected);
  });

  test('is accurate where a plain sum is not (compensated summation)', () => {
    const history = [1e16, 1, 1, 1, 1];
    expect(history.reduce((a, b) => a + b) / 5).toBe(2e15); // the plain sum loses the four ones
    expect(checkAnomalySpike([...history, 0]).baselineMean).toBe((1e16 + 4) / 5);
    expect(checkAnomalySpike([0.1, 0.2, 0.3, 0.4, 0]).baselineMean).toBe(0.25);
  });

  test('stays finite when the running sum passes Number.MAX_VALUE', () => {
    const max = Number.MAX_VALUE;
    expect(checkAnomalySpike([max, max, 0])).toMatchObject({ baselineMean: max, threshold: max, isSpike: false });
    expect(checkAnomalySpike([max, max / 2, 1]).baselineMean).toBe(max * 0.75);
    expect(checkAnomalySpike(new Float64Array([max, max, max, max, 3])).baselineMean).toBe(max);
    expect(JSON.parse(JSON.stringify(checkAnomalySpike([max, max, max])))).toEqual(checkAnomalySpike([max, max, max]));
  });

  test.each([
    ['a string', '1,2,3', 'Expected `spendSeries` to be an array-like series of numbers, got the string "1,2,3".'],
    ['a number', 12, 'Expected `spendSeries` to be an array-like series of numbers, got 12.'],
    ['null', null, 'Expected `spendSeries` to be an array-like series of numbers, got null.'],
    ['a Set', new Set([1, 2]), 'Expected `spendSeries` to be an array-like series of numbers, got an object.'],
    ['a function', (a: number, b: number) => a + b, 'Expected `spendSeries` to be an array-like series of numbers, got a function.'],
    ['a negative length', { length: -1 }, 'Expected `spendSeries` to be an array-like series of numbers, got an object.'],
    ['a fractional length', { length: 2.5 }, 'Expected `spendSeries` to be an array-like series of numbers, got an object.'],
    ['a NaN length', { length: NaN }, 'Expected `spendSeries` to be an array-like series of numbers, got an object.'],
    ['a length beyond any array', { length: 2 ** 32 }, 'Expected `spendSeries` to be an array-like series of numbers, got an object.'],
    ['an empty array', [], 'Expected `spendSeries` to be a series of at least 2 points, got 0 points.'],
    ['one point', [5], 'Expected `spendSeries` to be a series of at least 2 points, got 1 point.'],
    ['a hole', [1, , 3], 'Expected `spendSeries[1]` to be a finite number >= 0, got a hole (missing element).'], // eslint-disable-line no-sparse-arrays
    ['an undefined element', [1, undefined, 3], 'Expected `spendSeries[1]` to be a finite number >= 0, got undefined.'],
    ['a length of 1e12', { length: 1e12, 0: 1 }, 'Expected `spendSeries` to be an array-like series of numbers, got an object.'],
    [
      'a lying length',
      { length: 2 ** 32 - 1, 0: 1 },
      'Expected `spendSeries[1]` to be a finite number >= 0, got a hole (missing element).',
    ],
    ['a negative point', [1, -0.01, 3], 'Expected `spendSeries[1]` to be a finite number >= 0, got -0.01.'],
    ['a bad newest point', [1, 2, NaN], 'Expected `spendSeries[2]` to be a finite number >= 0, got NaN.'],
    ['a hole at the end', { length: 2, 0: 1 }, 'Expected `spendSeries[1]` to be a finite number >= 0, got a hole (missing element).'],
    [
      'Infinity in a typed array',
      new Float64Array([1, Infinity, 2]),
      'Expected `spendSeries[1]` to be a finite number >= 0, got Infinity.',
    ],
    ['bigints', new BigInt64Array([1n, 2n]), 'Expected `spendSeries[0]` to be a finite number >= 0, got the bigint 1n.'],
  ])('rejects %s', (_, series, message) => {
    expect(rangeErrorMessage(() => checkAnomalySpike(series as never))).toBe(message);
  });

  // every path through the series (the plain sum, the seasonal pass, the robust copy) checks every point,
  // in order: the first bad one is named, even when a later one is bad too
  test.each<[string, unknown, string]>([
    ['Infinity', Infinity, 'Infinity'],
    ['a numeric string', '5', 'the string "5"'],
    ['null', null, 'null'],
    ['true', true, 'true'],
    ['-1', -1, '-1'],
  ])('every series check rejects %s as the first bad point', (_, bad, got) => {
    const series = [1, bad, Number.NaN, 5, 6];
    const message = `Expected \`spendSeries[1]\` to be a finite number >= 0, got ${got}.`;
    for (const check of [
      () => checkAnomalySpike(series as never),
      () => checkAnomalySpike(series as never, { seasonLength: 2 }),
      () => checkBurnRate(series as never),
      () => checkAnomalyRobust(series as never),
      () => checkAnomalyRobust(series as never, { method: 'percentile', seasonLength: 2 }),
    ]) {
      expect(rangeErrorMessage(check)).toBe(message);
    }
  });

  test.each(notNumbers)('rejects the point %s, wherever it is', (value, shown) => {
    for (const index of [0, 2, 4]) {
      const series: unknown[] = [1, 2, 3, 4, 5];
      series[index] = value;
      expect(rangeErrorMessage(() => checkAnomalySpike(series as never))).toBe(
        `Expected \`spendSeries[${String(index)}]\` to be a finite number >= 0, got ${shown}.`,
      );
    }
  });

  test.each(notNumbers)('rejects the options %s', (value, shown) => {
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], { spikeMultiplier: value as number }))).toBe(
      `Expected \`options.spikeMultiplier\` to be a finite number > 1, got ${shown}.`,
    );
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], { minBaseline: value as number }))).toBe(
      `Expected \`options.minBaseline\` to be a finite number >= 0, got ${shown}.`,
    );
  });

  test('rejects out-of-range options and non-object options', () => {
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], { spikeMultiplier: 1 }))).toBe(
      'Expected `options.spikeMultiplier` to be a finite number > 1, got 1.',
    );
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], { minBaseline: -1 }))).toBe(
      'Expected `options.minBaseline` to be a finite number >= 0, got -1.',
    );
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], null as never))).toBe('Expected `options` to be a plain object, got null.');
    expect(rangeErrorMessage(() => checkAnomalySpike([1, 2], 2 as never))).toBe('Expected `options` to be a plain object, got 2.');
  });

  test('a series whose reads throw gives a RangeError', () => {
    const throwingLength = {
      get length(): number {
        throw new Error('broken pipeline');
      },
    };
    const throwingElement = new Proxy([1, 2, 3], {
      get(target, key) {
        if (key === '1') throw new TypeError('broken element');
        return Reflect.get(target, key) as unknown;
      },
    });
    const throwingLatest = new Proxy([1, 2, 3], {
      get(target, key) {
        if (key === '2') throw new TypeError('broken element');
        return Reflect.get(target, key) as unknown;
      },
    });
    for (const series of [throwingLength, throwingElement, throwingLatest]) {
      expect(rangeErrorMessage(() => checkAnomalySpike(series as never))).toBe(
        'Expected `spendSeries` to be readable, got an exception while reading it.',
      );
    }
  });
});

describe('evaluateCircuitBreaker', () => {
  test('opens at exactly the failure threshold, not one below', () => {
    expect(evaluateCircuitBreaker({ consecutiveFailures: 2 })).toMatchObject({ isOpen: false, allowOperation: true, retryAfterSteps: 0 });
    expect(evaluateCircuitBreaker({ consecutiveFailures: 3 })).toMatchObject({ isOpen: true, allowOperation: false, retryAfterSteps: 0 });
    expect(evaluateCircuitBreaker({ consecutiveFailures: 0, failureThreshold: 1 }).isOpen).toBe(false);
    expect(evaluateCircuitBreaker({ consecutiveFailures: 1, failureThreshold: 1 }).isOpen).toBe(true);
  });

  test('stays open while cooldown steps remain, and reports them', () => {
    expect(evaluateCircuitBreaker({ consecutiveFailures: 0, cooldownStepsRemaining: 1 })).toMatchObject({
      isOpen: true,
      retryAfterSteps: 1,
    });
    expect(evaluateCircuitBreaker({ consecutiveFailures: 9, cooldownStepsRemaining: 7 })).toMatchObject({
      isOpen: true,
      retryAfterSteps: 7,
    });
    expect(evaluateCircuitBreaker({ consecutiveFailures: 0, cooldownStepsRemaining: 0 }).isOpen).toBe(false);
  });

  test('accepts the largest safe integers', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(evaluateCircuitBreaker({ consecutiveFailures: max, failureThreshold: max, cooldownStepsRemaining: max })).toMatchObject({
      isOpen: true,
      retryAfterSteps: max,
    });
  });

  test.each(notNumbers)('rejects %s in every field', (value, shown) => {
    expect(rangeErrorMessage(() => evaluateCircuitBreaker({ consecutiveFailures: value as number }))).toBe(
      `Expected \`consecutiveFailures\` to be a safe integer >= 0, got ${shown}.`,
    );
    expect(rangeErrorMessage(() => evaluateCircuitBreaker({ consecutiveFailures: 0, failureThreshold: value as number }))).toBe(
      `Expected \`failureThreshold\` to be a safe integer >= 1, got ${shown}.`,
    );
    expect(rangeErrorMessage(() => evaluateCircuitBreaker({ consecutiveFailures: 0, cooldownStepsRemaining: value as number }))).toBe(
      `Expected \`cooldownStepsRemaining\` to be a safe integer >= 0, got ${shown}.`,
    );
  });

  test.each([
    [{ consecutiveFailures: -1 }, 'Expected `consecutiveFailures` to be a safe integer >= 0, got -1.'],
    [{ consecutiveFailures: 0.5 }, 'Expected `consecutiveFailures` to be a safe integer >= 0, got 0.5.'],
    [{ consecutiveFailures: 2 ** 53 }, 'Expected `consecutiveFailures` to be a safe integer >= 0, got 9007199254740992.'],
    [{ consecutiveFailures: 0, failureThreshold: 0 }, 'Expected `failureThreshold` to be a safe integer >= 1, got 0.'],
    [{ consecutiveFailures: 0, cooldownStepsRemaining: -1 }, 'Expected `cooldownStepsRemaining` to be a safe integer >= 0, got -1.'],
    [{}, 'Expected `consecutiveFailures` to be a safe integer >= 0, got undefined.'],
    [
      { consecutiveFailures: 0, cooldown: 2 },
      'Expected `input` to be an object with only the keys consecutiveFailures, failureThreshold, cooldownStepsRemaining, got unknown key "cooldown".',
    ],
  ])('rejects %o', (input, message) => {
    expect(rangeErrorMessage(() => evaluateCircuitBreaker(input as never))).toBe(message);
  });
});

describe('properties', () => {
  const ratio = fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true });
  const positive = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true });
  const multiplier = fc.double({ min: nextUp(1), max: 1e6, noNaN: true });

  test('checkBudget agrees with the reference on every valid input, and freezes its result', () => {
    fc.assert(
      fc.property(spend, positive, fc.option(ratio, { nil: undefined }), (currentSpend, budgetLimit, warningRatio) => {
        const input = warningRatio === undefined ? { currentSpend, budgetLimit } : { currentSpend, budgetLimit, warningRatio };
        const before = snapshot(input);
        const result = checkBudget(input);
        expect(result).toStrictEqual(referenceBudget(currentSpend + 0, budgetLimit, warningRatio));
        expect(Object.isFrozen(result)).toBe(true);
        expect(input).toStrictEqual(before);
      }),
    );
  });

  test('checkAnomalySpike agrees exactly with a plain mean where the plain sum is exact (whole cents)', () => {
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 2, maxLength: 200 }),
        multiplier,
        fc.option(cents, { nil: undefined }),
        (series, spikeMultiplier, minBaseline) => {
          const frozen = Object.freeze([...series]);
          const result = checkAnomalySpike(frozen, minBaseline === undefined ? { spikeMultiplier } : { spikeMultiplier, minBaseline });
          expect(result).toStrictEqual(referenceSpikeExact(series, spikeMultiplier, minBaseline));
          expect(Object.isFrozen(result)).toBe(true);
          expect(checkAnomalySpike(Float64Array.from(series), { spikeMultiplier, minBaseline })).toStrictEqual(result);
        },
      ),
    );
  });

  test('checkAnomalySpike baseline is within 2 ulps of the exactly rounded mean for any doubles, and bounded by the history', () => {
    fc.assert(
      fc.property(fc.array(spend, { minLength: 2, maxLength: 100 }), (series) => {
        const history = series.slice(0, -1);
        const { baselineMean } = checkAnomalySpike(series);
        const exactSum = fsum(history);
        expect(Number.isFinite(baselineMean)).toBe(true);
        expect(baselineMean).toBeGreaterThanOrEqual(Math.min(...history));
        expect(baselineMean).toBeLessThanOrEqual(Math.max(...history));
        if (Number.isFinite(exactSum)) {
          const exactMean = exactSum / history.length;
          expect(Math.abs(baselineMean - exactMean)).toBeLessThanOrEqual(Math.max(2 * (nextUp(exactMean) - exactMean), Number.MIN_VALUE));
        }
      }),
    );
  });

  test('evaluateCircuitBreaker agrees with the reference on every valid input', () => {
    const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(
        fc.oneof(count, fc.integer({ min: 0, max: 10 })),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        (consecutiveFailures, failureThreshold, cooldownStepsRemaining) => {
          const result = evaluateCircuitBreaker({ consecutiveFailures, failureThreshold, cooldownStepsRemaining });
          expect(result).toStrictEqual(referenceBreaker(consecutiveFailures, failureThreshold, cooldownStepsRemaining));
          expect(Object.isFrozen(result)).toBe(true);
        },
      ),
    );
  });
});
