// The explorer as the real gateway serves it, without a browser: which requests get the page, which
// get GraphQL, what `EXPLORER` turns on and off, and that the explorer brings introspection with it
// in production (over HTTP and graphql-ws alike).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import type { FormattedExecutionResult } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loadConfig } from '../../src/config/index.js';
import type { GatewayConfig } from '../../src/config/index.js';
import { startGateway } from '../../src/gateway.js';
import type { RunningGateway } from '../../src/gateway.js';
import { quickstartTabs } from '../../src/server/explorer/index.js';
import type { ExplorerManifest, ExplorerPageConfig } from '../../src/server/explorer/index.js';

const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const MANIFEST: ExplorerManifest = {
  script: 'explorer-ABCD2345.js',
  style: 'explorer-EFGH6789.css',
  workers: {
    editor: 'workers/editor.worker-AAAA1111.js',
    json: 'workers/json.worker-BBBB2222.js',
    graphql: 'workers/graphql.worker-CCCC3333.js',
  },
};
const INTROSPECTION = '{ __schema { queryType { name } } }';

let assetsDir: string;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  // A stand-in build: the routes only need the manifest and the files it names.
  assetsDir = await mkdtemp(path.join(tmpdir(), 'pi-gateway-explorer-routes-'));
  await mkdir(path.join(assetsDir, 'workers'));
  await writeFile(path.join(assetsDir, 'manifest.json'), JSON.stringify(MANIFEST));
  for (const file of [MANIFEST.script, MANIFEST.style, ...Object.values(MANIFEST.workers)])
    await writeFile(path.join(assetsDir, file), 'void 0;');
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await rm(assetsDir, { recursive: true, force: true });
});

/** Starts the gateway on 127.0.0.1:0 from `env` (embedded simulator unless `PI_BASE_URL`). */
async function start(
  env: Record<string, string>,
  log: Array<{ level: string; message: string }> = [],
  dir: string = assetsDir,
): Promise<RunningGateway> {
  const config: GatewayConfig = { ...loadConfig(env), port: 0, host: '127.0.0.1', simStepMs: 20 };
  const gateway = await startGateway(config, {
    explorerAssetsDir: dir,
    log: (level, message) => log.push({ level, message }),
  });
  gateways.push(gateway);
  return gateway;
}

describe('the gateway with the explorer on (embedded simulator)', () => {
  let gateway: RunningGateway;
  let origin: string;
  const log: Array<{ level: string; message: string }> = [];

  beforeAll(async () => {
    gateway = await start({ NODE_ENV: 'development' }, log);
    origin = new URL(gateway.url).origin;
  });

  it('should report the explorer URL and log no warning when the assets are built', () => {
    expect(gateway.explorerUrl).toBe(`${origin}/graphiql`);
    expect(log.filter((entry) => entry.level === 'warn' || entry.level === 'error')).toEqual([]);
  });

  it('should serve the page at /graphiql with the demo key and the quickstart tabs', async () => {
    const response = await fetch(`${origin}/graphiql`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const config = readEmbeddedConfig(await response.text());
    expect(config.graphqlPath).toBe('/graphql');
    expect(JSON.parse(config.initialHeaders ?? '{}')).toEqual({
      Authorization: `Bearer ${gateway.demoKey}`,
    });
    expect(config.tabs).toEqual(quickstartTabs(gateway.demoKey));
  });

  it('should serve the built files of the page', async () => {
    const response = await fetch(`${origin}/explorer-assets/${MANIFEST.script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('should serve the page to a browser opening GET /graphql, with Vary: Accept', async () => {
    const response = await fetch(gateway.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('vary')).toBe('Accept');
    expect(await response.text()).toContain('<div id="explorer-root"></div>');
  });

  it('should answer GraphQL to GET /graphql with a query and a JSON Accept, with Vary: Accept', async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${gateway.demoKey}`,
        // Apollo's CSRF prevention wants a header a cross-site form cannot send.
        'apollo-require-preflight': 'true',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('vary')).toBe('Accept');
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('should answer GraphQL, not the page, to a browser Accept when the URL has a query', async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: {
        accept: BROWSER_ACCEPT,
        authorization: `Bearer ${gateway.demoKey}`,
        'apollo-require-preflight': 'true',
      },
    });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('vary')).toBe('Accept');
  });

  it('should still answer POST /graphql and route the webhooks path past the explorer', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        accept: BROWSER_ACCEPT,
        'content-type': 'application/json',
        authorization: `Bearer ${gateway.demoKey}`,
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
    // No PI_WEBHOOK_SECRET: the receiver answers 404 itself, as JSON.
    const webhook = await fetch(`${origin}/webhooks/pi`, { method: 'POST', body: '{}' });
    expect(webhook.status).toBe(404);
    expect(webhook.headers.get('content-type')).toContain('application/json');
  });
});

