// The package as a user gets it: `npm pack`, installed from the tarball into a scratch project, then
// loaded through `import` and through `require` and run against the shared cases. Needs `npm run build`.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cases } from '../shared/cases.js';

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'cloudcircuit-consumer-'));
const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const node = (file: string): string => execFileSync(process.execPath, [file], { cwd: scratch, encoding: 'utf8' });

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
}

let packedFiles: string[] = [];
let esm: Outcome[] = [];
let cjs: Outcome[] = [];

beforeAll(() => {
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], root)) as [
    { filename: string; files: { path: string }[] },
  ];
  packedFiles = packed.files.map((file) => file.path).sort();
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(scratch, packed.filename)], scratch);
  for (const file of ['cases.js', 'run-cases.js'])
    copyFileSync(join(root, 'test/shared', file), join(scratch, file.replace('.js', '.mjs')));
  writeFileSync(
    join(scratch, 'esm.mjs'),
    `import * as lib from 'cloudcircuit';
import { cases } from './cases.mjs';
import { runCases } from './run-cases.mjs';
console.log(JSON.stringify(await runCases(lib, cases)));`,
  );
  writeFileSync(
    join(scratch, 'cjs.cjs'),
    `const lib = require('cloudcircuit');
if (require('cloudcircuit/package.json').name !== 'cloudcircuit') throw new Error('package.json is not exported');
Promise.all([import('./cases.mjs'), import('./run-cases.mjs')]).then(async ([{ cases }, { runCases }]) => {
  console.log(JSON.stringify(await runCases(lib, cases)));
});`,
  );
  esm = JSON.parse(node('esm.mjs')) as Outcome[];
  cjs = JSON.parse(node('cjs.cjs')) as Outcome[];
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  test('ships only the build, the README, the licence and package.json', () => {
    expect(packedFiles).toEqual([
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/cli.js.map',
      'dist/index.cjs',
      'dist/index.cjs.map',
      'dist/index.d.cts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.js.map',
      'package.json',
    ]);
  });

  test('has no runtime dependencies of any kind and no install scripts', () => {
    const manifest = JSON.parse(readFileSync(join(scratch, 'node_modules/cloudcircuit/package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies'])
      expect(manifest[field]).toBeUndefined();
    const scripts = (manifest['scripts'] ?? {}) as Record<string, unknown>;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts[hook]).toBeUndefined();
  });

  test('runs every shared case through both import and require', () => {
    expect(esm).toHaveLength(cases.length);
    expect(cjs).toHaveLength(cases.length);
  });

  test('installs the cloudcircuit command', () => {
    const bin = join(scratch, 'node_modules/.bin/cloudcircuit');
    const demo = execFileSync(bin, ['demo', '--format', 'json'], { encoding: 'utf8' });
    expect((JSON.parse(demo) as { action: string }).action).toBe('throttle');
  });

  test.each(cases.map((c, index) => [c.name, index] as const))('import: %s', (_, index) => {
    expect(esm[index]?.detail).toBe('ok');
  });

  test.each(cases.map((c, index) => [c.name, index] as const))('require: %s', (_, index) => {
    expect(cjs[index]?.detail).toBe('ok');
  });
});
