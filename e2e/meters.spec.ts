import { expect, percent, ready, test } from './fixtures';

const finiteIn = (text: string | null, pattern: RegExp) => {
  const m = (text ?? '').match(pattern);
  return m ? Number(m[1]) : NaN;
};

test('on the classic preset the meters fill with finite numbers and phase bands appear', async ({ page }) => {
  await page.goto('./?preset=classic');
  await ready(page);
  // Step 0 is measured before training starts.
  await expect(page.getByTestId('entropy-readout')).toContainText('H̃ =');
  await page.getByTestId('play').click();
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 60_000 }).toBe(100);
  // Paused on the plateau; the estimator finishes the snapshots taken so far.
  await page.getByTestId('pause').click();

  await expect(page.getByTestId('llc-value')).toContainText('λ̂ =', { timeout: 30_000 });
  const llc = finiteIn(await page.getByTestId('llc-value').textContent(), /λ̂ = ([-\d.e]+)/);
  expect(Number.isFinite(llc)).toBe(true);
  await expect(page.getByTestId('meter-needle')).toBeVisible();
  await expect(page.getByTestId('llc-settings')).toContainText('ε 0.001 · γ 100 · nβ 102 · 2 chains × 200 draws (+100 burn-in)');
  await expect(page.getByTestId('chart-llc')).toContainText('λ̂ =');
  // The estimates come from the meters' own worker, beside the training worker.
  expect(page.workers().map((w) => w.url()).some((u) => /meters\.worker/.test(u))).toBe(true);
  // The chain-loss trace behind the estimate, on demand: one line per chain.
  await page.getByTestId('llc-trace').locator('summary').click();
  await expect(page.getByTestId('llc-trace').locator('svg path')).toHaveCount(2);
  await expect(page.getByTestId('llc-trace')).toContainText(/The chains levelled off and agree: \d+% between the last two thirds and a trend of \d+%, each under 10% or within the chains' noise; chains \d+% apart\.|Not converged: /);
  // No closed form is shown for cross-entropy, and the ceiling D/2 is.
  await expect(page.getByTestId('chart-llc')).toContainText('no LLC exceeds D/2 = 6,768');
  await expect(page.getByTestId('chart-llc')).toContainText('derived for MSE');

  const entropy = finiteIn(await page.getByTestId('entropy-readout').textContent(), /H̃ = ([\d.]+)/);
  expect(entropy).toBeGreaterThan(0);
  expect(entropy).toBeLessThanOrEqual(1);
  // H̃ does not collapse on this network: one line says so, and no threshold is drawn as if it predicted.
  await expect(page.locator('[data-testid="chart-entropy"] [data-reference^="H̃* = 0.609"]')).toHaveCount(0);
  await expect(page.getByTestId('entropy-no-collapse')).toContainText(/H̃ does not collapse on the quadratic network \(lowest so far 0\.\d\d\)/);
  await expect(page.getByTestId('entropy-no-collapse')).toContainText('centred covariance');

  for (const chart of ['chart-accuracy', 'chart-llc', 'chart-entropy', 'chart-loss', 'chart-norm']) {
    await expect(page.locator(`[data-testid="${chart}"] [data-band="memorization"]`)).toHaveCount(1);
    await expect(page.locator(`[data-testid="${chart}"] [data-band="plateau"]`)).toHaveCount(1);
  }
  await expect(page.getByTestId('narrative')).toContainText(/Memorized at step \d+: train 100\.0%, test [\d.]+%\. Watching for the jump…/);
  // What a low reading means on this loss, as measured (the control falls too).
  await expect(page.getByTestId('llc-reading')).toContainText('generalizing or not (the no-decay control falls too)');
  await expect(page.getByTestId('chart-llc')).toContainText('on the no-decay control, which never does, it falls too');
});

test('chains too short to level off are labelled not converged, on the chart, the gauge and the trace', async ({ page }) => {
  await page.goto('./?p=23&width=32&llc-every=20&steps=100000');
  await ready(page);
  await page.getByTestId('estimator-settings').locator('summary').click();
  await page.getByRole('spinbutton', { name: 'burn-in (num_burnin_steps)', exact: true }).fill('0');
  await page.getByRole('spinbutton', { name: 'draws per chain (num_draws)', exact: true }).fill('12');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('llc-settings')).toContainText('12 draws (+0 burn-in)', { timeout: 30_000 });
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('llc-not-converged')).toBeVisible();
  await expect(page.getByTestId('chart-llc')).toContainText('λ̂, chains not levelled off');
  await expect(page.getByTestId('flatness-meter')).toContainText('Not converged: the chains were still moving');
  await page.getByTestId('llc-trace').locator('summary').click();
  await expect(page.getByTestId('llc-trace')).toContainText(/Not converged: \d+% between the last two thirds, a trend of \d+% across the draws, chains \d+% apart\./);
  await expect(page.getByTestId('flatness-meter')).toContainText(/not converged: the chains' loss was still moving \(\d+% between the last two thirds of the draws, a trend of \d+% across them\); use more draws/);
});

