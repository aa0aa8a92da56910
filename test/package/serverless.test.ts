// examples/serverless/lambda.mjs called as Lambda would call it (it imports the built package by name).
// The Worker twin runs under workerd in the runtime matrix.

import { describe, expect, test } from 'vitest';
import { gate } from '../../examples/serverless/gate.mjs';
import { handler } from '../../examples/serverless/lambda.mjs';

const invoke = async (event: object) => {
  const response = await handler(event as Parameters<typeof handler>[0]);
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
};

describe('the Lambda spend gate', () => {
  test('runs the job while spend is within budget, and says when it is close', async () => {
    expect(await invoke({ monthToDate: 1200, budget: 5000, rows: 800 })).toEqual({
      status: 200,
      body: {
        action: 'allow',
        reasons: [],
        summary: 'Within limits: spend 1,200.00 is 24% of the 5,000.00 budget.',
        result: { jobId: 'batch-800', estimatedCost: 10 },
      },
    });
    expect(await invoke({ monthToDate: 4700, budget: 5000, rows: 10 })).toMatchObject({
      status: 200,
      body: { action: 'throttle', reasons: ['budget-warning'] },
    });
  });

  test('refuses the job over budget (429), and on bad input (400) instead of running it', async () => {
    expect(await invoke({ monthToDate: 5200, budget: 5000, rows: 10 })).toMatchObject({
      status: 429,
      body: { action: 'block', reasons: ['budget-breached'] },
    });
    expect(await invoke({ monthToDate: '4210', budget: 5000, rows: 10 })).toMatchObject({
      status: 400,
      body: { action: 'block', summary: 'Expected `currentSpend` to be a finite number >= 0, got the string "4210".' },
    });
  });

  test('after 3 failures in a row the breaker refuses (503) until its cooldown passes', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await invoke({ monthToDate: 100, budget: 5000, rows: 0 })).toMatchObject({
        status: 502,
        body: { error: 'rows must be a positive integer' },
      });
    }
    const refused = await invoke({ monthToDate: 100, budget: 5000, rows: 10 });
    expect(refused).toMatchObject({ status: 503, body: { action: 'block', reasons: ['breaker-open'] } });
    expect(refused.body['retryAfter']).toBeGreaterThan(29_000);
  });

  test('when the breaker store fails or hangs, the gate refuses (503) without running the job', async () => {
    let ran = 0;
    const operation = () => Promise.resolve(ran++);
    const down = { load: () => Promise.reject(new Error('ECONNREFUSED')), compareAndSet: () => Promise.resolve(false) };
    const hanging = { load: () => new Promise<never>(() => undefined), compareAndSet: () => Promise.resolve(false) };
    for (const store of [down, hanging]) {
      expect(await gate({ store, now: 1_000, monthToDate: 100, budget: 5000, operation })).toEqual({
        status: 503,
        body: { action: 'block', reasons: ['breaker-unavailable'], summary: 'Breaker state unavailable.', retryAfter: 1_000 },
      });
    }
    expect(ran).toBe(0);
  });
});
