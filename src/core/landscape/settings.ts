/** What a landscape slice should show and how often: free of tfjs, shared by the UI, URL, CLI and worker. */
import { z } from 'zod';

export const PLANES = ['random', 'pca', 'basin'] as const;
export type PlaneKind = (typeof PLANES)[number];

export const SPLITS = ['train', 'test'] as const;
export type SliceSplit = (typeof SPLITS)[number];

export interface SliceRequest {
  plane: PlaneKind;
  split: SliceSplit;
  /** Grid points per side. */
  size: number;
  /** Random plane: half-width in direction units. PCA/basin: margin factor around the path's extent. */
  span: number;
}

export const DEFAULT_SLICE: SliceRequest = { plane: 'basin', split: 'train', size: 31, span: 1 };

/** The slice as the UI asks for it: what to compute and how often to refresh it while training. */
export interface LandscapeSettings extends SliceRequest {
  /** Steps between automatic refreshes while training; 0 refreshes only on demand. */
  every: number;
}

export const DEFAULT_LANDSCAPE: LandscapeSettings = { ...DEFAULT_SLICE, every: 500 };

/** Slices never take more than this share of wall time while training (the worker waits). */
export const MAX_SLICE_SHARE = 0.2;

export const LandscapeSettingsSchema = z.object({
  plane: z.enum(PLANES),
  split: z.enum(SPLITS),
  size: z.number({ error: 'size must be a number' }).int({ error: 'size must be a whole number' }).min(5, { error: 'size must be at least 5' }).max(81, { error: 'size must be at most 81' }),
  span: z.number({ error: 'span must be a number' }).positive({ error: 'span must be positive' }).max(100, { error: 'span must be at most 100' }),
  every: z.number({ error: 'every must be a number' }).int({ error: 'every must be a whole number' }).min(0).max(1_000_000),
});