test('estimates made while training still arrive after Pause, which answers at once', async ({ page }) => {
  await page.goto('./?backend=wasm');
  await ready(page);
  await page.getByTestId('speed').selectOption('fast');
  await page.getByTestId('play').click();
  await expect.poll(async () => Number(((await page.getByTestId('step-count').textContent()) ?? '0').replace(/,/g, '')), { timeout: 60_000 }).toBeGreaterThan(1200);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible({ timeout: 1000 });
  await expect(page.getByTestId('llc-pending')).toContainText(/\d+ more estimates? on the way/);
  const stepOf = async () => Number(((await page.getByTestId('llc-value').textContent()) ?? '').match(/at step ([\d,]+)/)?.[1].replace(/,/g, '') ?? NaN);
  // The estimator catches up with the snapshots taken while training ran: the gauge reaches step 1,000 or later,
  // and the count of estimates on their way goes to zero.
  await expect.poll(stepOf, { timeout: 60_000 }).toBeGreaterThanOrEqual(1000);
  await expect(page.getByTestId('llc-pending')).toBeHidden({ timeout: 60_000 });
  // The run's own leads: the LLC signal fired after memorizing and before test accuracy left the plateau.
  const llcLead = page.getByTestId('lead-llc').locator('td');
  await expect(llcLead.nth(0)).toHaveText(/^\d[\d,]*$/);
  await expect(llcLead.nth(1)).toHaveText(/^\+\d/);
  await expect(page.getByTestId('meter-leads')).toContainText(/Test accuracy left the plateau at [\d,]+, passed 50% at [\d,]+/);
});

test('estimator settings change the next LLC estimate, and the threshold is adjustable', async ({ page }) => {
  await page.goto('./?p=23&width=32&steps=100000');
  await ready(page);
  await page.getByTestId('estimator-settings').locator('summary').click();
  // Where the estimator departs from devinterp's, the panel says so.
  await expect(page.getByTestId('estimator-settings')).toContainText('devinterp uses m/log m');
  await expect(page.getByTestId('estimator-settings')).toContainText("compared with the centre's loss on the same minibatch");
  // The convergence rule, with the widening the CLI's llc-noise measured.
  await expect(page.getByTestId('estimator-settings')).toContainText(/within 10% of its middle third, or within 3 standard errors of the chain's own noise, widened by 1\.5/);
  await page.getByRole('spinbutton', { name: 'chains (num_chains)', exact: true }).fill('3');
  await page.getByRole('spinbutton', { name: 'LLC every (steps, 0 = off)' }).fill('20');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('llc-settings')).toContainText('3 chains', { timeout: 30_000 });
  await expect.poll(() => percent(page, 'train-acc'), { timeout: 30_000 }).toBe(100);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('entropy-readout')).not.toContainText('crossed');
  await page.getByLabel('Entropy threshold').fill('0.99');
  await expect(page.locator('[data-testid="chart-entropy"] [data-reference^="H̃* = 0.990"]')).toHaveCount(1);
  // Every H̃ measured here is below 0.99, so the crossing is the first measurement after the fit.
  await expect(page.getByTestId('entropy-crossing')).toContainText(/first below 0\.990 after memorizing at step \d+/);
  await expect(page.locator('[data-testid="chart-entropy"] [data-marker="H̃ < 0.99"]')).toHaveCount(1);
});

test('the transformer preset uses the paper\'s architecture and its own LLC step size', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.getByTestId('preset').selectOption('transformer');
  await expect(page).toHaveURL(/preset=transformer/);
  await expect(page.getByTestId('chart-entropy')).toContainText('Khanh et al. measured H̃* ≈ 0.61 on a one-layer transformer', { timeout: 30_000 });
  // Step 0 is estimated as soon as the new run starts: ~600 transformer gradients on the estimator's
  // core (~20 s here; a busy machine takes longer).
  await expect(page.getByTestId('llc-settings')).toContainText('ε 1e-4', { timeout: 60_000 });
  await expect(page.locator('.dataset')).toContainText('transformer network, width 64');
});

