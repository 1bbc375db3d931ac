import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCompletedBrandJob } from '../helpers/simulator-requests.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  url: string;
  simulatorUrl: string;
  demoKey: string;
}

/** Starts `src/main.ts` the way `npm start` does, on port 0 with the embedded simulator. */
function startMain() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PI_BASE_URL: '',
      PI_API_KEY: '',
      PI_SIM_STEP_MS: '10',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  // Resolves from the printed lines (no sleeping): the URL line, then the simulator line.
  const started = new Promise<Started>((resolve, reject) => {
    let url: string | undefined;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      output.push(line);
      url ??= /^GraphQL gateway: (http:\/\/\S+)$/.exec(line)?.[1];
      const simulator = /^Embedded Pi simulator: (http:\/\/\S+) \(demo key: (\S+)\)$/.exec(line);
      if (url !== undefined && simulator?.[1] !== undefined && simulator[2] !== undefined) {
        resolve({ url, simulatorUrl: simulator[1], demoKey: simulator[2] });
      }
    });
    void exited.then(([code]) =>
      reject(new Error(`main exited with ${code} before it started:\n${output.join('\n')}`)),
    );
  });
  return { child, started, exited, output };
}

const main = startMain();
afterAll(() => {
  if (main.child.exitCode === null) main.child.kill('SIGKILL');
});

describe('npm start (src/main.ts)', () => {
  it('should print its GraphQL URL, the simulator URL and the demo key, serve queries, and exit 0 on SIGTERM', async () => {
    const { url, simulatorUrl, demoKey } = await main.started;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(url).not.toMatch(/:0\//);
    expect(demoKey).toBe('pi_test_alpha');

    const sim = { url: simulatorUrl, keys: { alpha: demoKey }, stop: async () => {} };
    const { jobId } = await createCompletedBrandJob(sim, 'alpha', 'https://main-test.example');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demoKey}` },
      body: JSON.stringify({ query: `{ job(id: "${jobId}") { status brand { name } } }` }),
    });
    expect(await response.json()).toMatchObject({
      data: { job: { status: 'COMPLETED', brand: { name: 'main-test.example' } } },
    });

    main.child.kill('SIGTERM');
    const [code, signal] = await main.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(main.output.join('\n')).not.toMatch(/"level":"error"/);
  });
});
