// Size budgets, checked by `npm test`: the library bundled for the browser (esbuild, which tsup brings;
// minified, tree-shaken) and gzipped (zlib, level 9), for the whole package and for single features
// imported alone. Prints the figures as a Markdown table.
//
// `ceiling` is enforced: it is the size measured when it was set, rounded up, so any growth fails the
// test and has to be argued for. `target` is the goal set for the project; where the measured size is
// above it, the gap is printed, not hidden.

import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const entries = [
  { name: 'whole library', code: "export * from './dist/index.js';", ceiling: 6464, target: 4096, cockatiel: '5.6 KB (whole library)' }, // raised from 5888 for applyShared (+527 B), then for its unchanged-state read and the policy's 'breaker-unavailable' (+62 B)
  {
    name: 'breaker state machine',
    code: "export { createBreakerState, stepBreaker } from './dist/index.js';",
    ceiling: 1952,
    target: 1536,
    cockatiel: '2.8 KB (its circuit breaker)',
  },
  { name: 'checkBudget', code: "export { checkBudget } from './dist/index.js';", ceiling: 1040, target: 600, cockatiel: '-' },
];

/**
 * Bundles `code` (an entry importing from the build) as a browser would get it.
 * @param {string} code
 * @returns {Promise<{ min: number, gzipped: number }>}
 */
async function measure(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

const rows = [];
let over = 0;
for (const entry of entries) {
  const { min, gzipped } = await measure(entry.code);
  const verdict =
    gzipped > entry.ceiling ? 'OVER CEILING' : gzipped > entry.target ? `${gzipped - entry.target} B above target` : 'within target';
  if (gzipped > entry.ceiling) over++;
  rows.push(`| ${entry.name} | ${min} B | ${gzipped} B | ${entry.ceiling} B | ${entry.target} B | ${verdict} | ${entry.cockatiel} |`);
}
console.log(
  ['| import | min | min+gzip | ceiling | target | | cockatiel |', '| --- | ---: | ---: | ---: | ---: | --- | --- |', ...rows].join('\n'),
);
if (over > 0) {
  console.error(`${String(over)} size ceiling(s) exceeded: shrink the code, or raise the ceiling in scripts/size.mjs with a reason`);
  process.exitCode = 1;
}

// --marginal: what each export adds to the whole library (the whole, minus the whole without it): the code
// that is its own, however much of the shared code the others also use.
if (process.argv.includes('--marginal')) {
  const names = Object.keys(await import('../dist/index.js')).sort();
  const whole = (await measure(`export { ${names.join(', ')} } from './dist/index.js';`)).gzipped;
  const marginal = [];
  for (const name of names) {
    const rest = names.filter((other) => other !== name);
    marginal.push({ name, adds: whole - (await measure(`export { ${rest.join(', ')} } from './dist/index.js';`)).gzipped });
  }
  marginal.sort((a, b) => b.adds - a.adds);
  const own = marginal.reduce((sum, { adds }) => sum + adds, 0);
  console.log(
    ['', '| export | adds (min+gzip) |', '| --- | ---: |', ...marginal.map(({ name, adds }) => `| ${name} | ${adds} B |`)].join('\n'),
  );
  console.log(`| all exports' own code | ${own} B |\n| shared by several | ${whole - own} B |`);
}
