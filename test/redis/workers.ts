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
  mode: 'breaker' | 'alerts' | 'reads' | 'writes';
  url: string;
  key: string;
  t0: number;
  until: number;
  timeout: number;
  attempts: number;
  config?: BreakerConfig;
  phase?: number;
  alerts?: BudgetAlertOptions;
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

/** Runs `count` workers on one job from a common start (after every process has loaded); returns all logs. */
export async function runWorkers<M extends Job['mode']>(
  scratch: string,
  count: number,
  job: Omit<Job, 't0' | 'until'> & { mode: M },
  duration: number,
): Promise<{ t0: number; entries: EntryOf<M>[] }> {
  const t0 = Date.now() + 1_500;
  const workers = Array.from({ length: count }, (_, id) => spawnWorker(scratch, id, { ...job, t0, until: t0 + duration }));
  const logs = await Promise.all(workers.map((worker) => worker.done));
  return { t0, entries: logs.flatMap((log) => log?.log ?? []) };
}
