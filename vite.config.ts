import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * `--mode test` builds into dist-test/ with the hooks the e2e tests and the bench drive (a lost
 * device, a crashed worker, timing the worker); the production build compiles them out.
 */
export default defineConfig(({ mode }) => ({
  define: { __TEST_HOOKS__: JSON.stringify(mode === 'test') },
  // Relative base: the build works from any static host and sub-path.
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, outDir: mode === 'test' ? 'dist-test' : 'dist' },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
}));
