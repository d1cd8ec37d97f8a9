import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labelRows, textWidth } from '../src/ui/charts/chartStyle';
import { FlatnessMeter } from '../src/ui/FlatnessMeter';
import type { LlcRow } from '../src/core/meterConfig';

describe('marker labels', () => {
  it('stack where they would overlap, and drop only what no row can hold', () => {
    const w = textWidth('lr 0.01 → 0.09', 12);
    const rows = labelRows(
      [
        { x: 100, width: 20 }, // fit
        { x: 300, width: 30 }, // grok, far away
        { x: 110, width: w }, // a change next to fit
        { x: 120, width: w }, // another one, next to both
        { x: 400, width: w },
      ],
      2,
    );
    expect(rows).toEqual([0, 0, 1, null, 0]);
  });

  it('never give two labels in one row overlapping spans', () => {
    const labels = Array.from({ length: 40 }, (_, i) => ({ x: (i * 37) % 500, width: 20 + (i % 7) * 9 }));
    const rows = labelRows(labels, 3);
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        if (rows[i] === null || rows[i] !== rows[j]) continue;
        expect(Math.abs(labels[i].x - labels[j].x)).toBeGreaterThanOrEqual((labels[i].width + labels[j].width) / 2);
      }
  });
});

describe('the gauge', () => {
  const row = (llc: number) => ({ step: 10, llc, stdErr: 0.1, converged: true, settings: null, trace: [], warnings: [] }) as unknown as LlcRow;
  const html = (llc: number) => renderToStaticMarkup(createElement(FlatnessMeter, { rows: [row(llc)], training: false, pending: 0, loss: null }));

  it('says when an estimate is past either end of its dial, in plain numbers', () => {
    expect(html(389)).toContain("off the scale: above the dial&#x27;s 100");
    expect(html(3e-6)).toContain('below the dial&#x27;s 0.0001');
    expect(html(0.5)).not.toContain('off the scale');
    expect(html(0.5)).toContain('>0.0001<');
    expect(html(0.5)).not.toContain('1e-4');
  });
});
