/**
 * What a low or high λ̂ means on each loss, in the words the measurements allow. Every number here
 * is printed by a CLI command (named in the sentence) over three seeds; the README gives the tables.
 */
export function llcReading(loss: 'ce' | 'mse', length: 'short' | 'long' = 'long'): string {
  if (length === 'short')
    return loss === 'ce'
      ? 'On cross-entropy λ̂ falls with the train loss, generalizing or not (the no-decay control falls too): compare runs at equal train loss.'
      : 'On MSE it depends on width: at 128 (mse preset) λ̂ rose and levelled off; at 512 (cullen) it peaked after memorizing, fell through the jump, then levelled off (3 seeds each).';
  if (loss === 'ce')
    return (
      'On cross-entropy λ̂ falls with the train loss, whether or not the network generalizes: on the no-decay control, ' +
      'which never does, it falls too. So low λ̂ here is not a sign of grokking by itself. Compared at equal train loss, ' +
      'the memorizing control reads 5.7–6.2× higher than the classic run (1.4–11× per matched estimate over 3 seeds: npm run cli -- llc-control --preset classic).'
    );
  return (
    'On MSE the trajectory depends on the width. At width 128 (mse preset) λ̂ rises while the network memorizes and keeps ' +
    'rising through the jump in test accuracy, then levels off. At width 512 on minibatches (cullen preset) it rises to a peak ' +
    'just after memorization, falls by about a fifth by the time test accuracy passes 95%, and levels off about 43% below ' +
    'the peak from step ~20,000, as Cullen et al. report (npm run cli -- leads --preset mse or --preset cullen, 3 seeds each).'
  );
}
