// A user picks three trials of a finished search, compares them, downloads the trials CSV and
// the best model, and classifies an uploaded image with "Try it".
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZComparison, ZPrediction, ZTrial, ZTrialEvaluations, type TComparison, type TExperimentDetail } from '@atelier/domain';
import type { Browser, Page } from 'playwright-core';
import { adminFetch } from '../../../tests/harness/auth';
import { failureReporter, launchChromium, signedInContext } from '../../../tests/harness/browser';
import { apiJson as fetchApiJson, trainedSearch } from '../../../tests/harness/search';
import { expectAccessible } from './axe';
import { startE2eServers, type Stack } from '../../../tests/harness/stack';
import { formatElapsed, formatInteger, formatPercent } from '../lib/format';

const TRAINING_TIMEOUT_MS = Number(process.env.E2E_TRAINING_TIMEOUT_MS ?? 240_000);
const LEARNING_RATES = [0.01, 0.003, 0.001];

describe('comparing trials, downloads and "try it" in the web app', () => {
  let stack: Stack | null = null;
  let apiUrl: string;
  let webUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let experiment: TExperimentDetail;
  const browserErrors: string[] = [];
  const downloads = mkdtempSync(path.join(tmpdir(), 'atelier-e2e-downloads-'));

  const apiJson = (route: string, init?: RequestInit) => fetchApiJson(apiUrl, route, init);

  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack });

  beforeAll(async () => {
    ({ stack, webUrl, apiUrl } = await startE2eServers({ api: true, workerConcurrency: 2 }));
    // a tiny real search: three learning rates of the MLP, 2 folds of 2 epochs on 300 images, then the refit
    experiment = await trainedSearch(
      apiUrl,
      {
        name: `e2e compare ${Date.now().toString(36)}`,
        dataset: 'fashion-mnist',
        space: {
          architecture: ['mlp'],
          batchSize: [32],
          epochs: [2],
          activation: ['relu'],
          optimizer: ['adam'],
          learningRate: LEARNING_RATES,
          momentum: [0],
        },
        validation: { kind: 'kfold', folds: 2 },
        trainingSlice: 300,
        seed: 3,
        priority: 1,
      },
      { timeoutMs: TRAINING_TIMEOUT_MS, stack },
    );
    browser = await launchChromium();
    const context = await signedInContext(browser, webUrl, { viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, TRAINING_TIMEOUT_MS + 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('picks three trials in the trials table and compares them: curves and matrices show the stored numbers', async () => {
    await page.goto(`${webUrl}/experiments/${experiment.id}`, { waitUntil: 'networkidle' });
    const boxes = page.locator('[data-testid="trials-table"] [data-testid="compare-checkbox"]');
    await page
      .waitForFunction(
        () => document.querySelectorAll('[data-testid="trials-table"] [data-testid="compare-checkbox"]').length === 3,
        undefined,
        { timeout: 20_000 },
      )
      .catch(failWith('the trials table did not load'));
    for (const box of await boxes.all()) await box.check();
    await page.getByTestId('compare-tray').getByRole('link', { name: 'Compare 3' }).click();
    await page.waitForURL(/\/compare\?trials=/, { timeout: 30_000 }).catch(failWith('the tray did not open the compare view'));
    await expectAccessible(page);
    await page
      .getByRole('heading', { name: 'Confusion matrices' })
      .waitFor({ timeout: 30_000 })
      .catch(failWith('the compare view did not show'));

    const ids = new URL(page.url()).searchParams.get('trials')!.split(',');
    expect(new Set(ids)).toEqual(new Set(experiment.trials.map((t) => t.id)));
    const comparison: TComparison = ZComparison.parse(await apiJson(`/compare?trials=${ids.join(',')}`));
    expect(comparison.differing).toEqual(['learningRate']);

    // the legend names only what differs, one entry per trial, in the comparison's order
    const legend = await page
      .getByRole('list', { name: 'Accuracy legend' })
      .locator('li:not([aria-label="Line styles"])')
      .allTextContents();
    expect(legend).toEqual(comparison.trials.map((t) => `lr=${t.hyperparameters.learningRate}`));
    // a training and a validation line per trial, each through both epochs
    const paths = await page
      .locator('[data-testid="compare-accuracy-chart"] path.recharts-line-curve')
      .evaluateAll((els) => els.map((el) => el.getAttribute('d') ?? ''));
    expect(paths).toHaveLength(6);
    for (const d of paths) expect(d).toMatch(/^M[^MLC]+[LC]/);

    // hovering the last epoch shows each trial's stored mean validation accuracy there
    const surface = page.locator('[data-testid="compare-accuracy-chart"] .recharts-surface').first();
    const box = (await surface.boundingBox())!;
    await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
    const tooltip = page.locator('[data-testid="compare-accuracy-chart"] .recharts-tooltip-wrapper');
    await tooltip.getByText('Epoch 2').waitFor({ timeout: 10_000 }).catch(failWith('no tooltip on the accuracy chart'));
    const tooltipText = await tooltip.innerText();
    for (const trial of comparison.trials) {
      const last = trial.curves.mean.find((p) => p.epoch === 2)!;
      expect(tooltipText).toContain(`lr=${trial.hyperparameters.learningRate} validation : ${formatPercent(last.valAccuracy)}`);
    }

    // per-fold charts: two folds and the mean per trial
    expect(await page.locator('[data-testid="fold-chart"]').count()).toBe(3);
    expect(await page.locator('[data-testid="fold-chart"]').first().locator('path.recharts-line-curve').count()).toBe(3);
    // the hyperparameter table highlights the learning rate only
    expect(await page.locator('[data-testid="hyperparameter-diff"] tr[data-differs] th').allTextContents()).toEqual([
      'Learning rate (differs)',
    ]);

    // every cell of every matrix is the stored count
    for (const trial of comparison.trials) {
      const stored = trial.validation!;
      const shown = await page
        .locator(`[data-testid="compare-matrix"][data-trial-id="${trial.id}"] [data-testid="confusion-cell"]`)
        .evaluateAll((cells) =>
          cells.map((c) => [
            Number(c.getAttribute('data-true')),
            Number(c.getAttribute('data-predicted')),
            Number(c.getAttribute('data-count')),
          ]),
        );
      expect(shown).toHaveLength(100);
      for (const [i, j, count] of shown) expect(count).toBe(stored.confusionMatrix[i!]![j!]);
      // out-of-fold: every training image of the slice is predicted once
      expect(stored.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(300);
    }
    // the difference of the first two, in percentage points
    expect(await page.locator('[data-testid="difference-cell"]').count()).toBe(100);
    // every class name is drawn whole inside its matrix (Fashion-MNIST's "Ankle boot" was cut to "Ankle bo")
    const clipped = await page.locator('[data-testid="confusion-matrix"], [data-testid="confusion-difference"]').evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        return Array.from(svg.querySelectorAll('text.confusion__col-label, text.confusion__row-label'))
          .filter((text) => {
            const r = text.getBoundingClientRect();
            return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5;
          })
          .map((text) => text.textContent);
      }),
    );
    expect(clipped).toEqual([]);
    // the curves' log scale, from the card's one control bar, applies to both of its charts
    await page.getByRole('group', { name: 'Learning curves chart settings' }).getByRole('checkbox', { name: 'Log scale' }).check();
    await page.locator('[data-testid="compare-loss-chart"]').getByText('Loss (log)').waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="compare-accuracy-chart"]').getByText('Accuracy (log)').waitFor({ timeout: 5_000 });
    // per-class table: a row per class and the averages, a best value highlighted in every row
    const rows = page.locator('[data-testid="per-class-table"] tbody tr');
    expect(await rows.count()).toBe(12);
    expect(await page.locator('[data-testid="per-class-table"] tbody tr').first().locator('td[data-best]').count()).toBeGreaterThanOrEqual(
      3,
    );

    // export: the CSV of the first matrix holds the stored counts
    const first = comparison.trials[0]!;
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-testid="compare-matrix"][data-trial-id="${first.id}"]`).getByRole('button', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync(await csvDownload.path(), 'utf8')
      .trim()
      .split('\r\n');
    const firstMatrix = first.validation!;
    expect(csv).toHaveLength(11);
    expect(csv[1]).toBe(`T-shirt/top,${firstMatrix.confusionMatrix[0]!.join(',')}`);
    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-testid="compare-matrix"][data-trial-id="${first.id}"]`).getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(readFileSync(await pngDownload.path()).subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });

  it('downloads the trials CSV with the stored scores', async () => {
    await page.goto(`${webUrl}/experiments/${experiment.id}`, { waitUntil: 'networkidle' });
    await page.getByTestId('trials-csv').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trials-csv').click()]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync(file, 'utf8').trim().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['number', 'status', 'architecture']);
    expect(lines).toHaveLength(4);
    const column = (name: string) => header.indexOf(name);
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const trial = experiment.trials.find((t) => t.number === Number(cells[column('number')]))!;
      expect(cells[column('status')]).toBe('completed');
      expect(Number(cells[column('learningRate')])).toBe(trial.hyperparameters.learningRate);
      expect(Number(cells[column('meanValAccuracy')])).toBeCloseTo(trial.meanValAccuracy!, 6);
    }
  });

  it('downloads the best model as a zip and as ONNX, and classifies an uploaded PNG with "try it"', async () => {
    const model = experiment.refit!.model!;
    await page.goto(`${webUrl}/trials/${experiment.refit!.trialId}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Try it' }).waitFor({ timeout: 30_000 }).catch(failWith('the trial page did not show'));

    // where each fold's time went, as the worker measured it: the same seconds in the table
    const trial = ZTrial.parse(await apiJson(`/trials/${experiment.refit!.trialId}`));
    const timed = trial.folds.filter((fold) => fold.timings !== null);
    expect(timed).toHaveLength(trial.folds.length);
    const rows = await page
      .getByTestId('fold-time-table')
      .locator('tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((cell) => cell.textContent)));
    const cells = (phase: string) => Promise.resolve(rows.find((row) => row[0] === phase)?.slice(1));
    expect(await cells('wall time on the worker')).toEqual(timed.map((fold) => formatElapsed(fold.timings!.wallSeconds)));
    expect(await cells('training batches')).toEqual(timed.map((fold) => formatElapsed(fold.timings!.phases.train)));
    expect(await cells('images trained')).toEqual(timed.map((fold) => formatInteger(fold.timings!.trainImages)));
    expect(await page.getByTestId('fold-time-summary').textContent()).toMatch(
      /^\d+(\.\d+)?% of the folds' time on their workers trained batches/,
    );

    // the test evaluation of the refit is on the page with the stored accuracy
    const evaluations = ZTrialEvaluations.parse(await apiJson(`/trials/${experiment.refit!.trialId}/evaluations`));
    const test = evaluations.items.find((e) => e.split === 'test')!;
    expect(await page.getByTestId('evaluation-test-accuracy').textContent()).toBe(formatPercent(test.accuracy));
    const matrixCounts = await page
      .locator('[data-testid="evaluation-test"] [data-testid="confusion-cell"]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count'))));
    expect(matrixCounts).toEqual(test.confusionMatrix.flat());
    expect(await page.locator('[data-testid="evaluation-test"] [data-testid="sample-predictions"] li').count()).toBe(
      test.samplePredictions.length,
    );

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model-download').first().click()]);
    const zipPath = path.join(downloads, download.suggestedFilename());
    await download.saveAs(zipPath);
    const zip = readFileSync(zipPath);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    expect(zip.length).toBe(model.sizeBytes);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(zip.includes(Buffer.from('model.json'))).toBe(true);

    // the same model as ONNX, from the button beside the zip: its card travels in metadata_props
    const [onnxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model-download-onnx').first().click()]);
    expect(onnxDownload.suggestedFilename()).toMatch(new RegExp(`^e2e-compare-[a-z0-9]+-trial-\\d+-${model.id}\\.onnx$`));
    const onnxPath = path.join(downloads, onnxDownload.suggestedFilename());
    await onnxDownload.saveAs(onnxPath);
    const onnx = readFileSync(onnxPath);
    // a ModelProto opens with ir_version (field 1, varint) = 7, the one opset 13 goes with
    expect([...onnx.subarray(0, 2)]).toEqual([0x08, 7]);
    expect(onnx.includes(Buffer.from('atelier.model_card'))).toBe(true);
    expect(onnx.includes(Buffer.from(`"trialId":"${experiment.refit!.trialId}"`))).toBe(true);
    const direct = Buffer.from(await (await adminFetch(`${apiUrl}/models/${model.id}/model.onnx`)).arrayBuffer());
    expect(Buffer.compare(onnx, direct)).toBe(0);

    // a real Fashion-MNIST test image, uploaded as a 28×28 PNG
    const png = Buffer.from(await (await adminFetch(`${webUrl}/api/datasets/fashion-mnist/images/test/0.png`)).arrayBuffer());
    const pngPath = path.join(downloads, 'test-0.png');
    writeFileSync(pngPath, png);
    await page.getByTestId('try-it-upload').setInputFiles(pngPath);
    await page.getByTestId('try-it-class').waitFor({ timeout: 30_000 }).catch(failWith('no prediction shown'));

    const form = new FormData();
    form.append('image', new Blob([png], { type: 'image/png' }), 'test-0.png');
    const expected = ZPrediction.parse(await apiJson(`/models/${model.id}/predict`, { method: 'POST', body: form }));
    expect(await page.getByTestId('try-it-class').textContent()).toBe(expected.predictions[0]!.className);
    const bars = await page
      .locator('[data-testid="probability-bars"] li')
      .evaluateAll((items) => items.map((li) => [li.getAttribute('data-class'), Number(li.getAttribute('data-probability'))] as const));
    expect(bars).toHaveLength(10);
    expect(bars.map(([name]) => name)).toEqual(expected.predictions.map((p) => p.className));
    bars.forEach(([, probability], i) => expect(probability).toBeCloseTo(expected.predictions[i]!.probability, 5));
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });
});
