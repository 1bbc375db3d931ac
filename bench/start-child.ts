import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './ipc-messages.js';

export interface ChildOptions {
  /** A name for error messages, e.g. `gateway`. */
  name: string;
  /** Extra environment variables on top of this process's. */
  env?: Record<string, string>;
  /** Extra Node flags (e.g. `--expose-gc`), after the ones this process runs with (tsx's loader). */
  nodeFlags?: string[];
  /** How long the child may take to report ready. @default 30000 */
  readyTimeoutMs?: number;
}

export interface RunningChild<Ready> {
  readonly name: string;
  readonly pid: number;
  /** What the child reported when it was ready (e.g. its URL). */
  readonly ready: Ready;
  /** Sends a request to the child's handler of `type` and resolves with its answer. */
  call<T>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to stop and waits for it to exit (killing it after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Forks a bench script (a `.ts` file, loaded through the same tsx loader as this process) with an
 * IPC channel, and resolves once it reports ready (see `serveParent`).
 *
 * @throws when the child exits, fails or stays silent for `readyTimeoutMs` before reporting ready.
 */
export async function startChild<Ready>(
  script: URL,
  options: ChildOptions,
): Promise<RunningChild<Ready>> {
  const child = fork(fileURLToPath(script), [], {
    execArgv: [...process.execArgv, ...(options.nodeFlags ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      const error = new Error(`${options.name} exited (${signal ?? code}) with a request pending`);
      for (const request of pending.values()) request.reject(error);
      pending.clear();
      resolve();
    });
  });

  const ready = await waitForReady<Ready>(child, options, exit);
  child.on('message', (message: ChildMessage) => {
    if (message.kind !== 'reply') return;
    const request = pending.get(message.id);
    if (request === undefined) return;
    pending.delete(message.id);
    if (message.ok) request.resolve(message.value);
    else request.reject(new Error(`${options.name}: ${message.error}`));
  });

  const call = <T>(type: string, payload?: unknown, timeoutMs = 600_000): Promise<T> => {
    if (exited) return Promise.reject(new Error(`${options.name} has exited`));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${options.name} did not answer ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      const message: ParentMessage = { kind: 'call', id, type, payload };
      child.send(message);
    });
  };

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = 15_000): Promise<void> =>
    (stopping ??= (async () => {
      if (exited) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await call('stop', undefined, timeoutMs).catch(() => undefined);
      await exit;
      clearTimeout(killer);
    })());

  return { name: options.name, pid: child.pid ?? -1, ready, call, stop };
}

function waitForReady<Ready>(
  child: ChildProcess,
  options: ChildOptions,
  exit: Promise<void>,
): Promise<Ready> {
  return new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} did not report ready in time`));
    }, options.readyTimeoutMs ?? 30_000);
    const onMessage = (message: ChildMessage) => {
      if (message.kind === 'ready') {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message.value as Ready);
      } else if (message.kind === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${options.name} failed to start: ${message.error}`));
      }
    };
    child.on('message', onMessage);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited before it was ready`));
    });
  });
}
