// A Cloudflare Worker that gates an expensive fetch on spend and a circuit breaker.
// GET /?spent=4210.5&budget=5000  ->  JSON decision; the operation runs only when allowed.

import { gate, memoryStore } from './gate.mjs';

// One isolate's memory; to share the breaker between isolates, keep it in a Durable Object instead.
const store = memoryStore();

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const number = (name) => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : NaN);
    const answer = await gate({
      store,
      now: Date.now(),
      monthToDate: number('spent'),
      budget: number('budget'),
      // the expensive operation: a stand-in for a call to a paid upstream API
      operation: async () => ({ upstream: 'ok', path: url.pathname }),
    });
    return Response.json(answer.body, { status: answer.status });
  },
};
