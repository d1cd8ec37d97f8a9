/** Okabe–Ito colours: distinguishable with the common forms of colour blindness and on projectors. */
export const COLORS = {
  train: '#0072B2',
  test: '#D55E00',
  norm: '#009E73',
  fit: '#555555',
  grok: '#CC79A7',
  change: '#7a7a7a',
} as const;
