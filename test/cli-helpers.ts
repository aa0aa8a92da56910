// Helpers shared by the command-line tests: run() with the real file system and a fake terminal, and the
// message and exit code of a CliError.

import { readFile } from 'node:fs/promises';
import { CliError } from '../src/cli/errors.js';
import { run } from '../src/cli/run.js';

export interface FakeTerminal {
  stdin?: string;
  stdinIsTTY?: boolean;
  stdoutIsTTY?: boolean;
  env?: Record<string, string>;
  readStdin?: () => Promise<string>;
  readFile?: (path: string) => Promise<string>;
  stdout?: (text: string) => void;
}

/** Runs the command line in process and collects what it writes. */
export async function cli(args: string[], terminal: FakeTerminal = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, {
    stdout:
      terminal.stdout ??
      ((text) => {
        out += text;
      }),
    stderr: (text) => {
      err += text;
    },
    readFile: terminal.readFile ?? ((path) => readFile(path, 'utf8')),
    readStdin: terminal.readStdin ?? (() => Promise.resolve(terminal.stdin ?? '')),
    stdinIsTTY: terminal.stdinIsTTY ?? false,
    stdoutIsTTY: terminal.stdoutIsTTY ?? false,
    env: terminal.env ?? {},
  });
  return { code, out, err };
}

/** Runs `read`, expects a CliError, and returns its message and exit code. */
export function cliError(read: () => unknown): [string, number] {
  try {
    read();
  } catch (error) {
    if (error instanceof CliError) return [error.message, error.exitCode];
    throw error;
  }
  throw new Error('expected a CliError');
}
