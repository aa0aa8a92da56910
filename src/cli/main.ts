/**
 * The `cloudcircuit` binary: connects {@link run} to the real process.
 *
 * @packageDocumentation
 */

import { readFile } from 'node:fs/promises';
import { run } from './run.js';

/**
 * Reads all of standard input.
 *
 * @returns the text, as UTF-8.
 */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  readStdin,
  stdinIsTTY: process.stdin.isTTY,
  stdoutIsTTY: process.stdout.isTTY,
  env: process.env,
});
