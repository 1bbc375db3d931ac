/** Query parameters of a Pi call; `undefined` values are left out. */
export type PiQuery = Readonly<Record<string, string | number | boolean | undefined>>;

const API_PREFIX = '/api/v1';

function encode(value: string): string {
  // Commas are legal in a query (RFC 3986 sub-delims) and keep `fields=id,org_id` readable in logs.
  return encodeURIComponent(value).replaceAll('%2C', ',');
}

/**
 * `<basePath>/api/v1<path>?<query>` with the query keys sorted, so identical reads build identical
 * strings (in-flight dedupe keys on it). `path` is relative to `/api/v1` (`/jobs/<id>`); a path
 * that already starts with `/api/v1/` is taken as is. Throws for paths that are not plain
 * absolute paths (a programming error, never client input: ids are encoded by the caller).
 */
export function buildRequestPath(basePath: string, path: string, query: PiQuery = {}): string {
  if (
    !path.startsWith('/') ||
    path.startsWith('//') ||
    /[?#\s]/.test(path) ||
    /(^|\/)\.\.?(\/|$)/.test(path)
  ) {
    throw new Error(`Invalid Pi path: ${JSON.stringify(path.slice(0, 100))}`);
  }
  const prefixed =
    path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) ? path : `${API_PREFIX}${path}`;
  const search = Object.keys(query)
    .filter((key) => query[key] !== undefined)
    .sort()
    .map((key) => `${encode(key)}=${encode(String(query[key]))}`)
    .join('&');
  return `${basePath}${prefixed}${search === '' ? '' : `?${search}`}`;
}
