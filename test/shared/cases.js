// Cases every runtime must agree on: valid inputs with their expected results, and invalid inputs with
// the exact RangeError message. Plain ESM with no imports, so Node, Bun, Deno, workerd and browsers can
// all load it. Expected values are worked out by hand from the documented formulas.

/**
 * @typedef {{ [name: string]: unknown, createBreakerState(): unknown, stepBreaker(...args: unknown[]): unknown }} Lib - the
 *   module namespace or CommonJS exports of cloudcircuit.
 * @typedef {unknown[] | ((lib: Lib) => unknown[])} Args - the arguments, or a function making them (for a
 *   store and a step, which call the library; applyShared's result is a promise, and is awaited).
 * @typedef {{ name: string, fn: string, args: Args, expected: Record<string, unknown> }} ResultCase
 * @typedef {{ name: string, fn: string, args: Args, error: string }} ErrorCase
 * @typedef {ResultCase | ErrorCase} Case
 */

/** @type {readonly Case[]} */
export const cases = [
  {
    name: 'budget ok',
    fn: 'checkBudget',
    args: [{ currentSpend: 250, budgetLimit: 1000 }],
    expected: {
      currentSpend: 250,
      budgetLimit: 1000,
      warningRatio: 0.9,
      usageRatio: 0.25,
      remainingBudget: 750,
      isWarning: false,
      isBreached: false,
      status: 'ok',
    },
  },
  {
    name: 'budget warning at exactly the warning ratio',
    fn: 'checkBudget',
    args: [{ currentSpend: 75, budgetLimit: 100, warningRatio: 0.75 }],
    expected: {
      currentSpend: 75,
      budgetLimit: 100,
      warningRatio: 0.75,
      usageRatio: 0.75,
      remainingBudget: 25,
      isWarning: true,
      isBreached: false,
      status: 'warning',
    },
  },
  {
    name: 'budget breached when over the limit',
    fn: 'checkBudget',
    args: [{ currentSpend: 1250, budgetLimit: 1000 }],
    expected: {
      currentSpend: 1250,
      budgetLimit: 1000,
      warningRatio: 0.9,
      usageRatio: 1.25,
      remainingBudget: -250,
      isWarning: true,
      isBreached: true,
      status: 'breached',
    },
  },
  {
    name: 'spike above 1.5x the mean',
    fn: 'checkAnomalySpike',
    args: [[100, 110, 90, 300]],
    expected: {
      latestSpend: 300,
      baselineMean: 100,
      threshold: 150,
      isSpike: true,
      impact: 200,
      spikeMultiplier: 1.5,
      minBaseline: 0,
      seasonLength: null,
      minImpact: 0,
    },
  },
  {
    name: 'no spike at exactly the threshold',
    fn: 'checkAnomalySpike',
    args: [[40, 60, 100], { spikeMultiplier: 2 }],
    expected: {
      latestSpend: 100,
      baselineMean: 50,
      threshold: 100,
      isSpike: false,
      impact: 50,
      spikeMultiplier: 2,
      minBaseline: 0,
      seasonLength: null,
      minImpact: 0,
    },
  },
  {
    name: 'minBaseline floors a near-zero baseline',
    fn: 'checkAnomalySpike',
    args: [[0, 0, 0, 12], { minBaseline: 10 }],
    expected: {
      latestSpend: 12,
      baselineMean: 0,
      threshold: 15,
      isSpike: false,
      impact: 12,
      spikeMultiplier: 1.5,
      minBaseline: 10,
      seasonLength: null,
      minImpact: 0,
    },
  },
  {
    name: 'compensated mean keeps the small points beside a large one',
    fn: 'checkAnomalySpike',
    args: [[1e16, 1, 1, 1, 1, 0]],
    expected: {
      latestSpend: 0,
      baselineMean: 2000000000000000.8,
      threshold: 3000000000000001,
      isSpike: false,
      impact: -2000000000000000.8,
      spikeMultiplier: 1.5,
      minBaseline: 0,
      seasonLength: null,
      minImpact: 0,
    },
  },
  {
    name: 'breaker closed below the threshold',
    fn: 'evaluateCircuitBreaker',
    args: [{ consecutiveFailures: 2 }],
    expected: {
      consecutiveFailures: 2,
      failureThreshold: 3,
      cooldownStepsRemaining: 0,
      isOpen: false,
      allowOperation: true,
      retryAfterSteps: 0,
    },
  },
  {
    name: 'breaker open in cooldown',
    fn: 'evaluateCircuitBreaker',
    args: [{ consecutiveFailures: 0, cooldownStepsRemaining: 4 }],
    expected: {
      consecutiveFailures: 0,
      failureThreshold: 3,
      cooldownStepsRemaining: 4,
      isOpen: true,
      allowOperation: false,
      retryAfterSteps: 4,
    },
  },
  {
    name: 'breaker open at the threshold',
    fn: 'evaluateCircuitBreaker',
    args: [{ consecutiveFailures: 5, failureThreshold: 5 }],
    expected: {
      consecutiveFailures: 5,
      failureThreshold: 5,
      cooldownStepsRemaining: 0,
      isOpen: true,
      allowOperation: false,
      retryAfterSteps: 0,
    },
  },
  {
    name: 'NaN spend is rejected, not reported as ok',
    fn: 'checkBudget',
    args: [{ currentSpend: NaN, budgetLimit: 100 }],
    error: 'Expected `currentSpend` to be a finite number >= 0, got NaN.',
  },
  {
    name: 'a numeric string from an environment variable is rejected',
    fn: 'checkBudget',
    args: [{ currentSpend: 10, budgetLimit: '100' }],
    error: 'Expected `budgetLimit` to be a finite number > 0, got the string "100".',
  },
  {
    name: 'a misspelt option is rejected, not defaulted',
    fn: 'checkBudget',
    args: [{ currentSpend: 10, budgetLimit: 100, warningRation: 0.5 }],
    error: 'Expected `input` to be an object with only the keys currentSpend, budgetLimit, warningRatio, got unknown key "warningRation".',
  },
  {
    name: 'NaN in the history is rejected, not hiding a spike',
    fn: 'checkAnomalySpike',
    args: [[10, NaN, 10, 500]],
    error: 'Expected `spendSeries[1]` to be a finite number >= 0, got NaN.',
  },
  {
    name: 'a one-point series is rejected',
    fn: 'checkAnomalySpike',
    args: [[10]],
    error: 'Expected `spendSeries` to be a series of at least 2 points, got 1 point.',
  },
  {
    name: 'a spike multiplier of 1 is rejected',
    fn: 'checkAnomalySpike',
    args: [[1, 2], { spikeMultiplier: 1 }],
    error: 'Expected `options.spikeMultiplier` to be a finite number > 1, got 1.',
  },
  {
    name: 'a fractional failure count is rejected',
    fn: 'evaluateCircuitBreaker',
    args: [{ consecutiveFailures: 1.5 }],
    error: 'Expected `consecutiveFailures` to be a safe integer >= 0, got 1.5.',
  },
  {
    name: 'a missing input is rejected',
    fn: 'evaluateCircuitBreaker',
    args: [],
    error: 'Expected `input` to be a plain object, got undefined.',
  },
  {
    name: 'burn rate hot at 1.5x the average',
    fn: 'checkBurnRate',
    args: [[100, 100, 100, 150]],
    expected: { latestSpend: 150, averageSpend: 100, burnRateRatio: 1.5, isHot: true, hotMultiplier: 1.4 },
  },
  {
    name: 'forecast at the linear run rate',
    fn: 'forecastBudgetBreach',
    args: [{ currentSpend: 400, budgetLimit: 1000, periodsElapsed: 10, totalPeriods: 30 }],
    expected: {
      currentSpend: 400,
      budgetLimit: 1000,
      periodsElapsed: 10,
      totalPeriods: 30,
      projectedTotalSpend: 1200,
      projectedOverrun: 200,
      willBreach: true,
      periodsUntilBreach: 15,
    },
  },
  {
    name: 'robust MAD catches a spike an old outlier hides from the mean',
    fn: 'checkAnomalyRobust',
    args: [[8, 10, 12, 14, 5000, 11, 40], { zThreshold: 3 }],
    expected: {
      latestSpend: 40,
      baseline: 11.5,
      threshold: 11.5 + 3 * (2 / 0.6745),
      isSpike: true,
      impact: 28.5,
      method: 'mad',
      mad: 2,
      zThreshold: 3,
      minMad: 0,
      percentile: 0.95,
      minBaseline: 0,
      seasonLength: null,
      minImpact: 0,
    },
  },
  {
    name: 'percentile baseline with numpy interpolation',
    fn: 'checkAnomalyRobust',
    args: [[1, 2, 3, 4, 3.9], { method: 'percentile', percentile: 0.95 }],
    expected: {
      latestSpend: 3.9,
      // numpy.percentile([1, 2, 3, 4], 95) is 3.8499999999999996 too: rank 2.85 rounds to 2.8499999999999996
      baseline: 3.8499999999999996,
      threshold: 3.8499999999999996,
      isSpike: true,
      impact: 3.9 - 3.8499999999999996,
      method: 'percentile',
      mad: null,
      zThreshold: 3.5,
      minMad: 0,
      percentile: 0.95,
      minBaseline: 0,
      seasonLength: null,
      minImpact: 0,
    },
  },
  {
    name: 'same-weekday baseline with an impact floor',
    fn: 'checkAnomalySpike',
    args: [[1800, 1000, 1000, 1000, 1000, 300, 300, 1850, 1000, 1000, 1000, 1000, 300, 300, 1900], { seasonLength: 7, minImpact: 50 }],
    expected: {
      latestSpend: 1900,
      baselineMean: 1825,
      threshold: 2737.5,
      isSpike: false,
      impact: 75,
      spikeMultiplier: 1.5,
      minBaseline: 0,
      seasonLength: 7,
      minImpact: 50,
    },
  },
  {
    name: 'a season longer than the history says what it needs',
    fn: 'checkAnomalyRobust',
    args: [[1, 2, 3], { seasonLength: 7 }],
    error: 'Expected `spendSeries` to be a series of at least 8 points for seasonLength 7, got 3 points.',
  },
  {
    name: 'an unknown detector is rejected',
    fn: 'checkAnomalyRobust',
    args: [[1, 2, 3], { method: 'zscore' }],
    error: "Expected `options.method` to be one of 'mad', 'percentile', got the string \"zscore\".",
  },
  {
    name: 'a forecast past the end of the period is rejected',
    fn: 'forecastBudgetBreach',
    args: [{ currentSpend: 10, budgetLimit: 100, periodsElapsed: 31, totalPeriods: 30 }],
    error: 'Expected `periodsElapsed` to be <= totalPeriods (30), got 31.',
  },
  {
    name: 'a new breaker is closed',
    fn: 'createBreakerState',
    args: [],
    expected: { status: 'closed', consecutiveFailures: 0, openUntil: null, trips: 0, probesInFlight: 0, halfOpenSuccesses: 0 },
  },
  {
    name: 'a breaker trips on the threshold failure',
    fn: 'stepBreaker',
    args: [
      { status: 'closed', consecutiveFailures: 1, openUntil: null, trips: 0, probesInFlight: 0, halfOpenSuccesses: 0 },
      { type: 'failure', at: 1000 },
      { failureThreshold: 2, cooldown: 500 },
    ],
    expected: {
      state: { status: 'open', consecutiveFailures: 2, openUntil: 1500, trips: 1, probesInFlight: 0, halfOpenSuccesses: 0 },
      allowOperation: false,
      status: 'open',
      retryAfter: 500,
    },
  },
  {
    name: 'an expired open breaker admits one probe',
    fn: 'stepBreaker',
    args: [
      { status: 'open', consecutiveFailures: 2, openUntil: 1500, trips: 1, probesInFlight: 0, halfOpenSuccesses: 0 },
      { type: 'request', at: 1500 },
    ],
    expected: {
      state: { status: 'half-open', consecutiveFailures: 2, openUntil: 1500, trips: 1, probesInFlight: 1, halfOpenSuccesses: 0 },
      allowOperation: true,
      status: 'half-open',
      retryAfter: 0,
    },
  },
  {
    name: 'a corrupt breaker state is rejected',
    fn: 'stepBreaker',
    args: [
      { status: 'open', consecutiveFailures: 0, openUntil: null, trips: 1, probesInFlight: 0, halfOpenSuccesses: 0 },
      { type: 'request', at: 0 },
    ],
    error: "Expected `state.openUntil` to be a finite number >= 0 when `state.status` is 'open', got null.",
  },
  {
    name: 'the policy blocks a breached budget',
    fn: 'evaluateSpendPolicy',
    args: [
      {
        budget: {
          currentSpend: 1020,
          budgetLimit: 1000,
          warningRatio: 0.9,
          usageRatio: 1.02,
          remainingBudget: -20,
          isWarning: true,
          isBreached: true,
          status: 'breached',
        },
      },
    ],
    expected: {
      action: 'block',
      severity: 'critical',
      reasons: ['budget-breached'],
      summary: 'Spend 1,020.00 is 102% of the 1,000.00 budget.',
      signals: {
        budget: {
          currentSpend: 1020,
          budgetLimit: 1000,
          warningRatio: 0.9,
          usageRatio: 1.02,
          remainingBudget: -20,
          isWarning: true,
          isBreached: true,
          status: 'breached',
        },
      },
    },
  },
  {
    name: 'the policy needs a signal',
    fn: 'evaluateSpendPolicy',
    args: [{}],
    error: 'Expected `input` to be an object with at least one signal (budget, anomaly, breaker, burnRate, forecast), got none.',
  },
  {
    name: 'an alert payload with an ISO time',
    fn: 'makeAlertPayload',
    args: [
      {
        action: 'throttle',
        severity: 'warning',
        reasons: ['burn-rate-hot'],
        summary: 'Spend after a zero-spend history.',
        signals: { burnRate: { isHot: true, burnRateRatio: Infinity } },
      },
      { service: 'etl', environment: 'production', at: 1796396400000 },
    ],
    expected: {
      service: 'etl',
      environment: 'production',
      at: '2026-12-04T15:00:00.000Z',
      action: 'throttle',
      severity: 'warning',
      reasons: ['burn-rate-hot'],
      summary: 'Spend after a zero-spend history.',
      burnRate: { isHot: true, burnRateRatio: null },
    },
  },
  {
    name: 'budget alerts fire once per crossing',
    fn: 'trackBudgetAlerts',
    args: [{ period: '2026-12', active: [0.5] }, { period: '2026-12', usageRatio: 0.85 }, { thresholds: [0.5, 0.8, 1] }],
    expected: { state: { period: '2026-12', active: [0.5, 0.8] }, fired: [0.8], cleared: [] },
  },
  {
    name: 'budget alert thresholds must increase',
    fn: 'trackBudgetAlerts',
    args: [undefined, { period: '2026-12', usageRatio: 0.85 }, { thresholds: [0.8, 0.5] }],
    error: 'Expected `options.thresholds[1]` to be > options.thresholds[0] (0.8), got 0.5.',
  },
  {
    name: 'shared state: a failure written through a compare-and-set store',
    fn: 'applyShared',
    args: (lib) => [memoryStore(lib.createBreakerState()), trip(lib)],
    expected: {
      state: { status: 'open', consecutiveFailures: 1, openUntil: 15, trips: 1, probesInFlight: 0, halfOpenSuccesses: 0 },
      allowOperation: false,
      status: 'open',
      retryAfter: 10,
      attempts: 1,
    },
  },
  {
    name: 'shared state: a store that throws gives a refusal',
    fn: 'applyShared',
    args: (lib) => [{ load: () => Promise.reject(new Error('ECONNREFUSED')), compareAndSet: () => true }, trip(lib)],
    expected: unavailable('store-error', 1),
  },
  {
    name: 'shared state: a hanging store gives a refusal when the signal aborts',
    fn: 'applyShared',
    args: (lib) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 0);
      return [{ load: () => new Promise(() => undefined), compareAndSet: () => true }, trip(lib), { signal: controller.signal }];
    },
    expected: unavailable('aborted', 1),
  },
  {
    name: 'shared state: a race lost on every attempt gives a refusal',
    fn: 'applyShared',
    args: (lib) => [
      { load: () => ({ value: lib.createBreakerState(), version: 0 }), compareAndSet: () => false },
      trip(lib),
      { attempts: 2 },
    ],
    expected: unavailable('conflict', 2),
  },
  {
    name: 'shared state: attempts are at most 100',
    fn: 'applyShared',
    args: (lib) => [memoryStore(lib.createBreakerState()), trip(lib), { attempts: 101 }],
    error: 'Expected `options.attempts` to be a safe integer >= 1 and <= 100, got 101.',
  },
];

/**
 * An asynchronous compare-and-set store in memory.
 * @param {unknown} initial
 */
function memoryStore(initial) {
  let stored = { value: initial, version: 0 };
  return {
    load: async () => stored,
    /** @param {unknown} next @param {unknown} version */
    compareAndSet: async (next, version) => version === stored.version && Boolean((stored = { value: next, version: stored.version + 1 })),
  };
}

/**
 * A step: one failure at 5 trips a breaker with threshold 1 for 10.
 * @param {Lib} lib
 */
function trip(lib) {
  return (/** @type {unknown} */ state) => lib.stepBreaker(state, { type: 'failure', at: 5 }, { failureThreshold: 1, cooldown: 10 });
}

/**
 * applyShared's refusal.
 * @param {string} cause
 * @param {number} attempts
 */
function unavailable(cause, attempts) {
  return { allowOperation: false, status: 'unavailable', reason: 'state-unavailable', cause, attempts };
}
