/**
 * Chart export: a standalone SVG (grid, data as paths, axes, markers, with the styles it needs
 * inlined) and a PNG rasterized from that SVG at twice the size. Every chart exports through
 * downloadChart, so a fix here reaches them all.
 */
import { download } from '../download';
import { pageColor } from '../theme';

export type ExportKind = 'svg' | 'png';
/** The chart's styles, inlined, in the colours of the theme on screen. */
const style = () => `
  text { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }
  .grid { stroke: ${pageColor('grid')}; } .grid.minor { stroke: ${pageColor('grid-minor')}; } .axis-line { stroke: ${pageColor('axis')}; }
  .tick { fill: ${pageColor('tick')}; font-size: 13px; } .axis-label { fill: ${pageColor('muted')}; font-size: 12.5px; }
  .marker-label { font-size: 12px; font-weight: 700; } .band rect { opacity: 0.16; }
  .band-label { fill: ${pageColor('band-label')}; font-size: 12px; font-weight: 600; } .reference line { stroke: ${pageColor('axis')}; }
  .reference text { font-size: 12px; fill: ${pageColor('muted')}; } .hover-line { display: none; }
  .title { font-size: 16px; font-weight: 700; fill: ${pageColor('ink')}; }
  .contours path { fill: none; stroke: rgba(255, 255, 255, 0.55); } .landscape-path { fill: none; stroke: #fff; stroke-width: 2.5; }
  .landscape-point circle { fill: #D55E00; stroke: #000; } .landscape-point rect { fill: #fff; stroke: #000; }
  .landscape-point path { fill: #56B4E9; stroke: #000; } .landscape-point text { fill: #fff; font-weight: 700; paint-order: stroke; stroke: #000; stroke-width: 3px; }`;

/** Height of the title line added above the chart in an export. */
export const EXPORT_TITLE_HEIGHT = 28;

/** One document from the chart's layers: the grid below, the data paths, then axes and markers above. */
export function chartSvg(title: string, width: number, height: number, below: Element | null, dataPaths: string, above: Element | null): string {
  const head = EXPORT_TITLE_HEIGHT;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + head}" viewBox="0 0 ${width} ${height + head}">` +
    `<style>${style()}</style><rect width="100%" height="100%" fill="${pageColor('panel')}"/>` +
    `<text class="title" x="12" y="20">${title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>` +
    `<g transform="translate(0,${head})">${below?.innerHTML ?? ''}${dataPaths}${above?.innerHTML ?? ''}</g></svg>`
  );
}

export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(2, 2);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** Builds the chart's SVG document and downloads it as SVG, or as a PNG rendered from it. */
export async function downloadChart(kind: ExportKind, name: string, title: string, width: number, height: number, below: Element | null, data: string, above: Element | null): Promise<void> {
  const svg = chartSvg(title, width, height, below, data, above);
  if (kind === 'svg') download(`${name}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
  else download(`${name}.png`, await svgToPng(svg, width, height + EXPORT_TITLE_HEIGHT));
}
