// Many instances, one breaker: real worker processes share state in a real redis-server through
// applyShared and the example Redis adapter (examples/shared-breaker/). Each worker logs every decision;
// the checks below read the logs. `npm run test:shared` (needs redis-server; REDIS_URL names a running
// one, else the test starts its own).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createBreakerState,
  stepBreaker,
  trackBudgetAlerts,
  type BreakerConfig,
  type BreakerEvent,
  type BreakerState,
  type BudgetAlertReading,
  type BudgetAlertState,
} from '../../src/index.js';
import { redisStore } from '../../examples/shared-breaker/redis-store.mjs';
import { sharedBreaker } from '../../examples/shared-breaker/shared-breaker.mjs';
import { CURVE_LENGTH, PERIODS, usageAt } from './curve.mjs';
import { replay } from './replay.js';
import { startRedis, type RedisServer } from './server.js';
import { runWorkers, spawnWorker, startWorkers, type BreakerEntry, type Worker } from './workers.js';

const WORKERS = 8;

let server: RedisServer | undefined;
let url = '';
let client: ReturnType<typeof createClient>;
let scratch = '';
let keys = 0;

beforeAll(async () => {
  const given = process.env['REDIS_URL'];
  if (given === undefined) server = await startRedis();
  url = given ?? (server as RedisServer).url;
  client = createClient({ url });
  await client.connect();
  scratch = mkdtempSync(join(tmpdir(), 'cloudcircuit-shared-'));
});

