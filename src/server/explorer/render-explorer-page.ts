import { EXPLORER_CONFIG_ELEMENT_ID, EXPLORER_ROOT_ELEMENT_ID } from './types.js';
import type { ExplorerPageConfig } from './types.js';

/**
 * The explorer page's Content-Security-Policy: scripts, styles, workers and connections only
 * from the gateway's own origin (`'self'` covers `ws:`/`wss:` to the same host in CSP 3).
 * Monaco inserts `<style>` elements at run time, hence `'unsafe-inline'` for styles only;
 * GraphiQL's fonts and icons are inlined as `data:` URLs.
 */
export const EXPLORER_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the page is made of: where its assets are and what the browser code is told. */
export interface ExplorerPageParts {
  /** The document title. */
  title: string;
  /** URL of the module script that mounts GraphiQL. */
  scriptUrl: string;
  /** URL of the stylesheet. */
  styleUrl: string;
  /** Embedded in the page as JSON for the browser code. */
  config: ExplorerPageConfig;
}

/**
 * Renders the explorer's HTML. The config is embedded as JSON in a non-executed
 * `<script type="application/json">` with every `<` escaped, so no value (a tab's query, a
 * header) can close the element or inject markup; the title is HTML-escaped.
 */
export function renderExplorerPage(parts: ExplorerPageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(parts.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(parts.styleUrl)}">
<script type="module" src="${escapeHtml(parts.scriptUrl)}"></script>
</head>
<body>
<div id="${EXPLORER_ROOT_ELEMENT_ID}"></div>
<script id="${EXPLORER_CONFIG_ELEMENT_ID}" type="application/json">${toScriptJson(parts.config)}</script>
</body>
</html>
`;
}

function toScriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
