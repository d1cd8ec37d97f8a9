/**
 * Presets are data. Each one's numbers were measured with `npm run cli` on a 2-core machine
 * (see README); the text says what the reader should see, not what a paper saw.
 */
import { assertRunConfig, type RunConfig } from './config';

export interface Preset {
  id: string;
  label: string;
  /** One or two sentences: what happens and what to watch. */
  blurb: string;
  config: RunConfig;
}

const base: RunConfig = {
  task: 'add',
  p: 47,
  model: 'quadratic',
  width: 96,
  trainFrac: 0.3,
  lr: 0.01,
  wd: 1,
  beta1: 0.9,
  beta2: 0.98,
  warmupSteps: 0,
  loss: 'ce',
  seed: 1,
  steps: 3000,
  evalEvery: 10,
  mixRepresentations: 0,
  trainBatch: 0,
  initScale: 1,
  labelSmoothing: 0,
};

const define = (id: string, label: string, blurb: string, overrides: Partial<RunConfig>): Preset => ({
  id,
  label,
  blurb,
  config: assertRunConfig({ ...base, ...overrides }),
});

export const PRESETS: Preset[] = [
  define(
    'textbook',
    'Textbook grokking (Power et al.\'s picture)',
    'Memorizes within about 70 steps, then test accuracy sits at chance for about 600 steps and climbs to 95% in about ' +
      '200: a flat wait and a short cliff on a linear step axis too. The same network as the classic run on a larger table ' +
      '(p = 67, 25% of the pairs, width 128), started 9 times larger than usual and trained on cross-entropy with label ' +
      'smoothing 0.1 (docs/science.md).',
    { p: 67, width: 128, trainFrac: 0.25, wd: 0.8, initScale: 9, labelSmoothing: 0.1, steps: 3000 },
  ),
  define(
    'classic',
    'Classic grokking',
    'Memorizes the training pairs within a few dozen steps, sits near chance on unseen pairs, then jumps to near-perfect test accuracy.',
    {},
  ),
  define(
    'weak-decay',
    'Weak weight decay: a longer plateau',
    'Same task with half the weight decay. Memorization is just as fast; the jump comes about 2.5 times later.',
    { wd: 0.5, steps: 5000 },
  ),
  define(
    'no-decay',
    'No weight decay: stuck memorizing',
    'Without weight decay nothing pushes the network out of its memorizing solution: test accuracy stays low for the whole budget.',
    { wd: 0, steps: 4000 },
  ),
  define(
    'more-data',
    'Lots of data: no plateau',
    'With 60% of all pairs in training, test accuracy follows train accuracy up almost at once. There is no plateau to wait for.',
    { trainFrac: 0.6, steps: 1000 },
  ),
  define(
    'mlp',
    'ReLU MLP',
    'A one-hidden-layer ReLU network on the same task. It needs more data (50%) to grok within a few thousand steps, and each step costs more.',
    { model: 'mlp', width: 128, trainFrac: 0.5, steps: 3000 },
  ),
  define(
    'mse',
    'MSE loss (Cullen et al.\'s setting, scaled down)',
    'The quadratic network on p = 53 with mean squared error on centred targets, the loss the LLC closed forms are derived for. ' +
      'Width 128 and 30% training data instead of their 1,024 and 40%, AdamW lr 0.003, wd 0.1: it memorizes by step ~50 and ' +
      'groks after a plateau of about a thousand steps.',
    { p: 53, loss: 'mse', width: 128, trainFrac: 0.3, lr: 0.003, wd: 0.1, steps: 3000 },
  ),
  define(
    'cullen',
    'MSE on minibatches: the LLC rises, peaks and falls',
    'Cullen et al.\'s setting at a size this machine trains in minutes: the quadratic network on p = 53, width 512, MSE on ' +
      'centred targets, 40% training data, minibatches of 128 (theirs: width 1,024, lr 1e-4, wd 1e-5). With AdamW lr 0.003 and ' +
      'wd 0.1 it memorizes at once and groks over about ten thousand steps; the LLC estimate rises while it memorizes, peaks, ' +
      'falls as test accuracy climbs and levels off after about twenty thousand steps (docs/science.md).',
    { p: 53, loss: 'mse', width: 512, trainFrac: 0.4, lr: 0.003, wd: 0.1, trainBatch: 128, steps: 30000, evalEvery: 100 },
  ),
  define(
    'transformer',
    'One-layer transformer (the entropy paper\'s model)',
    'The architecture Khanh et al. measured the 0.61 entropy threshold on: token and position embeddings, one attention layer ' +
      '(4 heads), a ReLU MLP, no LayerNorm, AdamW with wd 1 and β = (0.9, 0.98). Scaled down to run in a browser: p = 53 ' +
      '(theirs 97), d_model 64 (Nanda et al. 128), 40% training data, lr 0.003. Test accuracy climbs over a few thousand ' +
      'steps; at this size H̃ falls with the climb, not before it (docs/science.md).',
    { model: 'transformer', p: 53, width: 64, trainFrac: 0.4, lr: 0.003, wd: 1, steps: 4000, evalEvery: 25 },
  ),
];

/** The run the page (and the CLI) opens with when nothing is named. */
export const DEFAULT_PRESET_ID = 'textbook';
/**
 * What settings are read against when they name no preset: links, embeds and command lines made
 * before the textbook preset existed (`?p=17&width=32`) keep meaning the run they showed.
 */
export const SETTINGS_BASE_PRESET_ID = 'classic';

/** The preset an address or a command line means when it names none. */
export const unnamedPresetId = (namesSettings: boolean): string => (namesSettings ? SETTINGS_BASE_PRESET_ID : DEFAULT_PRESET_ID);

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

export function defaultConfig(): RunConfig {
  return { ...findPreset(DEFAULT_PRESET_ID)!.config };
}