afterAll(async () => {
  client.destroy();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh key for each scenario, removed first in case a previous run left it. */
async function freshKey(name: string): Promise<string> {
  const key = `cloudcircuit:test:${name}:${String(process.pid)}:${String(keys++)}`;
  await client.del(key);
  return key;
}

/** The state and version stored under `key`, read straight from Redis. */
async function stored(key: string) {
  const hash = await client.hGetAll(key);
  return { fields: Object.keys(hash).sort(), version: Number(hash['version']), state: JSON.parse(hash['state'] ?? 'null') as unknown };
}

/** The breaker log replayed through stepBreaker (see replay). */
function replayBreaker(entries: BreakerEntry[], config: BreakerConfig) {
  return replay(entries, createBreakerState(), (state, entry) => {
    const replayed = stepBreaker(state, entry.event as BreakerEvent, config);
    return isDeepStrictEqual(replayed.state, entry.state) && replayed.allowOperation === entry.allow ? replayed.state : null;
  });
}

const hammerConfig = {
  failureThreshold: 5,
  cooldown: 20,
  backoffMultiplier: 2,
  maxCooldown: 160,
  halfOpenMaxProbes: 2,
  successesToClose: 2,
  probeTimeout: 100,
} satisfies BreakerConfig;

describe('the Redis adapter', () => {
  test('writes with the version it loaded, and only then', async () => {
    const key = await freshKey('adapter');
    const store = redisStore(client, key, { initial: createBreakerState() });
    const first = await store.load();
    expect(first).toEqual({ value: createBreakerState(), version: '0' });
    const open = stepBreaker(first.value, { type: 'failure', at: 1 }, { failureThreshold: 1, cooldown: 10 }).state;
    expect(await store.compareAndSet(open, first.version)).toBe(true);
    expect(await store.compareAndSet(createBreakerState(), first.version)).toBe(false); // another writer came first
    expect(await store.load()).toEqual({ value: open, version: '1' });
    expect(await client.pTTL(key)).toBe(-1); // no TTL unless asked
  });

  test('a TTL is set, and refreshed, by every write', async () => {
    const key = await freshKey('ttl');
    const store = redisStore(client, key, { initial: createBreakerState(), ttl: 60_000 });
    await store.compareAndSet(createBreakerState(), '0');
    await client.pExpire(key, 1_000);
    await store.compareAndSet(createBreakerState(), '1');
    expect(await client.pTTL(key)).toBeGreaterThan(50_000);
  });

  test('a corrupt key is a refusal (invalid-state), not a fresh breaker, until it is repaired', async () => {
    const key = await freshKey('corrupt');
    const store = redisStore(client, key, { initial: createBreakerState() });
    const breaker = sharedBreaker(store, hammerConfig, { timeout: 1_000 });
    for (const state of ['{"status":"exploded"}', '{not json', '[]']) {
      await client.hSet(key, { version: '7', state });
      expect(await breaker.request()).toMatchObject({ allowOperation: false, reason: 'state-unavailable', cause: 'invalid-state' });
    }
    await client.del(key); // the operator's repair: the breaker starts closed
    expect(await breaker.request()).toMatchObject({ allowOperation: true, status: 'closed' });
  });
});

describe(`${String(WORKERS)} worker processes share one breaker in Redis`, () => {
  let run: { entries: BreakerEntry[]; key: string };
  let replayed: ReturnType<typeof replayBreaker>;

  beforeAll(async () => {
    const key = await freshKey('hammer');
    // the downstream alternates 400 ms healthy (5% failures) and 400 ms failing (90%)
    const job = { mode: 'breaker', url, key, timeout: 10_000, attempts: 20, config: hammerConfig, phase: 400 } as const;
    const entries = await runWorkers(scratch, WORKERS, job, 4_000);
    run = { entries, key };
    replayed = replayBreaker(entries, hammerConfig);
  });

  test('no update is lost: every write is in the final state, once, in one order every worker saw', async () => {
    const { written, reads, problems, final } = replayed;
    expect(written.length).toBeGreaterThan(200);
    expect(reads.length).toBeGreaterThan(200);
    expect(new Set(written.map((entry) => entry.worker)).size).toBe(WORKERS);
    expect(problems).toEqual([]);
    expect(await stored(run.key)).toEqual({ fields: ['state', 'version'], version: written.length, state: final });
    // refusals for lost races were rare and written nothing
    // every decision either wrote, read, or was refused for losing every race (and wrote nothing)
    const refused = run.entries.filter((entry) => entry.status === 'unavailable');
    expect(refused.every((entry) => entry.version === null && entry.read === null && entry.cause === 'conflict')).toBe(true);
    expect(written.length + reads.length + refused.length).toBe(run.entries.length);
    expect(refused.length).toBeLessThan(written.length / 100);
    console.log(
      `hammer: ${String(run.entries.length)} decisions by ${String(WORKERS)} workers: ${String(written.length)} writes, ` +
        `${String(reads.length)} reads, ${String(refused.length)} refused (every attempt lost the race)`,
    );
  });

  test('the breaker trips when the failures in a row across all workers reach the threshold', () => {
    // an independent count: while the stored breaker is closed, failures add up and successes reset
    let previous = createBreakerState();
    let streak: BreakerEntry[] = [];
    const trips: number[][] = [];
    const wrong: string[] = [];
    for (const entry of replayed.written) {
      const state = entry.state as BreakerState;
      if (previous.status === 'closed' && entry.kind !== 'request') {
        streak = entry.kind === 'success' ? [] : [...streak, entry];
        const tripped = streak.length === hammerConfig.failureThreshold;
        if ((state.status === 'open') !== tripped)
          wrong.push(`version ${String(entry.version)}: ${state.status} after ${String(streak.length)} failures`);
        if (!tripped && state.consecutiveFailures !== streak.length)
          wrong.push(`version ${String(entry.version)}: counter ${String(state.consecutiveFailures)}`);
        if (tripped) {
          trips.push(streak.map((failure) => failure.worker));
          streak = [];
        }
      } else if (state.status !== 'closed') {
        streak = [];
      }
      previous = state;
    }
    expect(wrong).toEqual([]);
    expect(trips.length).toBeGreaterThan(2);
    // shared, not per worker: most trips were made of several workers' failures
    const mixed = trips.filter((workers) => new Set(workers).size > 1);
    expect(mixed.length).toBeGreaterThan(trips.length / 2);
  });

  test('each half-open window has at most halfOpenMaxProbes probes out at once, across all workers', () => {
    // an independent count: the probes admitted in a window and not yet reported, keyed by worker and time
    const outstanding = new Map<number, Set<string>>(); // window start -> probes out
    const peaks = new Map<number, number>();
    const probeWorkers = new Map<number, Set<number>>();
    for (const entry of replayed.written) {
      const state = entry.state as BreakerState;
      const event = entry.event as BreakerEvent;
      if (entry.kind === 'request' && entry.allow && state.status === 'half-open') {
        const window = state.openUntil as number; // half-open: when the window began
        const out = outstanding.get(window) ?? new Set();
        out.add(`${String(entry.worker)}@${String(event.at)}`);
        outstanding.set(window, out);
        peaks.set(window, Math.max(peaks.get(window) ?? 0, out.size));
        probeWorkers.set(window, (probeWorkers.get(window) ?? new Set()).add(entry.worker));
      } else if (entry.kind !== 'request') {
        for (const out of outstanding.values()) out.delete(`${String(entry.worker)}@${String(event.admittedAt)}`);
      }
    }
    expect(peaks.size).toBeGreaterThan(2);
    expect(Math.max(...peaks.values())).toBe(hammerConfig.halfOpenMaxProbes);
    // windows whose probes came from different workers: the quota is shared, not per worker
    expect([...probeWorkers.values()].filter((workers) => workers.size > 1).length).toBeGreaterThan(0);
    // no request was admitted while the stored breaker was open
    expect(replayed.written.filter((entry) => entry.kind === 'request' && entry.allow && entry.state?.status === 'open')).toEqual([]);
  });

  test('with successesToClose 1, each half-open window admits at most halfOpenMaxProbes probes in all', async () => {
    // one success closes the breaker and a failure trips it again, so a window never frees a probe slot:
    // the quota bounds the probes a window admits, not only those out at once
    const config = { ...hammerConfig, successesToClose: 1 };
    const key = await freshKey('one-success');
    const job = { mode: 'breaker', url, key, timeout: 10_000, attempts: 20, config, phase: 300 } as const;
    const entries = await runWorkers(scratch, WORKERS, job, 2_500);
    const { written, problems } = replayBreaker(entries, config);
    expect(problems).toEqual([]);
    const admitted = new Map<number, number>();
    for (const entry of written) {
      if (entry.kind === 'request' && entry.allow && entry.state?.status === 'half-open') {
        admitted.set(entry.state.openUntil as number, (admitted.get(entry.state.openUntil as number) ?? 0) + 1);
      }
    }
    expect(admitted.size).toBeGreaterThan(2);
    expect(Math.max(...admitted.values())).toBe(config.halfOpenMaxProbes);
  });

  test('the control: the same workers with a read-modify-write that does not compare versions lose updates', async () => {
    const key = await freshKey('blind');
    const job = { mode: 'breaker', url, key, timeout: 10_000, attempts: 20, config: hammerConfig, phase: 400, blind: true } as const;
    const entries = await runWorkers(scratch, WORKERS, job, 1_000);
    expect(replayBreaker(entries, hammerConfig).problems.length).toBeGreaterThan(0);
  });
});

describe('budget alerts shared by all workers fire once per crossing', () => {
  const options = { thresholds: [0.5, 0.8, 1], hysteresis: 0.1 };

  /** An independent reference: the crossings of each threshold along the curve, sampled every 1 ms. */
  function expectedFires() {
    const counts = new Map<string, number>();
    let period = '';
    let armed = new Set(options.thresholds);
    for (let t = 0; t <= CURVE_LENGTH; t++) {
      const reading = usageAt(t);
      if (reading.period !== period) {
        period = reading.period;
        armed = new Set(options.thresholds);
      }
      for (const threshold of options.thresholds) {
        const name = `${period} ${String(threshold)}`;
        if (armed.has(threshold) && reading.usageRatio >= threshold) {
          armed.delete(threshold);
          counts.set(name, (counts.get(name) ?? 0) + 1);
        } else if (!armed.has(threshold) && reading.usageRatio < threshold - options.hysteresis) {
          armed.add(threshold);
        }
      }
    }
    return counts;
  }

  test(`${String(WORKERS)} workers read the spend and update one alert state; each alert goes out once`, async () => {
    const key = await freshKey('alerts');
    const job = { mode: 'alerts', url, key, timeout: 10_000, attempts: 20, alerts: options } as const;
    const entries = await runWorkers(scratch, WORKERS, job, CURVE_LENGTH + 200);

    // the same replay as for the breaker: writes in version order, reads against the version they read
    const { written, reads, problems, final } = replay(entries, undefined as BudgetAlertState | undefined, (state, entry) => {
      const update = trackBudgetAlerts(state, entry.reading as BudgetAlertReading, options);
      return isDeepStrictEqual({ ...update }, { fired: entry.fired, cleared: entry.cleared, state: entry.state }) ? update.state : null;
    });
    expect(problems).toEqual([]);
    expect(entries.filter((entry) => entry.cause !== undefined)).toEqual([]);
    expect(written.length + reads.length).toBe(entries.length);
    expect((await stored(key)).state).toEqual(final);

    const fired = new Map<string, number>();
    const firedBy = new Set<number>();
    for (const entry of written) {
      for (const threshold of entry.fired ?? []) {
        const name = `${(entry.reading as BudgetAlertReading).period} ${String(threshold)}`;
        fired.set(name, (fired.get(name) ?? 0) + 1);
        firedBy.add(entry.worker);
      }
    }
    const expected = expectedFires();
    // the curve crosses 80% twice in the first period (it dips below 70% between), everything else once
    expect([...expected.values()].reduce((sum, count) => sum + count, 0)).toBe(2 * options.thresholds.length + 1);
    expect(Object.fromEntries(fired)).toEqual(Object.fromEntries(expected));
    // every worker took part; the state changes only at crossings, so most decisions were reads
    expect(new Set(entries.map((entry) => entry.worker)).size).toBe(WORKERS);
    expect(reads.length).toBeGreaterThan(10 * written.length);
    expect(firedBy.size).toBeGreaterThan(1);
    expect(PERIODS.map(({ period }) => period)).toEqual([...new Set(written.map((entry) => entry.reading?.period))]);
  });
});

describe('faults', () => {
  test('Redis crashes, then freezes, mid-run: every decision becomes a state-unavailable refusal within a bounded time, and the workers recover', async () => {
    // a server of its own, to crash, restart, freeze and thaw (durable: it restarts with every acknowledged write)
    const own = await startRedis();
    try {
      const timeout = 100;
      const job = {
        mode: 'breaker',
        url: own.url,
        key: 'cloudcircuit:faults',
        timeout,
        attempts: 10,
        config: hammerConfig,
        phase: 400,
      } as const;
      const { t0, workers } = startWorkers(scratch, WORKERS, job, 6_500);
      const at = async (elapsed: number, fault: () => Promise<void>) => {
        await sleep(t0 + elapsed - Date.now());
        const begun = Date.now();
        await fault();
        return { begun, done: Date.now() };
      };
      const crash = await at(1_000, () => own.crash()); // the process dies: connections close
      const restart = await at(2_500, () => own.restart());
      const freeze = await at(3_500, () => own.freeze()); // the process stops answering: connections stay open
      const thaw = await at(5_000, () => own.thaw());
      const logs = await Promise.all(workers.map((worker) => worker.done));
      expect(logs.every((log) => log !== null)).toBe(true);

      const entries = logs.flatMap((log) => log?.log ?? []);
      const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), -Infinity);
      const min = (values: number[]) => values.reduce((a, b) => Math.min(a, b), Infinity);
      const unavailable = (entry: BreakerEntry) => entry.status === 'unavailable';
      /** What the workers saw from `from` (the fault) to `to` (its end), and how soon after `to` they recovered. */
      const outage = (from: number, to: number, recovered: number) => {
        const during = entries.filter((entry) => entry.started > from && entry.ended < to);
        const perWorker = Array.from({ length: WORKERS }, (_, id) => entries.filter((entry) => entry.worker === id));
        return {
          during,
          refusing: max(
            perWorker.map(
              (mine) => min(mine.filter((entry) => entry.started >= from && unavailable(entry)).map((entry) => entry.ended)) - from,
            ),
          ),
          recovery: max(
            perWorker.map(
              (mine) =>
                min(mine.filter((entry) => entry.started >= recovered && !unavailable(entry)).map((entry) => entry.ended)) - recovered,
            ),
          ),
        };
      };
      const crashed = outage(crash.done, restart.begun, restart.done);
      const frozen = outage(freeze.done, thaw.begun, thaw.done);
      const slowest = max(entries.map((entry) => entry.ended - entry.started));
      console.log(
        `faults: ${String(entries.length)} decisions, slowest ${String(slowest)} ms. Crash: refusing within ${String(crashed.refusing)} ms, ` +
          `${String(crashed.during.length)} refusals, deciding again ${String(crashed.recovery)} ms after the restart. Freeze: refusing within ` +
          `${String(frozen.refusing)} ms, ${String(frozen.during.length)} refusals, deciding again ${String(frozen.recovery)} ms after the thaw.`,
      );

      // nothing hangs: each decision took at most the timeout, plus scheduling on a busy 2-core machine
      expect(slowest).toBeLessThan(timeout + 900);
      // before the crash every worker got decisions from the shared breaker
      const before = entries.filter((entry) => entry.ended < crash.begun);
      expect(new Set(before.filter((entry) => !unavailable(entry)).map((entry) => entry.worker)).size).toBe(WORKERS);
      expect(before.filter(unavailable)).toEqual([]);
      for (const { during, refusing, recovery } of [crashed, frozen]) {
        // while Redis was down, every decision of every worker was a refusal that says why, soon after the fault
        expect(new Set(during.map((entry) => entry.worker)).size).toBe(WORKERS);
        expect(during.filter((entry) => entry.allow || entry.reason !== 'state-unavailable' || !unavailable(entry))).toEqual([]);
        expect(refusing).toBeLessThan(1_000);
        // and every worker decided from the shared state again soon after Redis came back
        expect(recovery).toBeLessThan(1_500);
      }
      // a dead connection fails at once (store-error); a frozen one only by the timeout (aborted)
      expect(new Set(crashed.during.map((entry) => entry.cause))).toContain('store-error');
      expect([...new Set(frozen.during.map((entry) => entry.cause))]).toEqual(['aborted']);
      // the state that survived the crash is a valid breaker state
      const client2 = createClient({ url: own.url });
      await client2.connect();
      const { value, version } = await redisStore(client2, job.key, { initial: createBreakerState() }).load();
      client2.destroy();
      expect(Number(version)).toBeGreaterThan(0);
      expect(stepBreaker(value, { type: 'request', at: Date.now() + 1_000 }, hammerConfig).status).not.toBe('unavailable');
    } finally {
      await own.stop();
    }
  });

  test('workers killed mid-step (SIGKILL, at random) leave a valid state, and the breaker is not stuck', async () => {
    const key = await freshKey('killed');
    const job = { mode: 'breaker', url, key, timeout: 10_000, attempts: 20, config: hammerConfig, phase: 300 } as const;
    const { t0, until, workers: live } = startWorkers(scratch, WORKERS, job, 3_000);
    const all = [...live];
    await sleep(t0 - Date.now());
    let kills = 0;
    while (Date.now() < until - 300) {
      await sleep(50 + Math.random() * 150);
      const index = Math.floor(Math.random() * live.length);
      (live[index] as Worker<BreakerEntry>).kill();
      kills++;
      // a replacement starts at once (its own start-up is the only delay)
      const replacement = spawnWorker(scratch, WORKERS + kills, { ...job, t0: Date.now(), until });
      live[index] = replacement;
      all.push(replacement);
    }
    const logs = await Promise.all(all.map((worker) => worker.done));
    const killed = logs.filter((log) => log === null).length;
    const survivors = logs.flatMap((log) => log?.log ?? []);
    console.log(`killed ${String(killed)} workers mid-run; the survivors logged ${String(survivors.length)} decisions`);

    expect(killed).toBe(kills);
    expect(kills).toBeGreaterThanOrEqual(8);
    const { fields, version, state } = await stored(key);
    expect(fields).toEqual(['state', 'version']);
    expect(Number.isSafeInteger(version) && version > 0).toBe(true);
    // a valid breaker state: the step accepts it as it is, and it round-trips through JSON
    const now = Date.now();
    const next = stepBreaker(state as BreakerState, { type: 'request', at: now }, hammerConfig);
    expect(JSON.parse(JSON.stringify(next.state))).toEqual(next.state);
    // no two writes made the same version, killed workers or not
    const versions = survivors.flatMap((entry) => (entry.version === null ? [] : [entry.version]));
    expect(new Set(versions).size).toBe(versions.length);
    // probes that died with their worker do not hold the breaker: once the longest cooldown and the probe
    // timeout have passed, a request is admitted
    const later = now + hammerConfig.maxCooldown + hammerConfig.probeTimeout;
    expect(stepBreaker(next.state, { type: 'request', at: later }, hammerConfig).allowOperation).toBe(true);
  });
});

