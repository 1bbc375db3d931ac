import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // One graphql-js for everything: Vite would otherwise hand tests `index.mjs` while externalized
    // packages (Apollo, graphql-tools) load `index.js`, and graphql-js rejects objects from "another realm".
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites start real servers on port 0; two workers match the 2-core CI machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
