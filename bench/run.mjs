// npm run bench [-- --quick]: each guardrail against hand-written inline code that does the same job
// (same validation, same frozen result), in one process, as medians of interleaved runs; series checks at
// 1e2, 1e4 and 1e6 points; and the cost of importing the package into an empty Node process.
// Not part of npm test: timings on shared machines are noisy. The README shows a recent run.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import * as lib from 'cloudcircuit';
import * as inline from './inline.mjs';

const quick = process.argv.includes('--quick');
const rounds = quick ? 3 : 7;
const time = quick ? 60 : 250;

/** Runs both tasks `rounds` times, alternating, and returns the median ns per call of each. */
async function race(library, handwritten) {
  const samples = { library: [], inline: [] };
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time, iterations: quick ? 4 : 16, warmupTime: 20, warmupIterations: 2 });
    // alternate the order too, so neither side always runs on a warmer machine
    const order = round % 2 === 0 ? ['library', 'inline'] : ['inline', 'library'];
    for (const name of order) bench.add(name, name === 'library' ? library : handwritten);
    await bench.run();
    for (const task of bench.tasks) samples[task.name].push(task.result.latency.mean * 1e6);
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { library: median(samples.library), inline: median(samples.inline) };
}

const format = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const rows = [];
async function measure(name, library, handwritten, target) {
  const result = await race(library, handwritten);
  const ratio = result.library / result.inline;
  const verdict = target === undefined ? '' : ratio <= target ? `<= ${String(target)}x: met` : `<= ${String(target)}x: MISSED`;
  rows.push([name, format(result.library), format(result.inline), `${ratio.toFixed(2)}x`, verdict]);
  console.error(`  ${name}: ${ratio.toFixed(2)}x`);
}

// ---- per-call guardrails ------------------------------------------------------------------------

const budgetInput = { currentSpend: 920, budgetLimit: 1000 };
await measure(
  'checkBudget',
  () => lib.checkBudget(budgetInput),
  () => inline.checkBudget(budgetInput),
  1.5,
);

const breakerInput = { consecutiveFailures: 2, failureThreshold: 3 };
await measure(
  'evaluateCircuitBreaker',
  () => lib.evaluateCircuitBreaker(breakerInput),
  () => inline.evaluateCircuitBreaker(breakerInput),
);

const config = { failureThreshold: 3, cooldown: 30, halfOpenMaxProbes: 1 };
const events = [
  { type: 'request', at: 1 },
  { type: 'failure', at: 2 },
  { type: 'request', at: 3 },
  { type: 'success', at: 4 },
];
let libraryState = lib.createBreakerState();
let inlineState = inline.createBreakerState();
let turn = 0;
await measure(
  'stepBreaker',
  () => {
    libraryState = lib.stepBreaker(libraryState, events[turn++ & 3], config).state;
  },
  () => {
    inlineState = inline.stepBreaker(inlineState, events[turn++ & 3], config).state;
  },
  3,
);

const signals = {
  budget: lib.checkBudget(budgetInput),
  anomaly: lib.checkAnomalySpike([100, 100, 400]),
  burnRate: lib.checkBurnRate([100, 100, 200]),
  forecast: lib.forecastBudgetBreach({ currentSpend: 400, budgetLimit: 1000, periodsElapsed: 10, totalPeriods: 30 }),
};
await measure(
  'evaluateSpendPolicy',
  () => lib.evaluateSpendPolicy(signals),
  () => inline.evaluateSpendPolicy(signals),
);

// ---- series -------------------------------------------------------------------------------------

