import { expect, llcReadoutStep, ready, test } from './fixtures';

const HOST = `<!doctype html><html lang="en"><head><title>A blog post</title></head><body>
<h1>My post about grokking</h1>
<script src="./embed.js"></script>
<grok-scope p="17" width="32" panels="accuracy,llc" height="700"></grok-scope>
<script>
  window.progress = [];
  addEventListener('message', (e) => { if (e.data && e.data.type === 'grokscope-progress') window.progress.push(e.data); });
  window.send = (msg) => document.querySelector('grok-scope').iframe.contentWindow.postMessage(msg, '*');
</script></body></html>`;

test('an embed on a host page obeys postMessage, reports progress, and ignores malformed messages', async ({ page, baseURL }) => {
  await page.route(`${baseURL}host.html`, (route) => route.fulfill({ contentType: 'text/html', body: HOST }));
  await page.goto('./host.html');
  const frame = page.frameLocator('grok-scope iframe');
  await expect(frame.getByTestId('embed')).toBeVisible();
  await expect(frame.getByTestId('chart-accuracy')).toBeVisible();
  await expect(frame.getByTestId('chart-llc')).toBeVisible();
  await expect(frame.getByTestId('chart-landscape')).toHaveCount(0);
  await expect(frame.getByTestId('open-full')).toHaveAttribute('href', /p=17/);
  await expect(frame.getByTestId('open-full')).not.toHaveAttribute('href', /embed=/);

  const lastProgress = () => page.evaluate(() => (window as unknown as { progress: Array<{ step: number; state: string }> }).progress.at(-1));
  await expect.poll(async () => (await lastProgress())?.state).toBe('paused');

  await page.evaluate(() => (window as unknown as { send(m: unknown): void }).send({ type: 'grokscope', command: 'play' }));
  await expect.poll(async () => (await lastProgress())?.step ?? 0, { timeout: 30_000 }).toBeGreaterThan(30);
  await page.evaluate(() => (window as unknown as { send(m: unknown): void }).send({ type: 'grokscope', command: 'pause' }));
  await expect.poll(async () => (await lastProgress())?.state).toBe('paused');
  const stopped = (await lastProgress())!.step;

  // Malformed and unknown messages change nothing.
  for (const bad of [{ type: 'grokscope', command: 'explode' }, { type: 'grokscope', command: 'set', config: { lr: 'fast' } }, 'play', null]) {
    await page.evaluate((m) => (window as unknown as { send(m: unknown): void }).send(m), bad);
  }
  await page.waitForTimeout(500);
  expect((await lastProgress())!.step).toBe(stopped);
  await expect(frame.locator('[data-testid="chart-accuracy"] [data-marker^="lr"]')).toHaveCount(0);

  await page.evaluate(() => (window as unknown as { send(m: unknown): void }).send({ type: 'grokscope', command: 'set', config: { lr: 0.02 } }));
  await expect(frame.locator('[data-testid="chart-accuracy"] [data-marker^="lr"]')).toHaveAttribute('data-marker', 'lr 0.01 → 0.02');
  const p = (await lastProgress())!;
  expect(p).toMatchObject({ type: 'grokscope-progress', events: { fitStep: expect.any(Number) } });
});

test('an embed told its host origin obeys that origin only, and sends nothing elsewhere', async ({ page, baseURL }) => {
  const host = (origin: string) => HOST.replace('height="700"', `height="700" origin="${origin}"`);
  // Another origin named: the host page here is not it, so its commands are ignored and it hears nothing.
  await page.route(`${baseURL}host.html`, (route) => route.fulfill({ contentType: 'text/html', body: host('https://elsewhere.example') }));
  await page.goto('./host.html');
  const frame = page.frameLocator('grok-scope iframe');
  await expect(frame.getByTestId('embed')).toBeVisible();
  await page.evaluate(() => (window as unknown as { send(m: unknown): void }).send({ type: 'grokscope', command: 'play' }));
  await page.waitForTimeout(1500);
  await expect(frame.getByTestId('step-count')).toHaveText('0');
  expect(await page.evaluate(() => (window as unknown as { progress: unknown[] }).progress.length)).toBe(0);
  // This page's own origin named: it steers the embed and hears its progress.
  await page.unroute(`${baseURL}host.html`);
  await page.route(`${baseURL}host.html`, (route) => route.fulfill({ contentType: 'text/html', body: host(new URL(baseURL!).origin) }));
  await page.goto('./host.html');
  await expect(frame.getByTestId('embed')).toBeVisible();
  await page.evaluate(() => (window as unknown as { send(m: unknown): void }).send({ type: 'grokscope', command: 'play' }));
  await expect.poll(() => page.evaluate(() => (window as unknown as { progress: Array<{ step: number }> }).progress.at(-1)?.step ?? 0), { timeout: 30_000 }).toBeGreaterThan(10);
});

