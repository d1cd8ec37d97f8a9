import type { PhaseName } from '../../core/phases';
/**
 * Okabe–Ito colours: distinguishable with the common forms of colour blindness and on projectors.
 * These are the light theme's; applyTheme (ui/theme.ts) swaps in the dark theme's in place.
 * The phase bands below are the same in both themes.
 */
export const COLORS: Record<'train' | 'test' | 'norm' | 'fit' | 'grok' | 'change' | 'llc' | 'entropy' | 'threshold', string> = {
  train: '#0072B2',
  test: '#D55E00',
  norm: '#009E73',
  fit: '#555555',
  grok: '#CC79A7',
  change: '#7a7a7a',
  llc: '#7b3fa0',
  entropy: '#0f7f86',
  threshold: '#b8860b',
};

/** Phase bands: pale, distinct under colour blindness, light enough for lines drawn over them. */
export const PHASE_COLORS: Record<PhaseName, string> = {
  memorization: '#56B4E9',
  plateau: '#999999',
  grokking: '#E69F00',
  generalized: '#009E73',
  forgetting: '#D55E00',
};
