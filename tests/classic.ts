import type { RunConfig } from '../src/core/config';
import { findPreset } from '../src/core/presets';

/** The classic preset's settings: the plain run (usual initial scale, plain cross-entropy) most mechanics tests start from. */
export const classicConfig = (): RunConfig => ({ ...findPreset('classic')!.config });
