/** The URL decoder against thousands of random and malformed query strings (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunConfigFields, RunConfigSchema } from '../src/core/config';
import { QUOTE_MAX, readValue, RUN_PARAMS } from '../src/core/params';
import { BACKEND_CHOICES, decodeQuery, encodeQuery, URL_KEYS, ViewSchema } from '../src/core/url';

const keys = ['preset', 'backend', 'llc-every', 'entropy-every', 'plane', 'split', 'slice', 'x-scale', 'autoplay', ...Object.keys(URL_KEYS)];

/** A run setting's value that its own field refuses, whatever the other settings are. */
const refused = (name: string, raw: string) => {
  const param = RUN_PARAMS.find((p) => p.name === name);
  return !!param && !RunConfigFields.shape[param.key].safeParse(readValue(param, raw)).success;
};
const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x10', '1,5', 'null', 'undefined', '%', '%E0%A4%A', '💥', '__proto__', 'constructor'),
  fc.double().map(String),
  fc.integer().map(String),
);

describe('decodeQuery (property-based)', () => {
  const check = (search: string) => {
    const d = decodeQuery(search);
    expect(RunConfigSchema.safeParse(d.config).success).toBe(true);
    expect(ViewSchema.safeParse(d.view).success).toBe(true);
    expect(BACKEND_CHOICES).toContain(d.backend);
    expect(Array.isArray(d.notices)).toBe(true);
  };

  it('never throws and always yields a valid config for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => check(s)), { numRuns: 1000 });
  });

  it('never throws on known keys with malformed values, and names every bad one, briefly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), nasty), { maxLength: 12 }), (pairs) => {
        const search = '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        check(search);
        const { notices } = decodeQuery(search);
        const seen = new Set<string>();
        for (const [given, v] of pairs) {
          const k = given === 'slice' ? 'split' : given; // the old name of the key, read as the new
          if (seen.has(k)) {
            expect(notices.some((n) => n.startsWith(`${k} is given more than once`))).toBe(true);
            continue;
          }
          seen.add(k);
          if (refused(k, v)) expect(notices.some((n) => n.startsWith(`${k}=`)), `${k}=${v} in ${JSON.stringify(notices)}`).toBe(true);
        }
        // A notice quotes at most a short prefix of what it was given.
        for (const n of notices) expect(n.length).toBeLessThan(4 * QUOTE_MAX + 200);
      }),
      { numRuns: 1000 },
    );
  });

  it('names the dropped value of a repeated key, and quotes only the start of a long one', () => {
    const d = decodeQuery(`?p=13&p=abc&wd=${'9'.repeat(12_000)}`);
    expect(d.config.p).toBe(13);
    expect(d.notices).toContain('p is given more than once; using the first ("13"), ignoring "abc"');
    const long = d.notices.find((n) => n.startsWith('wd='))!;
    expect(long.length).toBeLessThan(200);
  });

  it('reads links made before a key was renamed (slice → split)', () => {
    const d = decodeQuery('?slice=test');
    expect(d.view.split).toBe('test');
    expect(d.notices).toEqual([]);
    expect(encodeQuery(d.presetId, d.config, d.backend, d.view)).toBe('?split=test');
  });

  it('refuses denormal and absurd magnitudes like any other bad value', () => {
    const d = decodeQuery('?wd=1e-320&lr=1e300');
    expect(d.notices.find((n) => n.startsWith('wd='))).toMatch(/weight decay must be 0 or at least 1e-9; using 1/);
    expect(d.notices.find((n) => n.startsWith('lr='))).toMatch(/learning rate must be between/);
  });

  it('puts every run setting in a link, with the CLI flag names (eval-every and warmup-steps too)', () => {
    expect(Object.keys(URL_KEYS).sort()).toEqual(RUN_PARAMS.map((p) => p.name).sort());
    const base = decodeQuery('');
    const config = { ...base.config, evalEvery: 7, warmupSteps: 30, beta2: 0.95 };
    const link = encodeQuery(base.presetId, config, 'auto');
    expect(link).toContain('eval-every=7');
    expect(link).toContain('warmup-steps=30');
    expect(decodeQuery(link).config).toEqual(config);
  });

  it('round-trips every valid config it produces', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), nasty), { maxLength: 8 }), (pairs) => {
        const d = decodeQuery('?' + new URLSearchParams(pairs).toString());
        const again = decodeQuery(encodeQuery(d.presetId, d.config, d.backend, d.view));
        expect(again.config).toEqual(d.config);
        expect(again.view).toEqual(d.view);
        expect(again.notices).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('reports unknown keys and the values it replaced', () => {
    const d = decodeQuery('?colour=red&plane=cube&autoplay=maybe&llc-every=-1');
    expect(d.notices.join('\n')).toMatch(/"colour" is not a setting/);
    expect(d.notices.join('\n')).toMatch(/plane="cube"/);
    expect(d.notices.join('\n')).toMatch(/autoplay="maybe"/);
    expect(d.notices.join('\n')).toMatch(/llc-every="-1"/);
  });
});
