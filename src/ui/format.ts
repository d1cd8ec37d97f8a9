import { format } from 'd3';

export const formatInt = format(',');
/** A share as a whole percentage ("—" when a record predates it). */
export const formatWholePct = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(100 * x)}%`);
export const formatPct = (x: number) => `${(100 * x).toFixed(x >= 0.995 || x < 0.1 ? 1 : 0)}%`;
export const formatSci = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 0.001 && Math.abs(x) < 10_000 ? format('.3~r')(x) : format('.2~e')(x));
export const formatRate = (x: number) => (x >= 100 ? formatInt(Math.round(x)) : x.toFixed(1));
/** A signed step count, e.g. a lead: "+1,200", "−75" (a minus sign: negative leads are late), "—" when not measured. */
export const formatSigned = (v: number | null) => (v === null ? '—' : v > 0 ? `+${formatInt(v)}` : formatInt(v));
