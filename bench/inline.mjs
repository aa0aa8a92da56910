// What a careful user would write inline instead of calling cloudcircuit: the same checks (plain object,
// no unknown keys, finite numbers in range), the same arithmetic, and a frozen result. The benchmark's
// baseline. test/bench-inline.test.ts checks that it answers as the library does.

const fail = (what) => {
  throw new RangeError(`invalid ${what}`);
};

function plainWith(value, keys) {
  if (typeof value !== 'object' || value === null) fail('input');
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail('input');
  for (const key of Object.keys(value)) if (!keys.includes(key)) fail(key);
  return value;
}
const own = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined);
const spend = (value, name) => (typeof value === 'number' && value >= 0 && value !== Infinity ? value : fail(name));
const count = (value, min, name) => (Number.isSafeInteger(value) && value >= min ? value : fail(name));

const BUDGET_KEYS = ['currentSpend', 'budgetLimit', 'warningRatio'];
export function checkBudget(input) {
  plainWith(input, BUDGET_KEYS);
  const currentSpend = spend(own(input, 'currentSpend'), 'currentSpend');
  const budgetLimit = spend(own(input, 'budgetLimit'), 'budgetLimit');
  if (budgetLimit === 0) fail('budgetLimit');
  const ratio = own(input, 'warningRatio');
  const warningRatio = ratio === undefined ? 0.9 : typeof ratio === 'number' && ratio > 0 && ratio <= 1 ? ratio : fail('warningRatio');
  const usageRatio = Math.min(currentSpend / budgetLimit, Number.MAX_VALUE);
  const isWarning = usageRatio >= warningRatio;
  const isBreached = currentSpend >= budgetLimit;
  return Object.freeze({
    currentSpend,
    budgetLimit,
    warningRatio,
    usageRatio,
    remainingBudget: budgetLimit - currentSpend,
    isWarning,
    isBreached,
    status: isBreached ? 'breached' : isWarning ? 'warning' : 'ok',
  });
}

const BREAKER_KEYS = ['consecutiveFailures', 'failureThreshold', 'cooldownStepsRemaining'];
export function evaluateCircuitBreaker(input) {
  plainWith(input, BREAKER_KEYS);
  const consecutiveFailures = count(own(input, 'consecutiveFailures'), 0, 'consecutiveFailures');
  const threshold = own(input, 'failureThreshold');
  const failureThreshold = threshold === undefined ? 3 : count(threshold, 1, 'failureThreshold');
  const cooldown = own(input, 'cooldownStepsRemaining');
  const cooldownStepsRemaining = cooldown === undefined ? 0 : count(cooldown, 0, 'cooldownStepsRemaining');
  const isOpen = consecutiveFailures >= failureThreshold || cooldownStepsRemaining > 0;
  return Object.freeze({
    consecutiveFailures,
    failureThreshold,
    cooldownStepsRemaining,
    isOpen,
    allowOperation: !isOpen,
    retryAfterSteps: isOpen ? cooldownStepsRemaining : 0,
  });
}

export const createBreakerState = () =>
  Object.freeze({ status: 'closed', consecutiveFailures: 0, openUntil: null, trips: 0, probesInFlight: 0, halfOpenSuccesses: 0 });

const STATE_KEYS = ['status', 'consecutiveFailures', 'openUntil', 'trips', 'probesInFlight', 'halfOpenSuccesses'];
const CONFIG_KEYS = ['failureThreshold', 'cooldown', 'backoffMultiplier', 'maxCooldown', 'halfOpenMaxProbes', 'successesToClose'];
/** A hand-written breaker reducer with the same semantics and checks (no admittedAt, no probe timeout). */
export function stepBreaker(state, event, config) {
  plainWith(state, STATE_KEYS);
  plainWith(event, ['type', 'at']);
  plainWith(config, CONFIG_KEYS);
  const threshold = own(config, 'failureThreshold') ?? 3;
  const cooldown = own(config, 'cooldown') ?? 1;
  const maxProbes = own(config, 'halfOpenMaxProbes') ?? 1;
  const toClose = own(config, 'successesToClose') ?? 1;
  const multiplier = own(config, 'backoffMultiplier') ?? 1;
  const maxCooldown = own(config, 'maxCooldown') ?? Infinity;
  const at = spend(own(event, 'at'), 'at');
  const type = own(event, 'type');
  if (type !== 'request' && type !== 'success' && type !== 'failure') fail('type');
  let status = own(state, 'status');
  if (status !== 'closed' && status !== 'open' && status !== 'half-open') fail('status');
  let failures = count(own(state, 'consecutiveFailures'), 0, 'consecutiveFailures');
  let trips = count(own(state, 'trips'), 0, 'trips');
  let probes = count(own(state, 'probesInFlight'), 0, 'probesInFlight');
  let wins = count(own(state, 'halfOpenSuccesses'), 0, 'halfOpenSuccesses');
  let openUntil = own(state, 'openUntil');
  if (openUntil !== null) spend(openUntil, 'openUntil');
  if (status !== 'closed' && openUntil === null) fail('openUntil');
  if (status === 'open' && openUntil <= at) status = 'half-open';
  const trip = () => {
    status = 'open';
    openUntil = Math.min(at + Math.min(cooldown * multiplier ** trips, maxCooldown), Number.MAX_VALUE);
    trips += 1;
    probes = 0;
    wins = 0;
  };
  let allow = false;
  if (type === 'request') {
    allow = status === 'closed' || (status === 'half-open' && probes < maxProbes);
    if (allow && status === 'half-open') probes += 1;
  } else if (type === 'success') {
    if (status === 'closed') failures = 0;
    else if (status === 'half-open') {
      wins += 1;
      if (probes > 0) probes -= 1;
      if (wins >= toClose) [status, failures, openUntil, trips, probes, wins] = ['closed', 0, null, 0, 0, 0];
    }
  } else if (status !== 'open') {
    failures += 1;
    if (status === 'half-open' || failures >= threshold) trip();
  }
  if (type !== 'request') allow = status === 'closed' || (status === 'half-open' && probes < maxProbes);
  const next = Object.freeze({ status, consecutiveFailures: failures, openUntil, trips, probesInFlight: probes, halfOpenSuccesses: wins });
  return Object.freeze({ state: next, allowOperation: allow, status, retryAfter: !allow && status === 'open' ? openUntil - at : 0 });
}

