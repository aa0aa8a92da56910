// One worker process of the shared-state proof (test/redis/shared.test.ts): it shares one Redis key with
// the other workers through examples/shared-breaker and logs every decision it got, for the test to check.
// Usage: node worker.mjs '<json job>'; writes { log, ... } as JSON to job.out and exits 0.

import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyShared, createBreakerState, trackBudgetAlerts } from 'cloudcircuit';
import { connectRedis, redisStore } from '../../examples/shared-breaker/redis-store.mjs';
import { sharedBreaker } from '../../examples/shared-breaker/shared-breaker.mjs';
import { usageAt } from './curve.mjs';

/** @typedef {import('./workers.js').Job & { id: number, out: string }} Job - the job, with this worker's id and where to write its log. */

/** @type {Job} */
const job = JSON.parse(process.argv[2] ?? '{}');
const client = await connectRedis(job.url);

/**
 * The store of the example, recording the version each decision read and the version its write created
 * (none when the step changed nothing), so the test can put the log in order.
 * @template S
 * @param {S} initial
 */
function recordingStore(initial) {
  const store = redisStore(client, job.key, { initial });
  const track = { read: 0, wrote: /** @type {number | null} */ (null) };
  return {
    track,
    store: {
      async load() {
        const loaded = await store.load();
        track.read = Number(loaded.version);
        return loaded;
      },
      /** @param {S} next @param {string} version */
      async compareAndSet(next, version) {
        if (job.blind === true) {
          // the control: a plain read-modify-write with no version check, as glue code often does
          track.wrote = await client.hIncrBy(job.key, 'version', 1);
          await client.hSet(job.key, 'state', JSON.stringify(next));
          return true;
        }
        const won = await store.compareAndSet(next, version);
        if (won) track.wrote = Number(version) + 1;
        return won;
      },
    },
  };
}

/** The downstream's failure rate at `now`: 90% in failing phases, 5% in healthy ones. */
const failureRate = (/** @type {number} */ now) =>
  job.phase === undefined ? 0 : Math.floor((now - job.t0) / job.phase) % 2 === 1 ? 0.9 : 0.05;

/** @type {object[]} */
const log = [];
await sleep(Math.max(0, job.t0 - Date.now()));

if (job.mode === 'breaker') {
  const { store, track } = recordingStore(createBreakerState());
  const breaker = sharedBreaker(store, job.config ?? {}, { timeout: job.timeout, attempts: job.attempts });
  /** @param {() => Promise<import('../../examples/shared-breaker/shared-breaker.mjs').Decision>} decide */
  const record = async (/** @type {string} */ kind, decide) => {
    const started = Date.now();
    track.wrote = null;
    const decision = await decide();
    log.push({
      worker: job.id,
      kind,
      started,
      ended: Date.now(),
      allow: decision.allowOperation,
      status: decision.status,
      reason: 'reason' in decision ? decision.reason : null,
      cause: 'cause' in decision ? decision.cause : null,
      attempts: decision.attempts,
      event: decision.event,
      state: 'state' in decision ? decision.state : null,
      // a decision that changed the state wrote a version; one that did not read one
      version: decision.event === null ? null : track.wrote,
      read: decision.event === null || track.wrote !== null ? null : track.read,
    });
    return decision;
  };
  while (Date.now() < job.until) {
    const gate = await record('request', () => breaker.request());
    if (gate.event === null || !gate.allowOperation) {
      await sleep(1); // refused: the caller's work waits a moment before it asks again
      continue;
    }
    await sleep(Math.random() * 2); // the expensive call
    const outcome = Math.random() < failureRate(Date.now()) ? 'failure' : 'success';
    const admittedAt = gate.event.at;
    await record(outcome, () => breaker.report(outcome, admittedAt));
  }
} else if (job.mode === 'alerts') {
  const { store, track } = recordingStore(/** @type {import('cloudcircuit').BudgetAlertState | undefined} */ (undefined));
  const options = job.alerts ?? { thresholds: [1] };
  while (Date.now() < job.until) {
    /** @type {import('cloudcircuit').BudgetAlertReading | undefined} */
    let reading;
    track.wrote = null;
    // the reading is taken inside the step: a retried step reads afresh, so readings reach the shared
    // state in time order
    const update = await applyShared(store, (state) => trackBudgetAlerts(state, (reading = usageAt(Date.now() - job.t0)), options), {
      attempts: job.attempts,
      signal: AbortSignal.timeout(job.timeout),
    });
    log.push(
      'state' in update
        ? {
            worker: job.id,
            reading,
            fired: update.fired,
            cleared: update.cleared,
            state: update.state,
            version: track.wrote,
            read: track.wrote === null ? track.read : null,
          }
        : { worker: job.id, cause: update.cause },
    );
  }
} else {
  /**
   * As fast as possible: how long each decision took, and whether it was applied.
   * @param {() => Promise<{ attempts: number } & ({ state: unknown } | { cause: string })>} decide
   */
  const measure = async (decide) => {
    while (Date.now() < job.until) {
      const started = performance.now();
      const decision = await decide();
      log.push({
        ms: performance.now() - started,
        applied: 'state' in decision,
        attempts: decision.attempts,
        cause: 'cause' in decision ? decision.cause : null,
      });
    }
  };
  if (job.mode === 'reads') {
    // a closed breaker: nothing to write, each decision is one read
    const { store } = recordingStore(createBreakerState());
    const breaker = sharedBreaker(store, job.config ?? {}, { timeout: job.timeout, attempts: job.attempts });
    await measure(() => breaker.request());
  } else {
    // every call counted in the shared state: each decision is a compare-and-set that can lose the race
    const { store } = recordingStore({ calls: 0 });
    await measure(() =>
      applyShared(store, (state) => ({ state: { calls: state.calls + 1 } }), {
        attempts: job.attempts,
        signal: AbortSignal.timeout(job.timeout),
      }),
    );
  }
}

writeFileSync(job.out, JSON.stringify({ worker: job.id, log }));
client.destroy();
process.exit(0);
