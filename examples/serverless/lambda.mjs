// An AWS Lambda handler (Node.js, ESM) that starts a costly batch job only while spend and the breaker
// allow it. Invoke it with { "monthToDate": 4210.5, "budget": 5000, "rows": 1200 }.

import { gate, memoryStore } from './gate.mjs';

// Module scope survives warm invocations of one instance; many instances need a shared store (gate.mjs).
const store = memoryStore();

/**
 * @typedef {{ monthToDate: number, budget: number, rows: number }} GateEvent
 */

/**
 * The expensive operation: here it prices a batch of rows; in real life it would call a model or a cluster.
 * @param {GateEvent} event
 */
async function startBatchJob(event) {
  if (!Number.isSafeInteger(event.rows) || event.rows <= 0) throw new Error('rows must be a positive integer');
  return { jobId: `batch-${event.rows}`, estimatedCost: Math.round(event.rows * 0.0125 * 100) / 100 };
}

/**
 * @param {GateEvent} event
 * @returns {Promise<{ statusCode: number, headers: Record<string, string>, body: string }>}
 */
export const handler = async (event) => {
  const answer = await gate({
    store,
    now: Date.now(),
    monthToDate: event.monthToDate,
    budget: event.budget,
    operation: () => startBatchJob(event),
  });
  return { statusCode: answer.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer.body) };
};
