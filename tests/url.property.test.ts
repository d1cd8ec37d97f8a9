/** The URL decoder against thousands of random and malformed query strings (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunConfigSchema } from '../src/core/config';
import { BACKEND_CHOICES, decodeQuery, encodeQuery, URL_KEYS, ViewSchema } from '../src/core/url';

const keys = ['preset', 'backend', 'llc-every', 'entropy-every', 'plane', 'slice', 'x-scale', 'autoplay', ...Object.keys(URL_KEYS)];
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

  it('never throws on known keys with malformed values, and names every bad one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), nasty), { maxLength: 12 }), (pairs) => {
        const search = '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        check(search);
      }),
      { numRuns: 1000 },
    );
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
