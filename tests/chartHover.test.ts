/** Hover reads each series at its own steps (an imported run or a meter has another schedule). */
import { describe, expect, it } from 'vitest';
import { hoverReading } from '../src/ui/charts/hover';
import { seriesPaths, pathsSvg } from '../src/ui/charts/seriesPaths';
import { scaleLinear } from 'd3';

const live = { label: 'live', color: '#000', x: [0, 10, 20, 30, 40], y: [0, 0.1, 0.2, 0.3, 0.4] };
const imported = { label: 'imported', color: '#111', x: [0, 25, 50], y: [0.5, 0.6, 0.7] };
const fmt = (v: number) => v.toFixed(2);
const within = (d: number) => (a: number, b: number) => Math.abs(a - b) <= d;

describe('chart hover', () => {
  it('reads every series at its own nearest point, and only where it has one', () => {
    expect(hoverReading([live, imported], 24, 'linear', fmt, within(2))).toEqual({ step: 20, values: ['live: 0.20', 'imported: —'] });
    expect(hoverReading([live, imported], 24, 'linear', fmt, within(5))).toEqual({ step: 20, values: ['live: 0.20', 'imported: 0.60'] });
    expect(hoverReading([imported, live], 24, 'linear', fmt, within(5))).toEqual({ step: 25, values: ['imported: 0.60', 'live: 0.30'] });
  });

  it('exports the uncertainty band with the line', () => {
    const x = scaleLinear().domain([0, 40]).range([0, 400]);
    const y = scaleLinear().domain([0, 1]).range([100, 0]);
    const withBand = { ...live, lower: live.y.map((v) => v - 0.05), upper: live.y.map((v) => v + 0.05) };
    const svg = pathsSvg(seriesPaths([withBand], x, y, 'linear', 'linear'), 62, 26);
    expect(svg).toMatch(/<path d="M[^"]+Z" fill="#000" fill-opacity="0.2"/);
    expect(svg).toMatch(/<path d="M0,100L100,90[^"]*" stroke="#000"\/>/);
  });

  it('draws a dot per point, hollow where asked, and only where the axis can place it', () => {
    const x = scaleLinear().domain([0, 40]).range([0, 400]);
    const y = scaleLinear().domain([0, 1]).range([100, 0]);
    const dotted = { ...live, y: [0, 0.1, NaN, 0.3, 0.4], dots: { hollow: [false, true, false, true, false] } };
    const [p] = seriesPaths([dotted], x, y, 'linear', 'linear');
    expect(p.dots.filled.match(/M/g)).toHaveLength(2); // steps 0 and 40 (step 20 has no value)
    expect(p.dots.hollow.match(/M/g)).toHaveLength(2); // steps 10 and 30
    expect(p.dots.hollow.startsWith('M103.5,90')).toBe(true);
    expect(pathsSvg([p], 0, 0)).toMatch(/fill="#ffffff" stroke="#000"/);
  });
});