test('the Embed dialog: the current settings, panels picked and ordered, theme, captions, a height cap, a live preview, and copy', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./?p=23&lr=0.02');
  await ready(page);
  await page.getByTestId('embed-button').click();
  const iframe = page.getByTestId('embed-snippet');
  await expect(iframe).toHaveValue(/<iframe src=".*p=23.*lr=0\.02.*embed=1.*panels=accuracy%2Cllc/);
  // Fourier view in, LLC out, and the Fourier view moved to the top.
  const panels = page.getByTestId('embed-panel-picker');
  await panels.locator('input[data-panel="fourier"]').check();
  await panels.locator('input[data-panel="llc"]').uncheck();
  await panels.getByRole('button', { name: 'Move Fourier view up' }).click();
  await page.getByTestId('embed-theme').selectOption('dark');
  await page.getByTestId('embed-captions').uncheck();
  await page.getByTestId('embed-height').fill('600');
  await expect(iframe).toHaveValue(/panels=fourier%2Caccuracy&amp;theme=dark&amp;captions=0/);
  await expect(iframe).toHaveValue(/max-height:600px/);
  await expect(page.getByTestId('embed-element')).toHaveValue(/<grok-scope p="23" lr="0.02" panels="fourier,accuracy" theme="dark" captions="0" height="600"><\/grok-scope>/);
  // The preview is that embed, live: its panels in that order, dark.
  const preview = page.frameLocator('[data-testid="embed-preview"]');
  await expect(preview.getByTestId('embed')).toBeVisible();
  await expect(preview.locator('[data-testid="chart-fourier"], [data-testid="chart-accuracy"]').first()).toHaveAttribute('data-testid', 'chart-fourier');
  await expect(preview.getByTestId('chart-llc')).toHaveCount(0);
  await expect(preview.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('embed-element-copy').click();
  await expect(page.getByTestId('embed-element-copy')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('<grok-scope p="23"');
});

test('an embed with a height cap lays its panels out to fit it, every axis whole', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 900 });
  await page.goto('./?embed=1&panels=accuracy,llc,entropy&height=900&p=17&width=32');
  await expect(page.getByTestId('embed')).toBeVisible();
  await page.getByTestId('play').click();
  await expect.poll(async () => Number((await page.getByTestId('step-count').textContent())!.replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(50);
  expect(await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height))).toBeLessThanOrEqual(900 + 16);
  for (const id of ['chart-accuracy', 'chart-llc', 'chart-entropy']) {
    const axis = page.getByTestId(id).getByText(/^training step/);
    await expect(axis).toBeVisible();
    const box = (await axis.boundingBox())!;
    expect(box.y + box.height, id).toBeLessThanOrEqual(900);
  }
  // Without the cap the same page is taller: the cap did the fitting.
  await page.goto('./?embed=1&panels=accuracy,llc,entropy&p=17&width=32');
  await expect(page.getByTestId('chart-entropy')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.getBoundingClientRect().height)).toBeGreaterThan(900 + 16);
  // A cap too small for any chart is refused with a message, and the page stays as tall as its content.
  await page.goto('./?embed=1&height=50');
  await expect(page.getByTestId('url-notice')).toContainText('height must be at least 200 px');
});

