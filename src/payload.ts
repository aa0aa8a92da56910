/**
 * Alert payloads: a policy decision as one JSON-safe object for Slack, webhooks and log pipelines.
 *
 * @packageDocumentation
 */

import { frozenCopy } from './json.js';
import {
  REASONS,
  SEVERITY,
  SIGNAL_KEYS,
  type PolicyAction,
  type PolicyReason,
  type PolicySeverity,
  type SpendPolicyDecision,
} from './policy.js';
import { invalid, oneOf, readFields, safeInteger, text } from './validate.js';

/** Where the alert comes from, and when. */
export interface AlertPayloadOptions {
  /** The service or account the decision is about. A non-empty string. */
  readonly service: string;
  /** The environment, e.g. `'production'`. A non-empty string. */
  readonly environment: string;
  /** When, as milliseconds since 1970-01-01T00:00:00Z (e.g. `Date.now()`): a safe integer from 0 to the end of year 9999. Default none. */
  readonly at?: number | undefined;
}

/** The result of {@link makeAlertPayload}: deep-frozen, and equal to itself after a JSON round trip. */
export interface AlertPayload {
  readonly service: string;
  readonly environment: string;
  /** `at` as an ISO 8601 string (`2026-12-04T15:00:00.000Z`), present only when given. */
  readonly at?: string;
  readonly action: PolicyAction;
  readonly severity: PolicySeverity;
  readonly reasons: readonly PolicyReason[];
  readonly summary: string;
  /** Each signal's fields, with non-finite numbers written as null. */
  readonly budget?: Readonly<Record<string, unknown>>;
  readonly anomaly?: Readonly<Record<string, unknown>>;
  readonly breaker?: Readonly<Record<string, unknown>>;
  readonly burnRate?: Readonly<Record<string, unknown>>;
  readonly forecast?: Readonly<Record<string, unknown>>;
}

const OPTION_KEYS = ['service', 'environment', 'at'] as const;
const POLICY_KEYS = ['action', 'severity', 'reasons', 'summary', 'signals'] as const;
const ACTIONS = /* @__PURE__ */ Object.keys(SEVERITY) as PolicyAction[];
const SEVERITIES = /* @__PURE__ */ Object.values(SEVERITY);
/** 9999-12-31T23:59:59.999Z: the last instant a four-digit ISO year can write. */
const LAST_INSTANT = 253_402_300_799_999;

/**
 * Turns a policy decision into an alert payload: one flat-enough, JSON-safe object with where and when,
 * the decision, and each signal's fields.
 *
 * @param policy - a result of {@link evaluateSpendPolicy} (also after a JSON round trip).
 * @param options - the service, the environment, and optionally when.
 * @param options.service - a non-empty string.
 * @param options.environment - a non-empty string.
 * @param options.at - milliseconds since the epoch, written as an ISO string; default none.
 * @returns a deep-frozen {@link AlertPayload}; `JSON.parse(JSON.stringify(payload))` equals it.
 * @throws RangeError when the policy is not a policy decision, or an option is missing, empty or out of range.
 * @example
 * ```ts
 * const policy = evaluateSpendPolicy({ budget: checkBudget({ currentSpend: 950, budgetLimit: 1000 }) });
 * const payload = makeAlertPayload(policy, { service: 'etl', environment: 'production', at: 1_796_396_400_000 });
 * payload.at; // '2026-12-04T15:00:00.000Z'
 * payload.severity; // 'warning'
 * payload.reasons; // ['budget-warning']
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function makeAlertPayload(policy: SpendPolicyDecision, options: AlertPayloadOptions): AlertPayload {
  const [rawService, rawEnvironment, rawAt] = readFields(options, 'options', OPTION_KEYS, false);
  const service = text(rawService, 'options.service');
  const environment = text(rawEnvironment, 'options.environment');
  const at = rawAt === undefined ? undefined : safeInteger(rawAt, 'options.at', 0);
  if (at !== undefined && at > LAST_INSTANT)
    throw invalid('options.at', `<= ${String(LAST_INSTANT)} (9999-12-31T23:59:59.999Z)`, String(at));

  const [rawAction, rawSeverity, rawReasons, rawSummary, rawSignals] = readFields(policy, 'policy', POLICY_KEYS, false, false);
  const action = oneOf(rawAction, 'policy.action', ACTIONS);
  const severity = oneOf(rawSeverity, 'policy.severity', SEVERITIES);
  const reasons = frozenCopy(rawReasons, 'policy.reasons', true);
  if (!Array.isArray(reasons)) throw invalid('policy.reasons', 'an array', 'an object');
  reasons.forEach((reason: unknown, index) => oneOf(reason, `policy.reasons[${String(index)}]`, REASONS));
  const summary = text(rawSummary, 'policy.summary');
  const signals = readFields(rawSignals, 'policy.signals', SIGNAL_KEYS, false);

  const payload: Record<string, unknown> = { service, environment };
  if (at !== undefined) payload['at'] = new Date(at).toISOString(); // formats the caller's time; reads no clock
  Object.assign(payload, { action, severity, reasons, summary });
  SIGNAL_KEYS.forEach((key, index) => {
    if (signals[index] !== undefined) payload[key] = frozenCopy(signals[index], `policy.signals.${key}`, true);
  });
  return Object.freeze(payload) as unknown as AlertPayload;
}
