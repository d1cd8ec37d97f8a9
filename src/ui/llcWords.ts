/**
 * What a low or high λ̂ means on each loss, in the words the measurements allow. Every number here
 * is printed by a CLI command (named in the sentence) over three seeds; the README gives the tables.
 */
export function llcReading(loss: 'ce' | 'mse', length: 'short' | 'long' = 'long'): string {
  if (length === 'short')
    return loss === 'ce'
      ? 'On cross-entropy λ̂ falls with the train loss, generalizing or not (the no-decay control falls too): compare runs at equal train loss.'
      : 'On MSE λ̂ rose through memorization and the jump alike, then levelled off (3 seeds).';
  if (loss === 'ce')
    return (
      'On cross-entropy λ̂ falls with the train loss, whether or not the network generalizes: on the no-decay control, ' +
      'which never does, it falls too. So low λ̂ here is not a sign of grokking by itself. Compared at equal train loss, ' +
      'the memorizing control reads 4–6.5× higher than the classic run (1.4–12× per matched estimate over 3 seeds: npm run cli -- llc-control).'
    );
  return (
    'On MSE λ̂ rises while the network memorizes and keeps rising through the jump in test accuracy, then levels off ' +
    '(mse preset, npm run cli -- leads --preset mse, 3 seeds). At this scale it does not peak and fall as Cullen et al. ' +
    'report for their wider network.'
  );
}