describe('the gateway with the explorer off', () => {
  it('should answer 404 at /graphiql and GraphQL to a browser at /graphql in production by default', async () => {
    const gateway = await start({ NODE_ENV: 'production' });
    const origin = new URL(gateway.url).origin;
    expect(gateway.explorerUrl).toBeUndefined();

    const page = await fetch(`${origin}/graphiql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('application/json');
    const assets = await fetch(`${origin}/explorer-assets/${MANIFEST.script}`);
    expect(assets.status).toBe(404);
    const endpoint = await fetch(gateway.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(endpoint.headers.get('content-type')).not.toContain('text/html');
    // Production without the explorer keeps introspection off.
    const introspection = await postAs(gateway, INTROSPECTION);
    expect(introspection.errors?.[0]?.message).toMatch(/introspection is not allowed/);
  });

  it('should answer 404 at /graphiql when EXPLORER=false in development', async () => {
    const gateway = await start({ NODE_ENV: 'development', EXPLORER: 'false' });
    const response = await fetch(`${new URL(gateway.url).origin}/graphiql`);
    expect(response.status).toBe(404);
  });
});

describe('the gateway with EXPLORER=true in production', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await start({ NODE_ENV: 'production', EXPLORER: 'true' });
  });

  it('should serve the page', async () => {
    const response = await fetch(gateway.explorerUrl ?? 'http://127.0.0.1:9/missing');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('should allow introspection over HTTP, which the page needs', async () => {
    const result = await postAs(gateway, INTROSPECTION);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('should allow introspection over graphql-ws too', async () => {
    const client = createClient({
      url: gateway.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${gateway.demoKey}` },
      retryAttempts: 0,
    });
    try {
      const results: unknown[] = [];
      for await (const result of client.iterate({ query: INTROSPECTION })) results.push(result);
      expect(results).toEqual([{ data: { __schema: { queryType: { name: 'Query' } } } }]);
    } finally {
      await client.dispose();
    }
  });
});

describe('the gateway with the explorer on but not built', () => {
  it('should log a hint to build it and answer 503 with the same hint', async () => {
    const log: Array<{ level: string; message: string }> = [];
    const gateway = await start(
      { NODE_ENV: 'development' },
      log,
      path.join(assetsDir, 'not-built'),
    );
    expect(log).toContainEqual({
      level: 'warn',
      message: expect.stringContaining('npm run build:explorer'),
    });
    const response = await fetch(`${new URL(gateway.url).origin}/graphiql`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:explorer');
  });
});

async function postAs(gateway: RunningGateway, query: string): Promise<FormattedExecutionResult> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.demoKey}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as FormattedExecutionResult;
}

function readEmbeddedConfig(html: string): ExplorerPageConfig {
  const match = /<script id="explorer-config" type="application\/json">(.*?)<\/script>/s.exec(html);
  if (!match?.[1]) throw new Error('The page has no embedded config.');
  return JSON.parse(match[1]) as ExplorerPageConfig;
}
