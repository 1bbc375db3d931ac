// Builds the GraphiQL explorer's browser assets from node_modules into dist/explorer (or the
// directory given as the first argument): one module script with its lazily loaded chunks, one
// stylesheet (fonts inlined), Monaco's three web workers, and manifest.json naming them. File
// names carry a content hash, so the gateway can serve them as immutable.
// Usage: tsx scripts/build-explorer.ts [--if-missing] [outDir]
//   --if-missing  do nothing when a complete build is already there (for prestart hooks).
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';
import {
  EXPLORER_MANIFEST_FILE,
  defaultExplorerAssetsDir,
  ensureExplorerAssets,
} from '../src/server/explorer/index.js';
import type { ExplorerManifest, ExplorerWorkers } from '../src/server/explorer/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const appEntry = path.join(root, 'src/server/explorer/browser/explorer-app.ts');
const workerEntries: Record<keyof ExplorerWorkers, string> = {
  editor: 'monaco-editor/esm/vs/editor/editor.worker.js',
  json: 'monaco-editor/esm/vs/language/json/json.worker.js',
  graphql: 'monaco-graphql/esm/graphql.worker.js',
};

// graphiql/style.css already carries Monaco's whole stylesheet. Monaco's modules also import
// their own CSS; in lazily loaded chunks that would become stylesheets nothing links, so skip it.
const skipMonacoCss: Plugin = {
  name: 'skip-monaco-css',
  setup(context) {
    context.onLoad({ filter: /[\\/]monaco-editor[\\/]esm[\\/].*\.css$/ }, () => ({
      contents: '',
      loader: 'empty',
    }));
  },
};

/** What one build produced. */
export interface ExplorerBuildResult {
  outDir: string;
  manifest: ExplorerManifest;
  /** Total size of the emitted files, in bytes. */
  bytes: number;
}

/**
 * Bundles the explorer into `outDir` (default `dist/explorer` at the package root), replacing
 * what was there only once the whole build succeeded. Fails with esbuild's error (its messages
 * name the file and line) when a module cannot be resolved or parsed.
 */
export async function buildExplorer(
  outDir: string = defaultExplorerAssetsDir,
): Promise<ExplorerBuildResult> {
  const staging = `${outDir}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const common: BuildOptions = {
      absWorkingDir: root,
      bundle: true,
      minify: true,
      platform: 'browser',
      target: ['es2022'],
      outdir: staging,
      metafile: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    };
    const [app, workers] = await Promise.all([
      build({
        ...common,
        entryPoints: { explorer: appEntry },
        format: 'esm',
        // GraphiQL loads Monaco, prettier and the language modes with dynamic imports.
        splitting: true,
        entryNames: '[name]-[hash]',
        chunkNames: 'chunks/[name]-[hash]',
        plugins: [skipMonacoCss],
        loader: { '.ttf': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
      }),
      build({
        ...common,
        entryPoints: Object.fromEntries(
          Object.entries(workerEntries).map(([label, entry]) => [`${label}.worker`, entry]),
        ),
        // Classic workers: Monaco starts them with `new Worker(url)`.
        format: 'iife',
        entryNames: 'workers/[name]-[hash]',
      }),
    ]);
    const manifest = toManifest(staging, app.metafile, workers.metafile);
    await writeFile(
      path.join(staging, EXPLORER_MANIFEST_FILE),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    await rm(outDir, { recursive: true, force: true });
    await rename(staging, outDir);
    return { outDir, manifest, bytes: totalBytes(app.metafile) + totalBytes(workers.metafile) };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

function toManifest(outDir: string, ...metafiles: Array<Metafile | undefined>): ExplorerManifest {
  const outputs = metafiles.flatMap((metafile) => Object.entries(metafile?.outputs ?? {}));
  const relative = (file: string): string =>
    path.relative(outDir, path.resolve(root, file)).split(path.sep).join('/');
  // esbuild names each output's entry point by its path relative to the working directory.
  const outputOf = (entry: string): { file: string; cssBundle: string | undefined } => {
    const match = outputs.find(
      ([file, output]) => file.endsWith('.js') && output.entryPoint?.endsWith(entry),
    );
    if (!match) throw new Error(`The explorer build produced no script for ${entry}.`);
    return {
      file: relative(match[0]),
      cssBundle: match[1].cssBundle && relative(match[1].cssBundle),
    };
  };
  const app = outputOf(path.relative(root, appEntry).split(path.sep).join('/'));
  if (!app.cssBundle) throw new Error('The explorer build produced no stylesheet.');
  return {
    script: app.file,
    style: app.cssBundle,
    workers: {
      editor: outputOf(workerEntries.editor).file,
      json: outputOf(workerEntries.json).file,
      graphql: outputOf(workerEntries.graphql).file,
    },
  };
}

function totalBytes(metafile: Metafile | undefined): number {
  return Object.values(metafile?.outputs ?? {}).reduce((sum, output) => sum + output.bytes, 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({
    options: { 'if-missing': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const outDir = positionals[0] ? path.resolve(positionals[0]) : defaultExplorerAssetsDir;
  const shown = path.relative(process.cwd(), outDir) || '.';
  if (values['if-missing'] && (await ensureExplorerAssets(outDir))) {
    console.log(`Explorer assets already built in ${shown}`);
  } else {
    const started = performance.now();
    const result = await buildExplorer(outDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
    console.log(`Explorer assets built in ${seconds} s (${megabytes} MB) into ${shown}`);
  }
}
