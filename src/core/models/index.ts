import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import { createRng } from '../rng';
import { createMlp } from './mlp';
import { createQuadratic } from './quadratic';
import { createTransformer } from './transformer';
import type { Model } from './types';

export type { Model } from './types';

export function createModel(config: Pick<RunConfig, 'model' | 'p' | 'width' | 'seed'> & Partial<Pick<RunConfig, 'initScale'>>): Model {
  const model = createUnscaled(config);
  const scale = config.initScale ?? 1;
  if (scale !== 1)
    for (const w of model.params) {
      const scaled = tf.mul(w, scale);
      w.assign(scaled);
      scaled.dispose(); // the variable holds its own reference to the data
    }
  return model;
}

function createUnscaled(config: Pick<RunConfig, 'model' | 'p' | 'width' | 'seed'>): Model {
  // Initialisation has its own stream, separate from the data split's.
  const rng = createRng(config.seed * 2 + 2);
  switch (config.model) {
    case 'quadratic':
      return createQuadratic(config.p, config.width, rng);
    case 'mlp':
      return createMlp(config.p, config.width, rng);
    case 'transformer':
      return createTransformer(config.p, config.width, rng);
  }
}
