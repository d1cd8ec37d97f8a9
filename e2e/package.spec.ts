/**
 * The npm package as an author gets it: `npm pack`, installed into a throwaway host project (offline:
 * the package has no dependencies), served by a plain static server, and rendered both ways, the
 * custom element (`grokscope/element`) and the React component (`grokscope/react`, bundled by esbuild).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import { expect, test, type Page } from '@playwright/test';

const REPO = resolve(import.meta.dirname, '..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };
/** Where the host site serves the app's files: the installed package's dist/. */
const APP = '/node_modules/grokscope/dist/';

let host = '';
let server: Server;
let origin = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  expect(existsSync(join(REPO, 'dist', 'element.mjs')), 'the e2e run builds dist/ first (npm run test:e2e)').toBe(true);
  const packs = mkdtempSync(join(tmpdir(), 'grokscope-pack-'));
  // dist/ is already built by the test command: skip prepack's rebuild.
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packs], { cwd: REPO, stdio: 'pipe' });
  const tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz'))!);
  host = mkdtempSync(join(tmpdir(), 'grokscope-host-'));
  writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'a-blog', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: host, stdio: 'pipe' });

  writeFileSync(
    join(host, 'element.html'),
    `<!doctype html><html lang="en"><head><title>Element</title></head><body><h1>A post</h1>
<script type="module">import '/node_modules/grokscope/dist/element.mjs';</script>
<grok-scope id="mine" class="figure" app="${APP}" p="17" width="32" panels="accuracy,llc"></grok-scope></body></html>`,
  );
  // What an MDX blog's bundler does: resolve grokscope/react through the package's exports, React from the repo.
  mkdirSync(join(host, 'src'));
  writeFileSync(
    join(host, 'src', 'main.js'),
    `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Grokscope } from 'grokscope/react';
createRoot(document.getElementById('root')).render(createElement(Grokscope, { app: '${APP}', preset: 'classic', p: 17, width: 32, trainFrac: 0.5, panels: ['accuracy', 'loss'] }));`,
  );
  await build({ entryPoints: [join(host, 'src', 'main.js')], bundle: true, format: 'esm', outfile: join(host, 'react.js'), absWorkingDir: host, nodePaths: [join(REPO, 'node_modules')], logLevel: 'silent' });
  writeFileSync(join(host, 'react.html'), `<!doctype html><html lang="en"><head><title>React</title></head><body><div id="root"></div><script type="module" src="/react.js"></script></body></html>`);

  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    // The browser asks every host page for one; a blog would have its own.
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const file = join(host, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(host) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** Console errors from the host page and the embed, collected for the test to assert on. */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  return errors;
}

test('the packed package installs offline with nothing else, and says how to use it', () => {
  const pkg = JSON.parse(readFileSync(join(host, 'node_modules', 'grokscope', 'package.json'), 'utf8'));
  expect(pkg.dependencies ?? {}).toEqual({});
  expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining(['./element', './react', './app/*']));
  expect(readdirSync(join(host, 'node_modules'))).toEqual(['.package-lock.json', 'grokscope']);
  expect(readFileSync(join(host, 'node_modules', 'grokscope', 'README.md'), 'utf8')).toContain("import 'grokscope/element'");
});

test('the custom element from grokscope/element renders the app from the installed files and trains', async ({ page }) => {
  const errors = errorsOf(page);
  await page.goto(`${origin}/element.html`);
  const frame = page.frameLocator('grok-scope iframe');
  await expect(frame.getByTestId('embed')).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByTestId('chart-llc')).toBeVisible();
  // The host's own attributes stay the host's: no notice about them inside.
  await expect(frame.getByTestId('url-notice')).toHaveCount(0);
  await frame.getByTestId('play').click();
  await expect.poll(async () => Number((await frame.getByTestId('step-count').textContent())!.replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(20);
  expect(errors).toEqual([]);
});

test('the React component from grokscope/react renders its props as settings', async ({ page }) => {
  const errors = errorsOf(page);
  await page.goto(`${origin}/react.html`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('embed')).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByTestId('chart-loss')).toBeVisible();
  await expect(frame.getByTestId('chart-llc')).toHaveCount(0);
  await expect(page.locator('iframe')).toHaveAttribute('src', /p=17.*width=32.*train-frac=0\.5.*panels=accuracy%2Closs|train-frac=0\.5/);
  expect(errors).toEqual([]);
});
