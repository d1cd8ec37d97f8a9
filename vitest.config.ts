import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    // Two cores: run files one after another so timing-heavy tensor work does not starve.
    fileParallelism: false,
  },
});
