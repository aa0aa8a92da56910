// A compare-and-set store over Redis for cloudcircuit's applyShared: the few lines of glue that let many
// processes, containers or serverless instances share one breaker (or budget-alert tracker).
//
// Key layout: one Redis hash per shared state, e.g. `cloudcircuit:breaker:payments-api`, with two fields:
//   version  an integer, incremented by every write (a missing key is version 0: nothing written yet)
//   state    the state as JSON (stepBreaker and trackBudgetAlerts states are plain JSON)
// The write is one Lua script, which Redis runs atomically: it writes only if the version is still the one
// that was loaded, so of two instances that loaded the same version, one wins and the other retries.
// An optional TTL (refreshed by every write) lets an idle state expire back to `initial`; keep it far longer
// than your longest cooldown, or an expiring open breaker closes early.

import { createClient } from 'redis';

/** KEYS[1]: the hash; ARGV: the version loaded, the next state's JSON, the TTL in ms ('0': none). */
const COMPARE_AND_SET = `
if (redis.call('HGET', KEYS[1], 'version') or '0') ~= ARGV[1] then return 0 end
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'state', ARGV[2])
if ARGV[3] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1`;

/**
 * The store `applyShared` needs, over one Redis key.
 *
 * @template S
 * @param {{ hmGet(key: string, fields: string[]): Promise<(string | null)[]>, eval(script: string, options: { keys: string[], arguments: string[] }): Promise<unknown> }} client
 *   a connected node-redis client (`createClient`), or anything with these two methods.
 * @param {string} key - the hash that holds this state.
 * @param {{ initial: S, ttl?: number }} options - the state before the first write (`createBreakerState()`
 *   for a breaker, `undefined` for trackBudgetAlerts), and an optional TTL in ms.
 * @returns {{ load(): Promise<{ value: S, version: string }>, compareAndSet(next: S, version: string): Promise<boolean> }}
 */
export function redisStore(client, key, { initial, ttl = 0 }) {
  return {
    async load() {
      const [version, state] = await client.hmGet(key, ['version', 'state']);
      if (version === null || version === undefined || state === null || state === undefined) {
        return { value: initial, version: '0' };
      }
      let value;
      try {
        value = JSON.parse(state);
      } catch {
        // not JSON: pass the text on, for the step to reject (a RangeError), so that applyShared refuses
        // with cause 'invalid-state' instead of reading a corrupt key as a fresh state
        value = state;
      }
      return { value, version };
    },
    async compareAndSet(next, version) {
      const won = await client.eval(COMPARE_AND_SET, { keys: [key], arguments: [version, JSON.stringify(next), String(ttl)] });
      return won === 1;
    },
  };
}

/**
 * A node-redis client set up to fail fast: while Redis is down, commands are rejected at once instead of
 * queued (the decision is a refusal now, not a late answer), and the client keeps reconnecting in the
 * background, every 50 ms at first and at most every 500 ms.
 *
 * @param {string} url - e.g. `redis://127.0.0.1:6379`.
 * @param {(error: Error) => void} [onError] - connection errors (a client without a listener crashes the process).
 * @returns {Promise<import('redis').RedisClientType>} the connected client.
 */
export async function connectRedis(url, onError = () => undefined) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500) },
  });
  client.on('error', onError);
  await client.connect();
  return /** @type {import('redis').RedisClientType} */ (/** @type {unknown} */ (client));
}
