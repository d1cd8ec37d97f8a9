import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built page's Content-Security-Policy: scripts, workers and requests from the app's own origin
 * only ('wasm-unsafe-eval' lets the WebAssembly backend compile). Added at build time only: the dev
 * server injects an inline script for hot reload.
 */
export const CSP = "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

const contentSecurityPolicy = (): Plugin => ({
  name: 'grokscope-csp',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
});

/**
 * `--mode test` builds into dist-test/ with the hooks the e2e tests and the bench drive (a lost
 * device, a crashed worker, timing the worker); the production build compiles them out.
 */
export default defineConfig(({ mode }) => ({
  define: { __TEST_HOOKS__: JSON.stringify(mode === 'test') },
  // Relative base: the build works from any static host and sub-path.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, outDir: mode === 'test' ? 'dist-test' : 'dist' },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
}));
