// The documentation runs: every ```ts block of the README and every @example of the TSDoc in src/ is
// executed against the library, and each `expression; // value` line is checked as an assertion.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as lib from '../src/index.js';

const root = resolve(import.meta.dirname, '..');

/** Parses a comment as a JavaScript value, or returns undefined when it is prose. */
function expectedValue(comment: string): { value: unknown } | undefined {
  try {
    return { value: new Function(`return (${comment});`)() as unknown };
  } catch {
    return undefined;
  }
}

/** Rewrites a snippet into a function body: imports dropped, `expr; // value` lines made into checks. */
function instrument(code: string): { body: string; checks: number } {
  let checks = 0;
  const lines = code.split('\n').map((line) => {
    if (/^\s*import\s/.test(line)) return '';
    const match = /^(\s*)([^/].*?);\s*\/\/\s*(.+)$/.exec(line);
    if (!match || expectedValue(match[3] ?? '') === undefined || /^\s*(const|let|var|if|try|\}|for)\b/.test(match[2] ?? '')) return line;
    checks++;
    return `${match[1] ?? ''}__check(${match[2] ?? ''}, (${match[3] ?? ''}), ${JSON.stringify(line.trim())});`;
  });
  return { body: lines.join('\n'), checks };
}

/** Snippets may use top-level await, so they run as the body of an async function. */
async function sample(): Promise<void> {
  // only its constructor is used
}
const AsyncFunction = sample.constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

async function run(code: string): Promise<number> {
  const { body, checks } = instrument(code);
  const check = (actual: unknown, expected: unknown, line: string): void => {
    expect(actual, line).toStrictEqual(expected);
  };
  const names = Object.keys(lib);
  await new AsyncFunction(...names, '__check', body)(...names.map((name) => (lib as Record<string, unknown>)[name]), check);
  return checks;
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const readmeBlocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1] ?? '')
  .filter((code) => !/^\s*(export )?function /.test(code));

const examples = readdirSync(join(root, 'src'))
  .filter((file) => file.endsWith('.ts'))
  .flatMap((file) =>
    [...readFileSync(join(root, 'src', file), 'utf8').matchAll(/@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)].map((match, index) => ({
      name: `${file} example ${String(index + 1)}`,
      code: (match[1] ?? '').replace(/^\s*\* ?/gm, ''),
    })),
  );

describe('README', () => {
  test('has runnable TypeScript blocks', () => {
    expect(readmeBlocks.length).toBeGreaterThanOrEqual(5);
  });
  test.each(readmeBlocks.map((code, index) => [index + 1, code] as const))(
    'block %i runs and its annotated values hold',
    async (_, code) => {
      expect(await run(code)).toBeGreaterThan(0);
    },
  );
});

describe('TSDoc examples', () => {
  test('every exported function has one', () => {
    const functions = Object.entries(lib).filter(([, value]) => typeof value === 'function');
    expect(examples.length).toBeGreaterThanOrEqual(functions.length);
  });
  test.each(examples.map((example) => [example.name, example.code] as const))('%s runs and its annotated values hold', async (_, code) => {
    expect(await run(code)).toBeGreaterThan(0);
  });
});
