/**
 * CI check: runs GraphQL Code Generator in memory with `codegen.ts` and compares each output with
 * the file on disk. Exits 1, naming the stale files, when the SDL changed without `npm run codegen`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

interface FileOutput {
  filename: string;
  content: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function main(): Promise<number> {
  const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as FileOutput[];
  const stale: string[] = [];
  for (const output of outputs) {
    const path = resolve(root, output.filename);
    if ((await readIfExists(path)) !== output.content) stale.push(output.filename);
  }
  if (stale.length > 0) {
    console.error(
      `Generated code is stale: ${stale.join(', ')}.\n` +
        'The GraphQL schema (schema/*.graphql) or codegen.ts changed without regenerating. Run `npm run codegen` and commit the result.',
    );
    return 1;
  }
  console.log(
    `Generated code is up to date (${outputs.length} file${outputs.length === 1 ? '' : 's'}).`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      'check:codegen failed to run the generator:',
      error instanceof Error ? error.message : error,
    );
    process.exitCode = 1;
  },
);
