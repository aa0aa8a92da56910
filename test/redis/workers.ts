// The worker processes of the shared-state proof: what a job is, what each mode logs, and how the test
// starts workers (worker.mjs) and collects their logs.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  BreakerConfig,
  BreakerEvent,
  BreakerState,
  BudgetAlertOptions,
  BudgetAlertReading,
  BudgetAlertState,
} from '../../src/index.js';

const workerScript = join(import.meta.dirname, 'worker.mjs');
let spawned = 0;

/** One worker's job (worker.mjs reads it as JSON). */
export interface Job {
  /** breaker: ask, call, report; alerts: budget readings; reads and writes: throughput. */
  mode: 'breaker' | 'alerts' | 'reads' | 'writes';
  /** Redis. */
  url: string;
  /** The shared key. */
  key: string;
  /** When to start (epoch ms, the same for every worker). */
  t0: number;
  /** When to stop (epoch ms). */
  until: number;
  /** ms per decision. */
  timeout: number;
  /** Compare-and-set attempts per decision. */
  attempts: number;
  /** Breaker mode: the breaker's config. */
  config?: BreakerConfig;
  /** Breaker mode: the downstream alternates healthy and failing phases this long (ms); absent: always healthy. */
  phase?: number;
  /** Alerts mode: the tracker's options. */
  alerts?: BudgetAlertOptions;
  /** Write without comparing versions (the control that must lose updates). */
  blind?: boolean;
}

export interface BreakerEntry {
  worker: number;
  kind: 'request' | 'success' | 'failure';
  started: number;
  ended: number;
  allow: boolean;
  status: string;
  reason: string | null;
  cause: string | null;
  attempts: number;
  event: BreakerEvent | null;
  state: BreakerState | null;
  version: number | null;
  read: number | null;
}

export interface AlertEntry {
  worker: number;
  reading?: BudgetAlertReading;
  fired?: number[];
  cleared?: number[];
  state?: BudgetAlertState;
  version?: number | null;
  read?: number | null;
  cause?: string;
}

export interface ThroughputEntry {
  ms: number;
  applied: boolean;
  attempts: number;
  cause: string | null;
}

/** What a worker of each mode logs. */
export type EntryOf<M extends Job['mode']> = M extends 'breaker' ? BreakerEntry : M extends 'alerts' ? AlertEntry : ThroughputEntry;

export interface Worker<T> {
  readonly id: number;
  kill(): void;
  /** The worker's log, or null when it was killed. */
  readonly done: Promise<{ worker: number; log: T[] } | null>;
}

export function spawnWorker<M extends Job['mode']>(scratch: string, id: number, job: Job & { mode: M }): Worker<EntryOf<M>> {
  const out = join(scratch, `worker-${String(process.pid)}-${String(spawned++)}.json`);
  const child = spawn(process.execPath, [workerScript, JSON.stringify({ ...job, id, out })], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const done = new Promise<{ worker: number; log: EntryOf<M>[] } | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(null);
      else if (code === 0) resolve(JSON.parse(readFileSync(out, 'utf8')) as { worker: number; log: EntryOf<M>[] });
      else reject(new Error(`worker ${String(id)} exited with ${String(code ?? signal)}`));
    });
  });
  return { id, kill: () => child.kill('SIGKILL'), done };
}

/**
 * Starts `count` workers on one job, all beginning at `t0`, late enough for every process to have loaded,
 * and stopping `duration` ms later.
 */
export function startWorkers<M extends Job['mode']>(
  scratch: string,
  count: number,
  job: Omit<Job, 't0' | 'until'> & { mode: M },
  duration: number,
): { t0: number; until: number; workers: Worker<EntryOf<M>>[] } {
  const t0 = Date.now() + 1_500;
  const until = t0 + duration;
  return { t0, until, workers: Array.from({ length: count }, (_, id) => spawnWorker(scratch, id, { ...job, t0, until })) };
}

/** Runs `count` workers on one job from a common start (see startWorkers); returns every entry they logged. */
export async function runWorkers<M extends Job['mode']>(
  scratch: string,
  count: number,
  job: Omit<Job, 't0' | 'until'> & { mode: M },
  duration: number,
): Promise<EntryOf<M>[]> {
  const logs = await Promise.all(startWorkers(scratch, count, job, duration).workers.map((worker) => worker.done));
  return logs.flatMap((log) => log?.log ?? []);
}
