// Cases every runtime must agree on: valid inputs with their expected results, and invalid inputs with
// the exact RangeError message. Plain ESM with no imports, so Node, Bun, Deno, workerd and browsers can
// all load it. Expected values are worked out by hand from the documented formulas.

/**
 * @typedef {{ name: string, fn: string, args: unknown[], expected: Record<string, unknown> }} ResultCase
 * @typedef {{ name: string, fn: string, args: unknown[], error: string }} ErrorCase
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
];
