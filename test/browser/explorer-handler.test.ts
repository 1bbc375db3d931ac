// The explorer's HTTP surface without a browser: which requests the handler takes, the page it
// renders, and how it serves (and refuses to serve) asset files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/index.js';
import {
  EXPLORER_CONTENT_SECURITY_POLICY,
  createExplorerHandler,
  ensureExplorerAssets,
  isHtmlPreferred,
  quickstartTabs,
} from '../../src/server/explorer/index.js';
import type {
  ExplorerHandlerOptions,
  ExplorerManifest,
  ExplorerPageConfig,
} from '../../src/server/explorer/index.js';

const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const NOT_HANDLED = 418;
const MANIFEST: ExplorerManifest = {
  script: 'explorer-ABCD2345.js',
  style: 'explorer-EFGH6789.css',
  workers: {
    editor: 'workers/editor.worker-AAAA1111.js',
    json: 'workers/json.worker-BBBB2222.js',
    graphql: 'workers/graphql.worker-CCCC3333.js',
  },
};

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let root: string;
let assetsDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pi-gateway-explorer-handler-'));
  assetsDir = path.join(root, 'explorer');
  await mkdir(path.join(assetsDir, 'workers'), { recursive: true });
  await mkdir(path.join(assetsDir, 'chunks.js'), { recursive: true });
  await mkdir(path.join(assetsDir, '.hidden'), { recursive: true });
  await writeFile(path.join(assetsDir, 'manifest.json'), JSON.stringify(MANIFEST));
  await writeFile(path.join(assetsDir, MANIFEST.script), 'console.log("explorer");');
  await writeFile(path.join(assetsDir, MANIFEST.style), 'body{margin:0}');
  for (const worker of Object.values(MANIFEST.workers))
    await writeFile(path.join(assetsDir, worker), 'void 0;');
  await writeFile(path.join(assetsDir, 'unhashed.js'), 'void 0;');
  await writeFile(path.join(assetsDir, 'notes.txt'), 'not an asset type');
  await writeFile(path.join(assetsDir, '.hidden', 'secret.js'), 'void 0;');
  await writeFile(path.join(root, 'outside.js'), 'must never be served');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('createExplorerHandler', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = await startHandlerServer({
      graphqlPath: '/graphql',
      assetsDir,
      title: 'Pi <Gateway> & "friends"',
      initialHeaders: '{"Authorization":"Bearer pi_test_alpha"}',
      tabs: [
        { query: '# </script><script>alert(1)</script>\n{ hello }', variables: '{"a":"\u2028"}' },
      ],
    });
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const get = (
    urlPath: string,
    headers: Record<string, string> = {},
    method = 'GET',
  ): Promise<RawResponse> => rawRequest(port, method, urlPath, headers);

  it('should serve the page at /graphiql with a strict Content-Security-Policy', async () => {
    const response = await get('/graphiql');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(EXPLORER_CONTENT_SECURITY_POLICY);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain(
      `<script type="module" src="/explorer-assets/${MANIFEST.script}"></script>`,
    );
    expect(response.body).toContain(
      `<link rel="stylesheet" href="/explorer-assets/${MANIFEST.style}">`,
    );
    expect(response.body).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('should allow only its own origin in the Content-Security-Policy', () => {
    const directives = EXPLORER_CONTENT_SECURITY_POLICY.split('; ');
    expect(directives).toContain("default-src 'none'");
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("connect-src 'self'");
    expect(directives).toContain("worker-src 'self'");
    expect(EXPLORER_CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
  });

  it('should embed the config as JSON that no value can break out of', async () => {
    const { body } = await get('/graphiql');
    expect(body).not.toContain('</script><script>alert(1)');
    expect(body).toContain('<title>Pi &lt;Gateway&gt; &amp; &quot;friends&quot;</title>');
    const config = readEmbeddedConfig(body);
    expect(config).toEqual({
      graphqlPath: '/graphql',
      initialHeaders: '{"Authorization":"Bearer pi_test_alpha"}',
      tabs: [
        { query: '# </script><script>alert(1)</script>\n{ hello }', variables: '{"a":"\u2028"}' },
      ],
      workerUrls: {
        editor: `/explorer-assets/${MANIFEST.workers.editor}`,
        json: `/explorer-assets/${MANIFEST.workers.json}`,
        graphql: `/explorer-assets/${MANIFEST.workers.graphql}`,
      },
    });
  });

  it('should serve the page when a browser opens the GraphQL path', async () => {
    const response = await get('/graphql', { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(response.headers.vary).toBe('Accept');
    expect(response.body).toContain('<div id="explorer-root"></div>');
  });

  it('should leave the GraphQL path to GraphQL for API clients, GET queries and POSTs', async () => {
    expect((await get('/graphql')).status).toBe(NOT_HANDLED);
    expect((await get('/graphql', { accept: '*/*' })).status).toBe(NOT_HANDLED);
    expect((await get('/graphql', { accept: 'application/json' })).status).toBe(NOT_HANDLED);
    expect((await get('/graphql', { accept: 'text/html;q=0.5, application/json' })).status).toBe(
      NOT_HANDLED,
    );
    expect((await get('/graphql?query=%7Bhello%7D', { accept: BROWSER_ACCEPT })).status).toBe(
      NOT_HANDLED,
    );
    expect((await get('/graphql', { accept: BROWSER_ACCEPT }, 'POST')).status).toBe(NOT_HANDLED);
    expect((await get('/graphiql', {}, 'POST')).status).toBe(NOT_HANDLED);
    expect((await get('/healthz', { accept: BROWSER_ACCEPT })).status).toBe(NOT_HANDLED);
  });

  it('should mark a GET of the GraphQL path it leaves to GraphQL as varying by Accept', async () => {
    const api = await get('/graphql?query=%7Bhello%7D', { accept: 'application/json' });
    expect(api.status).toBe(NOT_HANDLED);
    expect(api.headers.vary).toBe('Accept');
    expect(
      (await get('/graphql', { accept: BROWSER_ACCEPT }, 'POST')).headers.vary,
    ).toBeUndefined();
    expect((await get('/healthz', { accept: BROWSER_ACCEPT })).headers.vary).toBeUndefined();
  });

  it('should leave a request target that is not a URL to the router', async () => {
    expect((await get('http://[')).status).toBe(NOT_HANDLED);
    expect((await get('/graphiql')).status).toBe(200);
  });

  it('should answer HEAD like GET without a body', async () => {
    const response = await get('/graphiql', {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(Number(response.headers['content-length'])).toBeGreaterThan(0);
    expect(response.body).toBe('');
  });

  it('should serve built files with their content type and an immutable cache for hashed names', async () => {
    const script = await get(`/explorer-assets/${MANIFEST.script}`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect(script.body).toBe('console.log("explorer");');

    const style = await get(`/explorer-assets/${MANIFEST.style}`);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');

    const worker = await get(`/explorer-assets/${MANIFEST.workers.graphql}`);
    expect(worker.status).toBe(200);

    const unhashed = await get('/explorer-assets/unhashed.js');
    expect(unhashed.status).toBe(200);
    expect(unhashed.headers['cache-control']).toBe('no-cache');
  });

  it.each([
    ['an unknown file', '/explorer-assets/missing-ABCD2345.js'],
    ['a file type it does not serve', '/explorer-assets/notes.txt'],
    ['the manifest', '/explorer-assets/manifest.json'],
    ['a directory', '/explorer-assets/chunks.js'],
    ['the assets root', '/explorer-assets/'],
    ['a dot directory', '/explorer-assets/.hidden/secret.js'],
    ['an encoded slash', '/explorer-assets/..%2foutside.js'],
    ['an encoded backslash', '/explorer-assets/..%5coutside.js'],
    ['an encoded absolute path', '/explorer-assets/%2Fetc%2Fhostname.js'],
    ['a NUL byte', '/explorer-assets/unhashed.js%00.js'],
    ['a malformed escape', '/explorer-assets/%E0%A4%A.js'],
    ['an empty segment', '/explorer-assets/workers//editor.worker-AAAA1111.js'],
  ])('should answer 404 for %s', async (_what, urlPath) => {
    const response = await get(urlPath);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('must never be served');
  });

  it('should leave paths whose dot segments lead out of the assets prefix to the router', async () => {
    // URL parsing resolves `..` and `%2e%2e` segments first: these are requests for /outside.js.
    for (const urlPath of [
      '/explorer-assets/../outside.js',
      '/explorer-assets/%2e%2e/outside.js',
    ]) {
      const response = await get(urlPath);
      expect(response.status).toBe(NOT_HANDLED);
      expect(response.body).not.toContain('must never be served');
    }
  });

  it('should answer 503 with a build hint when the assets are not built', async () => {
    const unbuilt = await startHandlerServer({
      graphqlPath: '/graphql',
      assetsDir: path.join(root, 'nowhere'),
    });
    try {
      const response = await rawRequest(
        (unbuilt.address() as AddressInfo).port,
        'GET',
        '/graphiql',
        {},
      );
      expect(response.status).toBe(503);
      expect(response.body).toContain('npm run build:explorer');
    } finally {
      await new Promise<void>((resolve) => unbuilt.close(() => resolve()));
    }
  });
});

describe('isHtmlPreferred', () => {
  it.each([
    [BROWSER_ACCEPT, true],
    ['text/html', true],
    ['text/*, application/json;q=0.5', true],
    ['text/html;q=0.9, */*;q=0.1', true],
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['application/graphql-response+json, application/json;q=0.9', false],
    ['text/html, application/json', false],
    ['text/html;q=0, */*', false],
    ['text/html;q=abc, application/json;q=0.1', false],
    ['not a media type', false],
  ])('should tell whether %j prefers HTML (%s)', (accept, expected) => {
    expect(isHtmlPreferred(accept)).toBe(expected);
  });
});

describe('ensureExplorerAssets', () => {
  it('should be true when the manifest and every file it names exist', async () => {
    expect(await ensureExplorerAssets(assetsDir)).toBe(true);
  });

  it('should be false when the directory, the manifest or a named file is missing', async () => {
    expect(await ensureExplorerAssets(path.join(root, 'nowhere'))).toBe(false);
    const partial = path.join(root, 'partial');
    await mkdir(partial, { recursive: true });
    expect(await ensureExplorerAssets(partial)).toBe(false);
    await writeFile(path.join(partial, 'manifest.json'), JSON.stringify(MANIFEST));
    expect(await ensureExplorerAssets(partial)).toBe(false);
    await writeFile(path.join(partial, 'manifest.json'), '{"script": 1}');
    expect(await ensureExplorerAssets(partial)).toBe(false);
  });
});

describe('quickstartTabs', () => {
  it('should walk through extract, watch, read and project, and generate', () => {
    const tabs = quickstartTabs();
    expect(tabs.map((tab) => /(?:query|mutation|subscription) (\w+)/.exec(tab.query)?.[1])).toEqual(
      ['ExtractBrand', 'WatchJob', 'ReadBrand', 'GenerateImage'],
    );
    expect(tabs[0]?.query).toContain('extractBrand(input: { url: "https://example.com" })');
    expect(tabs[1]?.query).toMatch(
      /subscription WatchJob\(\$id: ID!\) \{\s+jobUpdated\(id: \$id\)/,
    );
    expect(JSON.parse(tabs[1]?.variables ?? '')).toHaveProperty('id');
    expect(tabs[2]?.query).toContain('brand(id: $brandId)');
    expect(tabs[2]?.query).toContain('projectBrand(input: { brandId: $brandId, useCase:');
    expect(tabs[2]?.query).toMatch(/projectBrand\([^)]*\) \{\s+projection \{[^}]*payload/);
    expect(tabs[3]?.query).toContain('generateImage(input: { prompt:');
    expect(tabs[3]?.query).toMatch(/job \{\s+id\s+status/);
    expect(tabs.every((tab) => tab.headers === undefined)).toBe(true);
  });

  it("should hold only operations that are valid against the gateway's schema", () => {
    const schema = createSchema();
    for (const tab of quickstartTabs()) {
      expect(validate(schema, parse(tab.query)).map((error) => error.message)).toEqual([]);
    }
  });

  it('should put the demo key in every tab when given one', () => {
    const tabs = quickstartTabs('pi_test_alpha');
    expect(tabs).toHaveLength(4);
    for (const tab of tabs)
      expect(JSON.parse(tab.headers ?? '')).toEqual({ Authorization: 'Bearer pi_test_alpha' });
  });
});

async function startHandlerServer(options: ExplorerHandlerOptions): Promise<Server> {
  const handle = createExplorerHandler(options);
  const server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(NOT_HANDLED).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

// node:http sends the path as written: fetch() would normalise `..` away before it left.
function rawRequest(
  port: number,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function readEmbeddedConfig(html: string): ExplorerPageConfig {
  const match = /<script id="explorer-config" type="application\/json">(.*?)<\/script>/s.exec(html);
  if (!match?.[1]) throw new Error('The page has no embedded config.');
  return JSON.parse(match[1]) as ExplorerPageConfig;
}
