import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultExplorerAssetsDir, readExplorerManifest } from './explorer-assets.js';
import { isHtmlPreferred } from './is-html-preferred.js';
import { EXPLORER_CONTENT_SECURITY_POLICY, renderExplorerPage } from './render-explorer-page.js';
import { serveExplorerAsset } from './serve-explorer-asset.js';
import type { ExplorerManifest, ExplorerTab } from './types.js';

/** The URL path prefix under which the explorer's built files are served. */
const ASSETS_PREFIX = '/explorer-assets/';
/** The explorer page's path. */
export const EXPLORER_PATH = '/graphiql';

export interface ExplorerHandlerOptions {
  /** The GraphQL endpoint's path, for HTTP and graphql-ws alike (e.g. `/graphql`). */
  graphqlPath: string;
  /** Where the built assets are. @default `dist/explorer` at the package root */
  assetsDir?: string;
  /** The request-headers editor's initial text (JSON), also used for new tabs. @default none */
  initialHeaders?: string;
  /** The tabs the page opens with (a browser's saved tabs win). @default GraphiQL's welcome tab */
  tabs?: ExplorerTab[];
  /** The page title. @default 'Pi GraphQL Gateway' */
  title?: string;
  /** Told about a failure while answering (the response is then a 500 or a destroyed socket). */
  onError?(error: unknown): void;
}

/**
 * Handles one request if it is the explorer's: returns `true` when it took the request (and will
 * answer it), `false` to let the caller route it.
 */
export type ExplorerHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Creates the explorer's request handler, to call before the GraphQL handler. It takes:
 * - `GET /graphiql`: the GraphiQL page;
 * - `GET <graphqlPath>` when `Accept` prefers `text/html` over JSON and the URL has no `query`
 *   parameter (a browser opening the endpoint): the same page;
 * - `GET /explorer-assets/*`: the built files (see `serveExplorerAsset`).
 * `HEAD` is taken like `GET`; a `GET` of `<graphqlPath>` it leaves to GraphQL gets `Vary: Accept`
 * set on the response. The page is answered with a strict Content-Security-Policy; when
 * the assets are not built it is a 503 that says to run `npm run build:explorer`. Never throws:
 * failures reach `onError` and end as a 500 or a destroyed socket.
 */
export function createExplorerHandler(options: ExplorerHandlerOptions): ExplorerHandler {
  const assetsDir = options.assetsDir ?? defaultExplorerAssetsDir;
  const page = {
    title: options.title ?? 'Pi GraphQL Gateway',
    graphqlPath: options.graphqlPath,
    initialHeaders: options.initialHeaders,
    tabs: options.tabs ?? [],
  };

  return (req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = parseRequestUrl(req.url);
    if (!url) return false;
    let answering: Promise<void>;
    if (url.pathname.startsWith(ASSETS_PREFIX)) {
      answering = serveExplorerAsset(
        res,
        method,
        assetsDir,
        url.pathname.slice(ASSETS_PREFIX.length),
      );
    } else if (
      url.pathname === EXPLORER_PATH ||
      isBrowserOpeningEndpoint(req, url, options.graphqlPath)
    ) {
      answering = servePage(res, method, assetsDir, page);
    } else {
      // Whether this path got the page depended on Accept: say so on the GraphQL answer too, so
      // a cache never hands a browser the JSON (or an API client the page).
      if (url.pathname === options.graphqlPath) res.setHeader('vary', 'Accept');
      return false;
    }
    answering.catch((error: unknown) => {
      // A client that goes away mid-download is not a failure worth reporting.
      if (!isPrematureClose(error)) options.onError?.(error);
      if (res.headersSent) res.destroy();
      else
        res
          .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          .end('Internal error.\n');
    });
    return true;
  };
}

function parseRequestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://explorer.invalid');
  } catch {
    // Not a URL this handler could serve; the caller's router answers it.
    return undefined;
  }
}

function isPrematureClose(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
}

function isBrowserOpeningEndpoint(req: IncomingMessage, url: URL, graphqlPath: string): boolean {
  return (
    url.pathname === graphqlPath &&
    !url.searchParams.has('query') &&
    isHtmlPreferred(req.headers.accept)
  );
}

interface PageOptions {
  title: string;
  graphqlPath: string;
  initialHeaders: string | undefined;
  tabs: ExplorerTab[];
}

async function servePage(
  res: ServerResponse,
  method: string,
  assetsDir: string,
  page: PageOptions,
): Promise<void> {
  let manifest: ExplorerManifest;
  try {
    // Read per page load (small), so a rebuild is picked up without a restart.
    manifest = await readExplorerManifest(assetsDir);
  } catch {
    sendHtml(res, method, 503, notBuiltPage());
    return;
  }
  const assetUrl = (file: string): string => `${ASSETS_PREFIX}${file}`;
  const html = renderExplorerPage({
    title: page.title,
    scriptUrl: assetUrl(manifest.script),
    styleUrl: assetUrl(manifest.style),
    config: {
      graphqlPath: page.graphqlPath,
      initialHeaders: page.initialHeaders,
      tabs: page.tabs,
      workerUrls: {
        editor: assetUrl(manifest.workers.editor),
        json: assetUrl(manifest.workers.json),
        graphql: assetUrl(manifest.workers.graphql),
      },
    },
  });
  sendHtml(res, method, 200, html);
}

function sendHtml(res: ServerResponse, method: string, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'content-security-policy': EXPLORER_CONTENT_SECURITY_POLICY,
    // The page's content depends on Accept at the GraphQL path; it may embed a demo key.
    'cache-control': 'no-store',
    vary: 'Accept',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(method === 'HEAD' ? undefined : html);
}

function notBuiltPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Explorer not built</title></head>
<body>
<h1>The GraphQL explorer is not built</h1>
<p>Run <code>npm run build:explorer</code> and reload this page. GraphQL itself is available: POST queries to this server.</p>
</body>
</html>
`;
}