describe('throughput', () => {
  const rows: string[] = [];

  afterAll(() => {
    const table = [
      '| decisions | workers | decisions/s | p50 | p99 | refused (lost every race) |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
    console.log(table);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/shared-throughput.md', `${table}\n`);
  });

  test.each([
    ['reads', 1],
    ['reads', WORKERS],
    ['writes', 1],
    ['writes', WORKERS],
  ] as const)('%s: %i worker(s) deciding through one key as fast as they can', async (mode, count) => {
    const key = await freshKey(`${mode}-${String(count)}`);
    const seconds = 3;
    const job = { mode, url, key, timeout: 1_000, attempts: 10, config: hammerConfig } as const;
    const entries = await runWorkers(scratch, count, job, seconds * 1_000);
    const latencies = entries.map((entry) => entry.ms).sort((a, b) => a - b);
    const at = (q: number) => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number).toFixed(2);
    const refused = entries.filter((entry) => !entry.applied);
    const what = mode === 'reads' ? 'request, closed breaker (a read)' : 'counter update (a write)';
    rows.push(
      `| ${what} | ${String(count)} | ${Math.round(entries.length / seconds).toLocaleString('en-US')} | ${at(0.5)} ms | ${at(0.99)} ms | ${((100 * refused.length) / entries.length).toFixed(2)}% |`,
    );
    expect(entries.length).toBeGreaterThan(100);
    // the only refusals are races lost `attempts` times in a row, and reads lose no race
    expect(refused.every((entry) => entry.cause === 'conflict')).toBe(true);
    const { version, state } = await stored(key);
    if (mode === 'reads') {
      expect(refused).toEqual([]);
      expect(Number.isNaN(version)).toBe(true); // never written
    } else {
      // every counted call is in the shared counter: none lost
      expect(state).toEqual({ calls: entries.length - refused.length });
      expect(version).toBe(entries.length - refused.length);
    }
  });
});
