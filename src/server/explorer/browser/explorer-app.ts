// The explorer page's entry, bundled by scripts/build-explorer.ts. It reads the config the
// server embedded in the page, points Monaco at the same-origin worker scripts and mounts
// GraphiQL with the explorer plugin. Nothing here loads from another origin.
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './explorer-page.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { EXPLORER_CONFIG_ELEMENT_ID, EXPLORER_ROOT_ELEMENT_ID } from '../types.js';
import type { ExplorerPageConfig } from '../types.js';
import { browser, workerUrlFor } from './browser-globals.js';
import { createExplorerFetcher } from './create-explorer-fetcher.js';

const config = readConfig();
const httpUrl = new URL(config.graphqlPath, browser.location.href);
const wsUrl = new URL(httpUrl);
wsUrl.protocol = httpUrl.protocol === 'https:' ? 'wss:' : 'ws:';

// Must be set before GraphiQL loads Monaco, which asks it for every worker it starts.
browser.MonacoEnvironment = {
  getWorkerUrl: (_workerId, label) => workerUrlFor(config.workerUrls, label),
};

// The headers editor shows the first tab's headers when the page opens.
const initialHeaders = config.tabs[0]?.headers ?? config.initialHeaders;

const root = browser.document.getElementById(EXPLORER_ROOT_ELEMENT_ID);
if (!root) throw new Error(`The explorer page has no #${EXPLORER_ROOT_ELEMENT_ID} element.`);

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher: createExplorerFetcher({
      httpUrl: httpUrl.href,
      wsUrl: wsUrl.href,
      introspectionHeaders: parseHeaders(initialHeaders),
    }),
    plugins: [HISTORY_PLUGIN, explorerPlugin()],
    defaultTabs: config.tabs.length
      ? config.tabs.map((tab) => ({ ...tab, headers: tab.headers ?? config.initialHeaders }))
      : undefined,
    initialHeaders,
    defaultHeaders: config.initialHeaders,
    defaultEditorToolsVisibility: config.initialHeaders ? 'headers' : undefined,
  }),
);

function readConfig(): ExplorerPageConfig {
  const text = browser.document.getElementById(EXPLORER_CONFIG_ELEMENT_ID)?.textContent;
  if (!text) throw new Error(`The explorer page has no #${EXPLORER_CONFIG_ELEMENT_ID} config.`);
  return JSON.parse(text) as ExplorerPageConfig;
}

function parseHeaders(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)]));
  } catch {
    return undefined;
  }
}
