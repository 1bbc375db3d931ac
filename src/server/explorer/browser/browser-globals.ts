import type { ExplorerWorkers } from '../types.js';

/**
 * The few browser APIs the explorer's page code touches. The root tsconfig targets Node (no DOM
 * lib, so server code cannot use browser globals by accident); this file names what the page
 * needs instead.
 */
export interface BrowserGlobals {
  document: {
    getElementById(id: string): { textContent: string | null } | null;
  };
  location: { href: string };
  MonacoEnvironment?: {
    getWorkerUrl(workerId: string, label: string): string;
  };
}

/** `globalThis` seen as a browser window. Only meaningful in the page bundle. */
export const browser = globalThis as unknown as BrowserGlobals;

/** Picks the worker script for a Monaco label; anything but JSON and GraphQL gets the editor worker. */
export function workerUrlFor(workers: ExplorerWorkers, label: string): string {
  if (label === 'json') return workers.json;
  if (label === 'graphql') return workers.graphql;
  return workers.editor;
}
