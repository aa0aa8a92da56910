// The cases every runtime must agree on, run here against the source; the package test and the
// runtime matrix run the same list against the built package.

import { describe, expect, test } from 'vitest';
import * as lib from '../src/index.js';
import { cases } from './shared/cases.js';
import { runCases } from './shared/run-cases.js';

const outcomes = await runCases(lib, cases);

describe('the shared cases', () => {
  test('cover every exported function', () => {
    const exported = Object.keys(lib).filter((name) => typeof (lib as Record<string, unknown>)[name] === 'function');
    expect(new Set(cases.map((c) => c.fn))).toEqual(new Set(exported));
  });

  test.each(outcomes)('$name', ({ detail }) => {
    expect(detail).toBe('ok');
  });
});
