// A scratch project with the packed tarball installed, as a user would have it, plus the runners that
// execute the shared cases in any runtime and print the outcomes as JSON.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const runtimes = resolve(root, '.ci/runtimes/node_modules');

/** One case's outcome, as test/shared/run-cases.js reports it. */
export interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Packs the package, installs the tarball into a new scratch project, and writes the runners there.
 *
 * @returns the scratch project's directory.
 */
export function makeConsumer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cloudcircuit-runtimes-'));
  const npm = (args: string[], cwd: string): string =>
    execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], root)) as [{ filename: string }];
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed.filename)], dir);
  copyFileSync(join(root, 'test/shared/cases.js'), join(dir, 'cases.mjs'));
  copyFileSync(join(root, 'test/shared/run-cases.js'), join(dir, 'run-cases.mjs'));
  writeFileSync(
    join(dir, 'run.mjs'),
    `import * as lib from 'cloudcircuit';
import { cases } from './cases.mjs';
import { runCases } from './run-cases.mjs';
console.log(JSON.stringify(await runCases(lib, cases)));
`,
  );
  writeFileSync(
    join(dir, 'run.cjs'),
    `const lib = require('cloudcircuit');
Promise.all([import('./cases.mjs'), import('./run-cases.mjs')]).then(async ([{ cases }, { runCases }]) => {
  console.log(JSON.stringify(await runCases(lib, cases)));
});
`,
  );
  return dir;
}

/**
 * Runs a runner in a runtime and reads its outcomes.
 *
 * @param command - the runtime's executable.
 * @param args - its arguments (the runner last).
 * @param cwd - the consumer directory.
 * @param env - extra environment.
 * @returns the outcomes.
 */
export function runIn(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Outcome[] {
  const out = execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    timeout: 60_000,
  });
  return JSON.parse(out) as Outcome[];
}
