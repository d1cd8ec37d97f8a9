import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built page's Content-Security-Policy: scripts, workers and requests from the app's own origin
 * only ('wasm-unsafe-eval' lets the WebAssembly backend compile; blob: lets its threaded build start
 * its threads, which it writes as blob: scripts made by the page's own code). Added at build time
 * only: the dev server injects an inline script for hot reload.
 */
export const CSP = "script-src 'self' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * Cross-origin isolation: with these two headers the browser allows SharedArrayBuffer, and the
 * WebAssembly backend runs its threaded build. Without them (a host that cannot set headers) it
 * runs single-threaded; nothing else changes. A static host sets the same two headers.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

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
  // Names kept: the threaded WebAssembly build starts its threads from the source text of one of its
  // functions, which fails ("e is not defined") once the minifier renames what that text refers to.
  // Costs 6% of bundle size.
  esbuild: { minifyIdentifiers: false },
  build: { minify: 'esbuild', target: 'es2022', chunkSizeWarningLimit: 4000, outDir: mode === 'test' ? 'dist-test' : 'dist' },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
}));
