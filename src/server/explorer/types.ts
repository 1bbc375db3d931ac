/**
 * One tab the explorer opens with: the operation, and optionally its variables and request
 * headers, each as the editor text (JSON for variables and headers).
 */
export interface ExplorerTab {
  query: string;
  variables?: string;
  headers?: string;
}

/**
 * The asset file names of one explorer build, relative to the assets directory. Written by
 * `scripts/build-explorer.ts` as `manifest.json`, read by the handler to render the page.
 */
export interface ExplorerManifest {
  /** The module script that mounts GraphiQL. */
  script: string;
  /** The one stylesheet (GraphiQL, Monaco, the explorer plugin and the page). */
  style: string;
  /** Monaco's web workers, by the label Monaco asks for. */
  workers: ExplorerWorkers;
}

/** Monaco's web workers: the generic editor worker and the JSON and GraphQL language workers. */
export interface ExplorerWorkers {
  editor: string;
  json: string;
  graphql: string;
}

/**
 * What the server hands the page, embedded as JSON in the HTML. Every URL is a path on the
 * page's own origin; the browser derives the WebSocket URL from `location`.
 */
export interface ExplorerPageConfig {
  /** The GraphQL endpoint's path (HTTP for queries and mutations, graphql-ws for subscriptions). */
  graphqlPath: string;
  /** The request-headers editor's initial text, and the headers of every new tab. */
  initialHeaders?: string;
  /** The tabs the page opens with when the browser has no saved tabs. */
  tabs: ExplorerTab[];
  /** Worker script URLs (same origin) by Monaco label. */
  workerUrls: ExplorerWorkers;
}

/** The id of the `<script type="application/json">` element that carries the page config. */
export const EXPLORER_CONFIG_ELEMENT_ID = 'explorer-config';

/** The id of the element GraphiQL mounts into. */
export const EXPLORER_ROOT_ELEMENT_ID = 'explorer-root';
