import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// esbuild's `[hash]`: eight base-32 characters before the extension.
const HASHED_NAME = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

/**
 * Answers `GET`/`HEAD` for one file of the explorer build. `urlPath` is the part of the URL path
 * after the assets prefix, still percent-encoded. Only plain relative paths of known file types
 * inside `assetsDir` are served (no `..`, dot-files, backslashes or NUL; the resolved path must
 * stay inside the directory); anything else, or a missing file, is a 404. Hashed names are
 * cached for a year as immutable, others revalidated. Rejects only when the file cannot be read
 * after its headers were sent (the caller then destroys the socket).
 */
export async function serveExplorerAsset(
  res: ServerResponse,
  method: string,
  assetsDir: string,
  urlPath: string,
): Promise<void> {
  const file = toAssetFile(assetsDir, urlPath);
  const contentType = file ? CONTENT_TYPES[path.extname(file)] : undefined;
  const stats = file && contentType ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !contentType || !stats?.isFile()) {
    sendNotFound(res);
    return;
  }
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': String(stats.size),
    'cache-control': HASHED_NAME.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(file), res);
}

function toAssetFile(assetsDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return undefined;
  const root = path.resolve(assetsDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return file;
}

function sendNotFound(res: ServerResponse): void {
  const body = 'Not found.\n';
  res.writeHead(404, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}
