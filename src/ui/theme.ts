/**
 * Light and dark themes in one place. The page's colours are CSS variables set from here. The
 * series colours are the same Okabe–Ito palette in both, lightened where a dark background needs it
 * (sky blue for blue); the pale phase bands read on both as they are. Exports read the colours from
 * here, so a PNG looks like the screen it came from.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Theme } from '../core/url';
import { COLORS } from './charts/colors';

export type ResolvedTheme = Exclude<Theme, 'auto'>;

/** The page: each key is the CSS variable --key. */
const PAGE = {
  light: {
    bg: '#f6f7f9', panel: '#ffffff', ink: '#16181d', muted: '#5b6270', line: '#dde1e7', accent: '#0072b2', 'accent-hover': '#005d91',
    'accent-ink': '#0072b2', 'warn-bg': '#fff6e0', 'warn-line': '#e6b54a', 'warn-ink': '#8a4b00', 'error-bg': '#fdecea', 'error-line': '#d55e00',
    field: '#ffffff', 'field-line': '#b9c0cb', hover: '#eef3f9', code: '#eef1f5', 'lesson-bg': '#fffdf5', overlay: 'rgba(10, 14, 20, 0.45)',
    grid: '#e6e9ee', 'grid-minor': '#f2f4f7', axis: '#8a919c', tick: '#3d434d', 'band-label': '#444444', needle: '#222222', tooltip: 'rgba(255, 255, 255, 0.95)',
    'dot-off': '#d6d9de', 'dot-done': '#9aa3ae', 'cell-train-wrong': '#cfe1ee', 'cell-test-wrong': '#f6ddcc',
  },
  dark: {
    bg: '#0f1115', panel: '#181b21', ink: '#e8eaed', muted: '#a9b0ba', line: '#2e333c', accent: '#0072b2', 'accent-hover': '#005d91',
    'accent-ink': '#56b4e9', 'warn-bg': '#33290f', 'warn-line': '#b8892a', 'warn-ink': '#f0c674', 'error-bg': '#3a1c15', 'error-line': '#e07b4a',
    field: '#22262d', 'field-line': '#4a515c', hover: '#2b313a', code: '#262a31', 'lesson-bg': '#1f1c12', overlay: 'rgba(0, 0, 0, 0.6)',
    grid: '#2a2f37', 'grid-minor': '#21252b', axis: '#6f7884', tick: '#c9ced6', 'band-label': '#d3d7dd', needle: '#e8eaed', tooltip: 'rgba(24, 27, 33, 0.95)',
    'dot-off': '#3a404a', 'dot-done': '#6f7884', 'cell-train-wrong': '#1f3b50', 'cell-test-wrong': '#4a2b1b',
  },
} as const;

const SERIES = {
  light: { ...COLORS },
  dark: { ...COLORS, train: '#56B4E9', fit: '#b0b6bf', change: '#9aa1ab', llc: '#b08ad6', entropy: '#3cc3cc', threshold: '#e0b64a' },
};

export function resolveTheme(theme: Theme, prefersDark: boolean): ResolvedTheme {
  return theme === 'auto' ? (prefersDark ? 'dark' : 'light') : theme;
}

/** The page's colour for a variable name, in the theme on screen (for exports and canvases). */
export function pageColor(key: keyof (typeof PAGE)['light']): string {
  return PAGE[current][key];
}

let current: ResolvedTheme = 'light';

/**
 * The theme on screen: applied as soon as it changes (during render, before any chart of this
 * render reads COLORS), following the system's preference while the choice is auto.
 */
export function useTheme(theme: Theme): ResolvedTheme {
  const query = useMemo(() => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null), []);
  const [prefersDark, setPrefersDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const onChange = (e: MediaQueryListEvent) => setPrefersDark(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query]);
  const resolved = resolveTheme(theme, prefersDark);
  if (resolved !== current || !document.documentElement.dataset.theme) applyTheme(resolved);
  return resolved;
}

/** Sets the page's variables and the charts' palette; charts redraw on the next render. */
export function applyTheme(theme: ResolvedTheme): void {
  current = theme;
  const root = document.documentElement;
  for (const [k, v] of Object.entries(PAGE[theme])) root.style.setProperty(`--${k}`, v);
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
  Object.assign(COLORS, SERIES[theme]);
}
