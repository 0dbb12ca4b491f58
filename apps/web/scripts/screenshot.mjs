// Screenshots of the running web app for a visual check: node scripts/screenshot.mjs <baseUrl> <outDir> <path...>
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import CHROMIUM_ARGS from '../../../tests/harness/chromium-args.json' with { type: 'json' };

const [baseUrl = 'http://127.0.0.1:3000', outDir = '/tmp/atelier-screens', ...paths] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const width = Number(process.env.WIDTH ?? 1366);
const page = await browser.newPage({ viewport: { width, height: 900 } });
page.on('console', (msg) => msg.type() === 'error' && console.error('[browser]', msg.text()));
for (const path of paths.length ? paths : ['/experiments', '/experiments/new']) {
  await page.goto(new URL(path, baseUrl).toString(), { waitUntil: 'networkidle' }).catch(() => undefined);
  await page.waitForTimeout(Number(process.env.WAIT_MS ?? 800));
  const file = `${outDir}/${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'root'}-${width}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}
await browser.close();