const sizes = quick ? [1e2, 1e4, 1e6] : [1e2, 1e4, 1e6];
const seriesOf = (length) => Float64Array.from({ length }, (_, index) => 100 + ((index * 7919) % 97) + (index % 7 === 0 ? 40 : 0));
for (const size of sizes) {
  const series = seriesOf(size);
  const label = `n = ${size.toExponential(0).replace('e+', 'e')}`;
  const target = size === 1e6 ? 1.3 : undefined;
  await measure(
    `checkAnomalySpike, ${label}`,
    () => lib.checkAnomalySpike(series),
    () => inline.meanSpike(series),
    target,
  );
  await measure(
    `checkBurnRate, ${label}`,
    () => lib.checkBurnRate(series),
    () => inline.meanSpike(series),
    target,
  );
  await measure(
    `checkAnomalyRobust mad, ${label}`,
    () => lib.checkAnomalyRobust(series),
    () => inline.sortHistory(series),
  );
  await measure(
    `checkAnomalyRobust percentile, ${label}`,
    () => lib.checkAnomalyRobust(series, { method: 'percentile' }),
    () => inline.sortHistory(series),
  );
}
const large = seriesOf(2e5);
await measure(
  'checkAnomalyRobust mad, n = 2e5, against one sort',
  () => lib.checkAnomalyRobust(large),
  () => inline.sortHistory(large),
  1,
);

// ---- shared state: the compare-and-set loop over an in-memory store (no I/O: the loop's own cost) ----

/** A store in memory, as a Durable Object or a test would keep it. */
function memoryStore() {
  let stored = { value: lib.createBreakerState(), version: 0 };
  return {
    load: () => stored,
    compareAndSet: (next, version) => version === stored.version && Boolean((stored = { value: next, version: version + 1 })),
  };
}
const sharedStores = { library: memoryStore(), inline: memoryStore() };
let sharedTurn = 0;
const sharedStep = (state) => lib.stepBreaker(state, events[sharedTurn++ & 3], config);
await measure(
  'applyShared (stepBreaker, in memory)',
  () => lib.applyShared(sharedStores.library, sharedStep),
  () => inline.applyShared(sharedStores.inline, sharedStep),
);

// ---- cold import --------------------------------------------------------------------------------

/**
 * Median wall time, in ms, of starting Node and loading the package, over `count` interleaved runs of each
 * variant: an empty process; a process importing an empty ES module, and one requiring an empty CommonJS
 * file (the cost of each module loader, which any package loaded that way pays); and the same importing or
 * requiring cloudcircuit by name.
 */
function coldStart(count) {
  const scratch = mkdtempSync(join(tmpdir(), 'cloudcircuit-bench-'));
  const floor = join(scratch, 'empty.mjs');
  const cjsFloor = join(scratch, 'empty.cjs');
  writeFileSync(floor, 'export {};\n');
  writeFileSync(cjsFloor, '\n');
  const variants = {
    empty: ['-e', ''],
    loader: ['--input-type=module', '-e', `import ${JSON.stringify(pathToFileURL(floor).href)};`],
    import: ['--input-type=module', '-e', "import 'cloudcircuit';"],
    requireFloor: ['-e', `require(${JSON.stringify(cjsFloor)});`],
    require: ['-e', "require('cloudcircuit');"],
  };
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let index = 0; index < count; index++) {
    for (const [name, args] of Object.entries(variants)) {
      const start = process.hrtime.bigint();
      execFileSync(process.execPath, args, { cwd: process.cwd() });
      times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
}
const cold = coldStart(quick ? 15 : 40);
const addedByImport = cold.import - cold.loader;
const addedByRequire = cold.require - cold.requireFloor;

console.log(
  `\ncloudcircuit bench on Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${String(cpus().length)} cores)${quick ? ', --quick' : ''}\n`,
);
console.log('| guardrail | cloudcircuit | inline | ratio | target |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(
  `\nCold start (medians): an empty Node process ${cold.empty.toFixed(1)} ms; importing an empty ES module ${cold.loader.toFixed(1)} ms (the loader's own cost); ` +
    `import 'cloudcircuit' ${cold.import.toFixed(1)} ms, so ${addedByImport.toFixed(2)} ms added by the package; ` +
    `requiring an empty CommonJS file ${cold.requireFloor.toFixed(1)} ms; require('cloudcircuit') ${cold.require.toFixed(1)} ms, ${addedByRequire.toFixed(2)} ms added ` +
    `(target < 2 ms: ${Math.max(addedByImport, addedByRequire) < 2 ? 'met' : 'MISSED'}).`,
);
