/**
 * Shared input validation. Every error message of the library is made here, in one pattern:
 * "Expected `name` to be RULE, got VALUE." Every helper throws a `RangeError`, never anything else:
 * values are described without calling user code (no `toString`, no `valueOf`), each property is read
 * once, and any exception user code throws while being read (a getter, a proxy trap) becomes a
 * `RangeError` too.
 *
 * @internal
 * @packageDocumentation
 */

const MAX_SHOWN = 40;

/**
 * Renders a received value for an error message without calling any user code.
 *
 * @param value - the value received.
 * @returns a short description: numbers as written (`NaN`, `-0`), strings quoted and cut, objects by kind.
 */
export function describe(value: unknown): string {
  const type = typeof value;
  if (type === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (type === 'string') return `the string ${quote(value as string)}`;
  if (type === 'bigint') return `the bigint ${String(value)}n`;
  if (type === 'symbol' || type === 'function') return `a ${type}`;
  // null, booleans and undefined as written; objects by kind
  return type !== 'object' || value === null ? String(value) : isArray(value) ? 'an array' : 'an object';
}

/**
 * `Array.isArray` that never throws (it throws for a revoked proxy).
 *
 * @param value - any value.
 * @returns whether `value` is an array, false when that cannot be told.
 */
function isArray(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Quotes a string for a message, cut to a readable length.
 *
 * @param text - the string.
 * @returns the JSON-quoted string, its first 40 characters and its length when longer.
 */
function quote(text: string): string {
  return text.length > MAX_SHOWN ? `${JSON.stringify(text.slice(0, MAX_SHOWN))}… (length ${String(text.length)})` : JSON.stringify(text);
}

/**
 * Makes the library's one kind of error.
 *
 * @param name - the parameter with its path, e.g. `spendSeries[3]` or `options.minBaseline`.
 * @param rule - what was expected, e.g. `a finite number >= 0`.
 * @param got - the description of what was received.
 * @returns a `RangeError` with the message "Expected `name` to be RULE, got GOT."
 */
export function invalid(name: string, rule: string, got: string): RangeError {
  return new RangeError(`Expected \`${name}\` to be ${rule}, got ${got}.`);
}

/**
 * Returns `value` when it is a finite number within the bounds, else throws.
 *
 * @param value - the value to check.
 * @param name - the parameter's name for the message.
 * @param min - the lower bound.
 * @param minExclusive - true for `> min`, false for `>= min`.
 * @param max - the upper bound (default none).
 * @param maxExclusive - true for `< max`, false for `<= max` (default).
 * @returns the number, with -0 read as 0.
 * @throws RangeError when `value` is not a number, not finite, or out of bounds.
 */
export function finiteNumber(
  value: unknown,
  name: string,
  min: number,
  minExclusive: boolean,
  max: number = Infinity,
  maxExclusive: boolean = false,
): number {
  if (
    typeof value === 'number' &&
    (minExclusive ? value > min : value >= min) &&
    (maxExclusive ? value < max : value <= max) &&
    value !== Infinity
  ) {
    return value + 0; // -0 becomes 0
  }
  const upper = max === Infinity ? '' : ` and ${maxExclusive ? '<' : '<='} ${String(max)}`;
  throw invalid(name, `a finite number ${minExclusive ? '>' : '>='} ${String(min)}${upper}`, describe(value));
}

/**
 * Returns `value` when it is one of `choices`, else throws.
 *
 * @param value - the value to check.
 * @param name - the parameter's name for the message.
 * @param choices - the accepted strings.
 * @returns the value, typed as one of the choices.
 * @throws RangeError when `value` is not one of `choices`.
 */
export function oneOf<T extends string>(value: unknown, name: string, choices: readonly T[]): T {
  if ((choices as readonly unknown[]).includes(value)) {
    return value as T;
  }
  throw invalid(name, `one of ${choices.map((choice) => `'${choice}'`).join(', ')}`, describe(value));
}

/**
 * Returns `value` when it is a safe integer `>= min`, else throws.
 *
 * @param value - the value to check.
 * @param name - the parameter's name for the message.
 * @param min - the inclusive lower bound.
 * @returns the integer.
 * @throws RangeError when `value` is not a safe integer `>= min`.
 */
export function safeInteger(value: unknown, name: string, min: number): number {
  if (Number.isSafeInteger(value) && (value as number) >= min) {
    return value as number;
  }
  throw invalid(name, `a safe integer >= ${String(min)}`, describe(value));
}

/**
 * Returns `value` when it is a boolean, else throws.
 *
 * @param value - the value to check.
 * @param name - the parameter's name for the message.
 * @returns the boolean.
 * @throws RangeError when `value` is not a boolean.
 */
export function bool(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  throw invalid(name, 'a boolean', describe(value));
}

/**
 * Returns `value` when it is a non-empty string, else throws.
 *
 * @param value - the value to check.
 * @param name - the parameter's name for the message.
 * @returns the string.
 * @throws RangeError when `value` is not a string or is empty.
 */
export function text(value: unknown, name: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw invalid(name, 'a non-empty string', describe(value));
}

/**
 * Reads the allowed own properties of a plain object, rejecting anything else.
 *
 * Accepts objects whose prototype is `Object.prototype` (of any realm) or `null`. Rejects arrays, class
 * instances, non-objects and unknown keys (so a typo never falls back to a default). Only own properties
 * are read, each once: a polluted `Object.prototype` changes nothing. Symbol keys are passed over.
 *
 * @param value - the object received.
 * @param name - its name for messages (`input`, `options`).
 * @param keys - every allowed key (with `exact` false: every key read).
 * @param optional - true when `value` may be undefined (all fields then read as undefined).
 * @param exact - true (default) to reject keys not in `keys`; false to pass over them unread (for reading results).
 * @returns the value of each key of `keys`, in that order (undefined where absent): destructure it.
 * @throws RangeError when `value` is not a plain object, has an unknown key, or throws while being read.
 */
export function readFields<const K extends readonly string[]>(
  value: unknown,
  name: string,
  keys: K,
  optional: boolean,
  exact: boolean = true,
): { -readonly [I in keyof K]: unknown } {
  const values = new Array<unknown>(keys.length);
  if (value === undefined && optional) return values as { -readonly [I in keyof K]: unknown };
  if (typeof value !== 'object' || value === null) {
    throw invalid(name, 'a plain object', describe(value));
  }
  try {
    const proto: unknown = Object.getPrototypeOf(value);
    // Object.prototype, or null, or the Object.prototype of another realm (an iframe, a vm context)
    if (proto !== Object.prototype && proto !== null && (Array.isArray(value) || Object.getPrototypeOf(proto) !== null)) {
      throw invalid(name, 'a plain object', Array.isArray(value) ? 'an array' : 'an instance of a class');
    }
    if (exact) {
      for (const key of Object.keys(value)) {
        if (!keys.includes(key)) throw invalid(name, `an object with only the keys ${keys.join(', ')}`, `unknown key ${quote(key)}`);
      }
    }
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      values[index] = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    }
  } catch (error) {
    throw unreadable(error, name);
  }
  return values as { -readonly [I in keyof K]: unknown };
}

/**
 * Turns whatever was thrown while reading a caller's value into a `RangeError`.
 *
 * @param error - what was thrown.
 * @param name - the parameter being read.
 * @returns `error` itself when it is already a `RangeError`, else a new `RangeError` naming `name`.
 */
export function unreadable(error: unknown, name: string): RangeError {
  return error instanceof RangeError ? error : invalid(name, 'readable', 'an exception while reading it');
}
