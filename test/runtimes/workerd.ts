// Runs workerd (Cloudflare's Workers runtime) on 127.0.0.1 with two workers: one runs the shared cases
// against the packed ESM build, the other is examples/serverless/worker.mjs. workerd does not read
// package exports maps, so the config names the module file itself.

import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { root, runtimes } from './consumer.js';

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        done(port);
      });
    });
  });
}

export interface Workerd {
  /** The base URL of the worker that runs the shared cases. */
  cases: string;
  /** The base URL of examples/serverless/worker.mjs. */
  example: string;
  stop: () => void;
}

/**
 * Starts workerd with both workers, and waits until they answer.
 *
 * @param consumer - the scratch project with the tarball installed (from makeConsumer).
 * @returns their URLs and a stop function.
 */
export async function startWorkerd(consumer: string): Promise<Workerd> {
  const [casesPort, examplePort] = [await freePort(), await freePort()];
  copyFileSync(join(root, 'examples/serverless/worker.mjs'), join(consumer, 'example-worker.mjs'));
  copyFileSync(join(root, 'examples/serverless/gate.mjs'), join(consumer, 'gate.mjs'));
  writeFileSync(
    join(consumer, 'cases-worker.mjs'),
    `import * as lib from 'cloudcircuit';
import { cases } from './cases.mjs';
import { runCases } from './run-cases.mjs';
export default { async fetch() { return Response.json(await runCases(lib, cases)); } };
`,
  );
  const build = 'node_modules/cloudcircuit/dist/index.js';
  writeFileSync(
    join(consumer, 'workerd.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "cases", worker = .casesWorker), (name = "example", worker = .exampleWorker) ],
  sockets = [
    (name = "cases", address = "127.0.0.1:${String(casesPort)}", http = (), service = "cases"),
    (name = "example", address = "127.0.0.1:${String(examplePort)}", http = (), service = "example"),
  ],
);
const casesWorker :Workerd.Worker = (
  modules = [
    (name = "cases-worker.mjs", esModule = embed "cases-worker.mjs"),
    (name = "cases.mjs", esModule = embed "cases.mjs"),
    (name = "run-cases.mjs", esModule = embed "run-cases.mjs"),
    (name = "cloudcircuit", esModule = embed "${build}"),
  ],
  compatibilityDate = "2026-11-01",
);
const exampleWorker :Workerd.Worker = (
  modules = [
    (name = "example-worker.mjs", esModule = embed "example-worker.mjs"),
    (name = "gate.mjs", esModule = embed "gate.mjs"),
    (name = "cloudcircuit", esModule = embed "${build}"),
  ],
  compatibilityDate = "2026-11-01",
);
`,
  );
  const child: ChildProcess = spawn(join(runtimes, '.bin/workerd'), ['serve', join(consumer, 'workerd.capnp')], {
    cwd: consumer,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const cases = `http://127.0.0.1:${String(casesPort)}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(cases);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`workerd did not start: ${log}`);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  return { cases, example: `http://127.0.0.1:${String(examplePort)}`, stop: () => child.kill() };
}
