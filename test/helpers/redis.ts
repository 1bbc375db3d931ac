/**
 * A throwaway `redis-server` for tests: loopback only, no persistence, on a free port that stays
 * the same across `stop()`/`start()` so clients reconnect to the "restarted" server.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';

export interface RunningRedis {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Starts the server again after `stop()` (same port, empty data). */
  start(): Promise<void>;
  /** Stops the server and waits for the process to exit. Safe to call twice. */
  stop(): Promise<void>;
  /** `stop()` then `start()`. */
  restart(): Promise<void>;
}

export interface StartRedisOptions {
  /** @default '/usr/bin/redis-server' */
  binary?: string;
  /** How long to wait for the server to answer PING. @default 10000 */
  readyTimeoutMs?: number;
}

/**
 * Spawns `redis-server --port <free port> --bind 127.0.0.1 --save '' --appendonly no` and resolves
 * once it answers PING. Fails when the process exits first or does not answer in time.
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RunningRedis> {
  const binary = options.binary ?? '/usr/bin/redis-server';
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    if (child !== undefined) return;
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--logfile',
      '',
    ];
    const spawned = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4000);
    };
    spawned.stdout?.on('data', keep);
    spawned.stderr?.on('data', keep);
    const exited = once(spawned, 'exit').then(() => {
      throw new Error(`redis-server exited before it was ready:\n${output}`);
    });
    exited.catch(() => {});
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await Promise.race([ping(port), exited]))) {
      if (Date.now() > deadline) {
        spawned.kill('SIGKILL');
        throw new Error(`redis-server did not answer PING within ${readyTimeoutMs} ms:\n${output}`);
      }
      // Poll-with-timeout: the server takes a few ms to bind.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const stop = async (): Promise<void> => {
    const current = child;
    if (current === undefined) return;
    child = undefined;
    if (current.exitCode !== null || current.signalCode !== null) return;
    const exited = once(current, 'exit');
    current.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('No port assigned');
  return address.port;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