const refuse = (cause, attempts) =>
  Object.freeze({ allowOperation: false, status: 'unavailable', reason: 'state-unavailable', cause, attempts });
/** The compare-and-set loop by hand: load, step, write back only if nobody wrote since (unless unchanged), retry. */
export async function applyShared(store, step, attempts = 5) {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let loaded;
    try {
      loaded = await store.load();
    } catch {
      return refuse('store-error', attempt);
    }
    const result = step(loaded.value);
    if (JSON.stringify(result.state) === JSON.stringify(loaded.value)) return Object.freeze({ ...result, attempts: attempt });
    let written;
    try {
      written = await store.compareAndSet(result.state, loaded.version);
    } catch {
      return refuse('store-error', attempt);
    }
    if (written === true) return Object.freeze({ ...result, attempts: attempt });
  }
  return refuse('conflict', attempts);
}

const money = (amount) => amount.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** The policy decision, with the same reasons and the same kind of summary, over the same signals. */
export function evaluateSpendPolicy(signals) {
  plainWith(signals, ['budget', 'anomaly', 'breaker', 'burnRate', 'forecast']);
  const { budget, anomaly, breaker, burnRate, forecast } = signals;
  const reasons = [];
  const parts = [];
  if (budget?.isBreached) reasons.push('budget-breached');
  if (breaker && (breaker.isOpen ?? !breaker.allowOperation)) reasons.push('breaker-open');
  if (budget?.isWarning && !budget.isBreached) reasons.push('budget-warning');
  if (anomaly?.isSpike) reasons.push('spend-spike');
  if (burnRate?.isHot) reasons.push('burn-rate-hot');
  if (forecast?.willBreach) reasons.push('forecast-breach');
  if (budget && (budget.isWarning || budget.isBreached))
    parts.push(`spend ${money(budget.currentSpend)} is ${Math.round(budget.usageRatio * 100)}% of the ${money(budget.budgetLimit)} budget`);
  if (anomaly?.isSpike) parts.push(`latest spend ${money(anomaly.latestSpend)} is above the ${money(anomaly.threshold)} spike threshold`);
  if (burnRate?.isHot) parts.push(`burn rate ${Math.round(burnRate.burnRateRatio * 100) / 100}x the average`);
  if (forecast?.willBreach) parts.push(`forecast ${money(forecast.projectedTotalSpend)} reaches the ${money(forecast.budgetLimit)} budget`);
  const action =
    reasons.includes('budget-breached') || reasons.includes('breaker-open') ? 'block' : reasons.length > 0 ? 'throttle' : 'allow';
  const sentence = parts.join('; ') || 'within limits';
  return Object.freeze({
    action,
    severity: action === 'block' ? 'critical' : action === 'throttle' ? 'warning' : 'info',
    reasons: Object.freeze(reasons),
    summary: `${sentence[0].toUpperCase()}${sentence.slice(1)}.`,
    signals: Object.freeze({ ...signals }),
  });
}

/** One fused loop over a Float64Array: validate every point, sum the history, and decide the mean spike. */
export function meanSpike(series) {
  const last = series.length - 1;
  if (last < 1) fail('series');
  let sum = 0;
  for (let index = 0; index < last; index++) {
    const value = series[index];
    if (!(value >= 0) || value === Infinity) fail(`series[${index}]`);
    sum += value;
  }
  const latestSpend = series[last];
  if (!(latestSpend >= 0) || latestSpend === Infinity) fail(`series[${last}]`);
  const baselineMean = sum / last;
  const threshold = baselineMean * 1.5;
  return Object.freeze({ latestSpend, baselineMean, threshold, isSpike: latestSpend > threshold });
}

/** The obvious robust baseline: copy the history, sort it, take the median. */
export function sortHistory(series) {
  const history = series.slice(0, -1).sort();
  const middle = history.length >> 1;
  return history.length % 2 === 1 ? history[middle] : (history[middle - 1] + history[middle]) / 2;
}
