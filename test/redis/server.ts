// Starts and stops a real redis-server (Debian's package; REDIS_SERVER names another binary) on 127.0.0.1.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free TCP port on 127.0.0.1, as the kernel hands one out. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Whether a Redis server answers PING on `port`. */
export async function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => socket.destroy());
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => {
      resolve(false);
    });
    socket.once('close', () => {
      resolve(false);
    });
  });
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server at once (SIGKILL), as a crash would; resolves when it has exited. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data directory; resolves when it answers. */
  restart(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open and nothing answers, as in a network partition. */
  freeze(): Promise<void>;
  /** Lets a frozen server go on (SIGCONT). */
  thaw(): Promise<void>;
  /** Stops it for good and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * Starts redis-server on a free port. Durable: every write is appended to a log and fsynced before Redis
 * answers (`appendfsync always`), so a crash loses no acknowledged write.
 */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cloudcircuit-redis-'));
  const binary = process.env['REDIS_SERVER'] ?? 'redis-server';
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'];
  args.push('--appendfsync', 'always', '--daemonize', 'no', '--loglevel', 'warning');
  let child: ChildProcess | undefined;

  const launch = async () => {
    const started = spawn(binary, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child = started;
    const failed = new Promise<never>((_, reject) => {
      started.once('error', reject);
      started.once('exit', (code) => {
        reject(new Error(`redis-server exited with ${String(code)}`));
      });
    });
    failed.catch(() => undefined);
    for (let tries = 0; tries < 200; tries++) {
      if (await Promise.race([ping(port), failed])) return;
      await sleep(25);
    }
    throw new Error(`redis-server did not answer on port ${String(port)}`);
  };
  const halt = async (signal: NodeJS.Signals) => {
    child?.kill('SIGCONT'); // a frozen server cannot act on SIGTERM
    const running = child;
    if (running === undefined) return;
    if (running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${String(port)}`,
    crash: () => halt('SIGKILL'),
    restart: launch,
    freeze: async () => {
      child?.kill('SIGSTOP');
      await Promise.resolve();
    },
    thaw: async () => {
      child?.kill('SIGCONT');
      await Promise.resolve();
    },
    async stop() {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
