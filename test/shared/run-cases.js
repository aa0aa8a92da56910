// Runs the shared cases against one loaded copy of the library and reports each outcome. Plain ESM with
// no imports, so every runtime can use it; the caller decides how to report the outcomes.

/**
 * @typedef {{ name: string, ok: boolean, detail: string }} Outcome
 */

/**
 * Compares two JSON-friendly values exactly (numbers with Object.is).
 * @param {unknown} actual
 * @param {unknown} expected
 * @returns {boolean}
 */
function same(actual, expected) {
  if (typeof expected !== 'object' || expected === null) return Object.is(actual, expected);
  if (typeof actual !== 'object' || actual === null) return false;
  const a = /** @type {Record<string, unknown>} */ (actual);
  const e = /** @type {Record<string, unknown>} */ (expected);
  const keys = Object.keys(e);
  return Object.keys(a).length === keys.length && keys.every((key) => Object.hasOwn(a, key) && same(a[key], e[key]));
}

/**
 * Runs the cases one after another (a case whose function returns a promise is awaited).
 * @param {import('./cases.js').Lib} lib - the module namespace or CommonJS exports of cloudcircuit.
 * @param {readonly import('./cases.js').Case[]} cases
 * @returns {Promise<Outcome[]>}
 */
export async function runCases(lib, cases) {
  /** @type {Outcome[]} */
  const outcomes = [];
  for (const c of cases) {
    const fn = lib[c.fn];
    if (typeof fn !== 'function') {
      outcomes.push({ name: c.name, ok: false, detail: `${c.fn} is not exported` });
      continue;
    }
    try {
      const result = await /** @type {(...args: unknown[]) => unknown} */ (fn)(...(typeof c.args === 'function' ? c.args(lib) : c.args));
      if ('error' in c) {
        outcomes.push({ name: c.name, ok: false, detail: `expected RangeError, got ${JSON.stringify(result)}` });
        continue;
      }
      const ok = same(result, c.expected) && Object.isFrozen(result);
      outcomes.push({ name: c.name, ok, detail: ok ? 'ok' : `got ${JSON.stringify(result)} (frozen: ${String(Object.isFrozen(result))})` });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const ok = 'error' in c && error instanceof RangeError && message === c.error;
      outcomes.push({ name: c.name, ok, detail: ok ? 'ok' : `threw ${error instanceof Error ? error.name : typeof error}: ${message}` });
    }
  }
  return outcomes;
}
