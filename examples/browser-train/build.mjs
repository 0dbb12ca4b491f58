// Bundles src/train.mjs for browsers into dist/train.js: esbuild resolves @atelier/sdk through
// its "browser" export condition, so a Node-only module reaching the SDK's browser entry fails
// this build (esbuild cannot resolve node:* for the browser platform).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [path.join(here, 'src/train.mjs')],
  outfile: path.join(here, 'dist/train.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