test('on the transformer the threshold, its confidence band and the first crossing are drawn, with the leads', async ({ page }) => {
  // A threshold above the plateau's H̃ makes the first crossing come right after memorizing.
  await page.goto('./?preset=transformer&llc-every=0');
  await ready(page);
  const chart = page.getByTestId('chart-entropy');
  await expect(chart.locator('[data-reference^="H̃* = 0.609"]')).toHaveCount(1);
  await expect(chart.locator('[data-reference-band^="H̃* = 0.609"]')).toHaveCount(1);
  await expect(chart).toContainText('centred covariance');
  await page.getByRole('spinbutton', { name: 'Entropy threshold' }).fill('0.95');
  await page.getByTestId('play').click();
  await expect(chart.locator('[data-marker="H̃ < 0.95"]')).toHaveCount(1, { timeout: 60_000 });
  await page.getByTestId('pause').click();
  // The paper's band belongs to the paper's threshold only.
  await expect(chart.locator('[data-reference-band]')).toHaveCount(0);
  await expect(page.getByTestId('entropy-crossing')).toContainText(/first below 0\.950 after memorizing at step [\d,]+/);
  await expect(page.getByTestId('entropy-lead')).toContainText('lead to the test rise');
  await expect(page.getByTestId('lead-entropy')).toContainText('H̃ < 0.950');
});

test('on the transformer the progress measures find key frequencies and the restricted loss falls long before test accuracy is high', async ({ page }) => {
  await page.goto('./?preset=transformer&llc-every=0&entropy-every=0');
  await ready(page);
  await page.getByTestId('play').click();
  // Seeds 1–3 fire the restricted-loss signal at steps 200–1,100 (npm run cli -- leads --preset transformer).
  await expect(page.getByTestId('restricted-signal')).toHaveText(/^[\d,]+$/, { timeout: 120_000 });
  await page.getByTestId('pause').click();
  const keys = (await page.getByTestId('progress-keys').textContent())!;
  expect(keys).toMatch(/^\d+(, \d+)*$/);
  const restricted = parseFloat((await page.getByTestId('restricted-loss').textContent())!);
  const excluded = parseFloat((await page.getByTestId('excluded-loss').textContent())!);
  expect(restricted).toBeLessThan(0.5 * Math.log(53));
  expect(excluded).toBeGreaterThan(restricted);
  // Test accuracy is still far from 95%: the algorithm formed before the network answered with it.
  expect(parseFloat((await page.getByTestId('test-acc').textContent())!)).toBeLessThan(95);
  // The transformer has one token table: one fitted cosine for the unit shown.
  await expect(page.getByTestId('unit-plot')).toBeVisible();
  await expect(page.getByTestId('unit-fit-1')).toHaveCount(0);
});

test('the collapse intervention is a switch on the transformer, kept in the link, and off for other models', async ({ page }) => {
  await page.goto('./?preset=transformer&llc-every=0');
  await ready(page);
  await page.getByText('Task and model (start a new run)').click();
  const mix = page.getByTestId('mix-field').getByRole('checkbox');
  await expect(mix).not.toBeChecked();
  await mix.check();
  await expect(page).toHaveURL(/mix-representations=0\.3/);
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('restricted-loss')).not.toHaveText('—', { timeout: 60_000 });
  await page.getByTestId('pause').click();
  // Leaving the transformer turns it off: the link no longer carries it, and the switch is gone.
  await page.locator('.advanced select').nth(2).selectOption('quadratic');
  await expect(page).not.toHaveURL(/mix-representations/);
  await expect(page.getByTestId('mix-field')).toHaveCount(0);
  // A link that asks for it on another model says why it cannot.
  await page.goto('./?model=quadratic&mix-representations=0.3');
  await expect(page.getByTestId('url-notice')).toContainText('transformer only');
});

test('a negative LLC estimate (at initialization, not a minimum) gets no needle and says why', async ({ page }) => {
  await page.goto('./'); // the textbook run: its initial weights, 9× the usual scale, are far from any minimum
  await ready(page);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('llc-value')).toContainText('at step 0', { timeout: 30_000 });
  await expect(page.getByTestId('llc-value')).toContainText('λ̂ = −');
  await expect(page.getByTestId('llc-off-scale')).toContainText('negative, so these weights are not at a minimum');
  await expect(page.getByTestId('meter-needle')).toHaveCount(0);
});
