/**
 * The built page's Content-Security-Policy: scripts, workers and requests from the app's own origin
 * only ('wasm-unsafe-eval' lets the WebAssembly backend compile). Its own file, so the bundle test can
 * read it without loading the build configuration and the app source it imports.
 */
export const CSP = "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
