// A tiny static server for the example: index.html, dist/, and the Fashion-MNIST files under
// data/ (from DATASET_DIR). `PORT=5173 node serve.mjs`, then open http://localhost:5173/?api=…
// with the API started with ATELIER_CORS_ORIGINS=http://localhost:5173.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const datasetDir = path.resolve(process.env.DATASET_DIR ?? path.join(here, '../../../shared/datasets/fashion-mnist'));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.gz': 'application/octet-stream',
};

/** The file a URL path names, only inside the example's folder or the dataset folder. */
function fileOf(urlPath) {
  const relative = decodeURIComponent(urlPath).replace(/^\/+/, '') || 'index.html';
  const [root, rest] = relative.startsWith('data/') ? [datasetDir, relative.slice(5)] : [here, relative];
  const file = path.resolve(root, rest);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (root === here && !(rest === 'index.html' || rest.startsWith('dist/'))) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

const server = createServer((request, response) => {
  const file = fileOf(new URL(request.url ?? '/', 'http://x').pathname);
  if (request.method !== 'GET' || file === null) {
    response.writeHead(file === null ? 404 : 405, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(response);
});
server.listen(port, host, () =>
  console.log(`serving http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/ (datasets from ${datasetDir})`),
);
