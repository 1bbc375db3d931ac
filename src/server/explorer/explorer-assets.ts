import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExplorerManifest } from './types.js';

/** The file, in the assets directory, that names the files of the build. */
export const EXPLORER_MANIFEST_FILE = 'manifest.json';

/**
 * Where `scripts/build-explorer.ts` writes the explorer by default: `dist/explorer` at the
 * package root (this file sits three levels below it both in `src/` and in a compiled `dist/`).
 */
export const defaultExplorerAssetsDir = fileURLToPath(
  new URL('../../../dist/explorer', import.meta.url),
);

/**
 * Reads the build's manifest from `dir`. Fails (ENOENT, a JSON syntax error, or an error saying
 * which entry is missing) when the explorer has not been built there or the file is damaged.
 */
export async function readExplorerManifest(dir: string): Promise<ExplorerManifest> {
  const parsed: unknown = JSON.parse(
    await readFile(path.join(dir, EXPLORER_MANIFEST_FILE), 'utf8'),
  );
  if (!isExplorerManifest(parsed))
    throw new Error(`${EXPLORER_MANIFEST_FILE} in ${dir} is not an explorer manifest.`);
  return parsed;
}

/**
 * Tells whether the explorer's built assets exist in `dir` (default: `dist/explorer`): the
 * manifest and every file it names. Never throws; the gateway logs a hint to run
 * `npm run build:explorer` when this is false.
 */
export async function ensureExplorerAssets(
  dir: string = defaultExplorerAssetsDir,
): Promise<boolean> {
  try {
    const manifest = await readExplorerManifest(dir);
    const files = [manifest.script, manifest.style, ...Object.values(manifest.workers)];
    const stats = await Promise.all(files.map((file) => stat(path.join(dir, file))));
    return stats.every((entry) => entry.isFile());
  } catch {
    return false;
  }
}

function isExplorerManifest(value: unknown): value is ExplorerManifest {
  if (typeof value !== 'object' || value === null) return false;
  const { script, style, workers } = value as Record<string, unknown>;
  if (typeof script !== 'string' || typeof style !== 'string') return false;
  if (typeof workers !== 'object' || workers === null) return false;
  const { editor, json, graphql } = workers as Record<string, unknown>;
  return typeof editor === 'string' && typeof json === 'string' && typeof graphql === 'string';
}
