/** How the CLI's reports name a run's settings and the LLC estimator's, in one wording. */
import type { RunConfig } from '../core/config';
import type { LlcSettings } from '../core/metrics/llc';

export const describeRun = (c: RunConfig): string =>
  `${c.model}, ${c.task} mod ${c.p}, width ${c.width}, train ${c.trainFrac}, lr ${c.lr}, wd ${c.wd}, loss ${c.loss}` +
  (c.labelSmoothing > 0 ? `, label smoothing ${c.labelSmoothing}` : '') +
  (c.initScale !== 1 ? `, initial scale ×${c.initScale}` : '');

export const describeEstimator = (s: LlcSettings): string =>
  `ε ${s.epsilon}, γ ${s.gamma}, nβ ${s.nBeta ?? 'n/log n'}, ${s.chains} chains × ${s.draws} draws after ${s.burnIn} burn-in, SGLD batch ${s.batchSize}`;
