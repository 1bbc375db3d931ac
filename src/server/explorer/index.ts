export { EXPLORER_PATH, createExplorerHandler } from './create-explorer-handler.js';
export type { ExplorerHandler, ExplorerHandlerOptions } from './create-explorer-handler.js';
export { quickstartTabs } from './quickstart-tabs.js';
export {
  EXPLORER_MANIFEST_FILE,
  defaultExplorerAssetsDir,
  ensureExplorerAssets,
  readExplorerManifest,
} from './explorer-assets.js';
export { isHtmlPreferred } from './is-html-preferred.js';
export { EXPLORER_CONTENT_SECURITY_POLICY, renderExplorerPage } from './render-explorer-page.js';
export type {
  ExplorerManifest,
  ExplorerPageConfig,
  ExplorerTab,
  ExplorerWorkers,
} from './types.js';
