/**
 * Deep, frozen copies of JSON-like data read from the caller (signals, payloads), so a result never
 * shares a mutable object with its input and never freezes the caller's objects.
 *
 * @internal
 * @packageDocumentation
 */

import { describe, invalid, unreadable } from './validate.js';

const MAX_DEPTH = 8;

/**
 * Copies JSON-like data (numbers, strings, booleans, null, arrays and plain objects of them), freezing
 * every level of the copy.
 *
 * @param value - the data; only own enumerable string-keyed properties are read, each once (as `JSON.stringify` would).
 * @param name - its name for messages, extended with the path (`signals.breaker.state.trips`).
 * @param nonFiniteToNull - true to write NaN and ±Infinity as null (as `JSON.stringify` would).
 * @param depth - the current nesting depth.
 * @returns the frozen copy.
 * @throws RangeError for anything else (functions, symbols, bigints, undefined, class instances),
 *   nesting deeper than 8 levels, or a read that throws.
 */
export function frozenCopy(value: unknown, name: string, nonFiniteToNull: boolean, depth: number = 0): unknown {
  if (typeof value === 'number') return nonFiniteToNull && !Number.isFinite(value) ? null : value;
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value !== 'object' || depth >= MAX_DEPTH) {
    throw invalid(name, depth >= MAX_DEPTH ? `nested at most ${String(MAX_DEPTH)} levels deep` : 'JSON-like data', describe(value));
  }
  try {
    if (Array.isArray(value)) {
      return Object.freeze(
        Array.from(value as unknown[], (item, index) => frozenCopy(item, `${name}[${String(index)}]`, nonFiniteToNull, depth + 1)),
      );
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) throw invalid(name, 'JSON-like data', 'an instance of a class');
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      copy[key] = frozenCopy((value as Record<string, unknown>)[key], `${name}.${key}`, nonFiniteToNull, depth + 1);
    }
    return Object.freeze(copy);
  } catch (error) {
    throw unreadable(error, name);
  }
}
