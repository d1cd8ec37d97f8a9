import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CSP } from '../scripts/csp';

/** The production build (`npm start`, `npm run build`: dist/) carries none of the test build's hooks. */
const HOOKS = ['grokscopeTestHooks', 'grokscopeBenchmark', 'test-crash', 'test-lose-device'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

test('the production bundle has no test hooks, and the test bundle has them', () => {
  const text = (dir: string) => files(dir).filter((f) => /\.(js|html)$/.test(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
  const production = text('dist');
  const testBuild = text('dist-test');
  for (const hook of HOOKS) {
    expect(production, `${hook} in dist/`).not.toContain(hook);
    expect(testBuild, `${hook} in dist-test/`).toContain(hook);
  }
});

test('both builds ship the Content-Security-Policy (every e2e test runs under it and fails on a console error)', () => {
  for (const dir of ['dist', 'dist-test']) expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(`content="${CSP}"`);
});