for (const width of [375, 1200]) {
  test(`the embed reads well at ${width} px`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 700 });
    await page.goto('./?embed=1&panels=accuracy,llc,entropy&p=17&width=32&autoplay=1');
    await expect(page.getByTestId('embed')).toBeVisible();
    await expect.poll(async () => Number((await page.getByTestId('step-count').textContent())!.replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(100);
    // LLC estimates arrive from their own worker after the steps they measure: wait for one the log axis can place.
    await expect.poll(() => llcReadoutStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
    // Nothing wider than the viewport: no sideways scrolling in a narrow column.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // Every chart is drawn whole: its plot, both axes' labels and its curves inside the viewport.
    const charts = page.locator('[data-testid^="chart-"]:not([data-testid$="-png"]):not([data-testid$="-svg"])');
    await expect(charts).toHaveCount(3);
    for (const chart of await charts.all()) {
      const box = (await chart.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.height).toBeGreaterThan(150);
      const axis = chart.getByText(/^training step/);
      await expect(axis).toBeVisible();
      const label = (await axis.boundingBox())!;
      expect(label.x).toBeGreaterThanOrEqual(0);
      expect(label.x + label.width).toBeLessThanOrEqual(width);
      // The curves reached the canvas.
      const painted = await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
        return false;
      });
      expect(painted).toBe(true);
    }
    await page.screenshot({ path: testInfo.outputPath(`embed-${width}.png`), fullPage: true });
  });
}

const BLOG = `<!doctype html><html lang="en"><head><title>A post</title>
<style>body { max-width: 720px; margin: 0 auto; font: 18px/1.6 Georgia, serif; }</style></head><body>
<h1>Why networks grok</h1>
<p>A paragraph above the first figure, as in any post.</p>
<script src="./embed.js"></script>
<grok-scope id="fig1" class="figure wide" data-note="mine" aria-describedby="c1" p="17" width="32" panels="accuracy,llc"></grok-scope>
<p id="c1">The second figure is dark, like a dark blog.</p>
<grok-scope id="fig2" class="figure" p="17" width="32" panels="accuracy,entropy,loss" theme="dark" captions="0" height="5000"></grok-scope>
<p>A paragraph below.</p>
</body></html>`;

test('a blog post with two embeds: settings only, no notice, each frame as tall as its content, theme, focus left alone', async ({ page, baseURL }) => {
  await page.route(`${baseURL}post.html`, (route) => route.fulfill({ contentType: 'text/html', body: BLOG }));
  await page.goto('./post.html');
  for (const [id, theme, charts] of [
    ['fig1', 'light', ['chart-accuracy', 'chart-llc']],
    ['fig2', 'dark', ['chart-accuracy', 'chart-entropy', 'chart-loss']],
  ] as const) {
    const frame = page.frameLocator(`#${id} iframe`);
    for (const c of charts) await expect(frame.getByTestId(c)).toBeVisible();
    await expect(frame.getByTestId('url-notice')).toHaveCount(0);
    await expect(frame.locator('html')).toHaveAttribute('data-theme', theme);
    // The frame fits its content: no scrollbar inside the post, no gap below.
    await expect
      .poll(async () => {
        const outer = await page.locator(`#${id} iframe`).evaluate((f: HTMLIFrameElement) => f.getBoundingClientRect().height);
        const inner = await frame.locator('html').evaluate((h) => h.scrollHeight);
        return Math.abs(outer - inner);
      })
      .toBeLessThanOrEqual(3);
    expect(await page.locator(`#${id}`).evaluate((e) => getComputedStyle(e).display)).toBe('block');
    // The host's own attributes stayed out of the link.
    const src = (await page.locator(`#${id} iframe`).getAttribute('src'))!;
    expect(src).not.toMatch(/[?&](id|class|data-note|aria-describedby)=/);
  }
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  // The bar steps and resets; captions=0 leaves axis labels and legends but not the explanations.
  const first = page.frameLocator('#fig1 iframe');
  await first.getByTestId('step').click();
  await expect(first.getByTestId('step-count')).toHaveText('1');
  await first.getByTestId('reset').click();
  await expect(first.getByTestId('step-count')).toHaveText('0');
  await expect(first.locator('.chart-note').first()).toBeVisible();
  const second = page.frameLocator('#fig2 iframe');
  expect(await second.locator('.chart-note').count()).toBeGreaterThan(0);
  for (const note of await second.locator('.chart-note').all()) await expect(note).toBeHidden();
  await expect(second.getByTestId('chart-loss').getByText('training step (log scale)')).toBeVisible();
});
