/** The page's panels by name: links and embeds list them, lessons name the one to watch. */
export const PANELS = ['accuracy', 'loss', 'norm', 'llc', 'entropy', 'landscape', 'meter', 'fourier', 'progress'] as const;
export type Panel = (typeof PANELS)[number];
