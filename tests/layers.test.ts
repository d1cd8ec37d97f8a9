/**
 * The layers stay apart: the page's main thread (src/ui) must not load tfjs, directly or through
 * anything it imports (type-only imports are erased and do not count). Training belongs to the worker.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));

/** Runtime imports of a file: `import x from`, `import {…} from`, `import '…'`, `export … from`; not `import type`. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) found.push(m[1]);
  return found;
}

function resolveLocal(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(candidate) && !candidate.endsWith('/')) {
    if (/\.(tsx?|json)$/.test(candidate)) return candidate;
  }
  return null;
}

/** Every package reachable from `entry` through runtime imports, with the path that reaches it. */
function packagesReachable(entries: string[]): Map<string, string[]> {
  const seen = new Set<string>();
  const packages = new Map<string, string[]>();
  const visit = (file: string, path: string[]) => {
    if (seen.has(file) || file.endsWith('.json')) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        if (next) visit(next, [...path, next]);
      } else if (!packages.has(spec)) packages.set(spec, path);
    }
  };
  entries.forEach((f) => visit(f, [f]));
  return packages;
}

describe('layers', () => {
  it('nothing the main thread loads imports @tensorflow/*', () => {
    const ui = files('src/ui').concat('src/main.tsx');
    const offenders = [...packagesReachable(ui)].filter(([pkg]) => pkg.startsWith('@tensorflow/'));
    expect(offenders.map(([pkg, path]) => `${pkg} via ${path.join(' -> ')}`)).toEqual([]);
  });

  it('the check finds tfjs where it is imported (the worker reaches it)', () => {
    const reached = packagesReachable(['src/worker/train.worker.ts']);
    expect([...reached.keys()]).toContain('@tensorflow/tfjs');
  });
});
