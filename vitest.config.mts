import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'controllers/**/*.test.ts'],
    // Synth of three environments and schema compilation take a few seconds on two cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One module cache per worker for all its files: every file imports the charts (cdk8s and the
    // generated CRD classes), and loading them per file was most of the suite's CPU time. Files
    // must not leave global state behind (process.env is restored where a test sets it).
    isolate: false,
  },
});
