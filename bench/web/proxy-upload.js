#!/usr/bin/env node
'use strict';
/**
 * Does a big upload through the web app keep the web server's memory flat? (issue 14: the proxy
 * read whole request bodies into memory; a 500 MB upload took the web server to 2.19 GB and
 * ended in a misleading 502.) NOT run in CI.
 *
 *   pnpm build && node bench/web/proxy-upload.js [--mib 500] [--chunked] [--json]
 *
 * Starts the built API (apps/api/dist) on a fresh database (dropped afterwards) and the built web
 * app (`next start`, apps/web/.next) pointed at it, creates a run, then uploads one --mib MiB file
 * as multipart/form-data to POST /api/runs/:id/artifacts on the web server, which the proxy
 * passes on to the API's artifact store. The body is generated as it is sent (the load generator
 * holds 1 MiB), with a Content-Length unless --chunked. Every 50 ms it reads the resident memory
 * (VmRSS) of the web server's process tree and of the API; it prints each one's idle and peak RSS,
 * the web server's growth, and the ratio of the two peaks. The peer is the API measured in the
 * same run: it receives the same bytes (it streams them to disk), so a web server that streams
 * too stays near the API's figure, and one that buffers goes past the file's size.
 *
 * Figures: README, "Benchmarks".
 */
const path = require('node:path');
const fs = require('node:fs');
const http = require('node:http');
const { spawn } = require('node:child_process');
const { parseArgs } = require('node:util');
const { startApi, machine } = require('../tracking/api-under-test');
const { apiHeaders } = require('../http');
// one free-port finder for every benchmark that starts servers
const { freePort } = require('../search/stack');

const ROOT = path.resolve(__dirname, '../..');
const MiB = 1024 * 1024;

const { values: args } = parseArgs({
  options: {
    mib: { type: 'string', default: '500' },
    chunked: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const sizeMiB = Number(args.mib);
if (!Number.isInteger(sizeMiB) || sizeMiB < 1) throw new Error(`--mib must be a whole number of MiB, got ${args.mib}`);

/** The pid and its descendants (next start may run the server in a child process). */
function processTree(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    for (const task of safeReaddir(`/proc/${pids[i]}/task`)) {
      const children = safeRead(`/proc/${pids[i]}/task/${task}/children`).trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    }
  }
  return pids;
}

function safeReaddir(dir) {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Resident memory of a process tree in bytes (VmRSS summed). */
function rss(pid) {
  let bytes = 0;
  for (const p of processTree(pid)) {
    const match = /VmRSS:\s+(\d+) kB/.exec(safeRead(`/proc/${p}/status`));
    if (match) bytes += Number(match[1]) * 1024;
  }
  return bytes;
}

/** Samples both processes every 50 ms until stopped; keeps each one's peak. */
function sampler(pids) {
  const peaks = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) peaks[name] = Math.max(peaks[name], rss(pid));
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

async function startWeb(apiUrl) {
  const nextBin = require.resolve('next/dist/bin/next', { paths: [path.join(ROOT, 'apps/web')] });
  if (!fs.existsSync(path.join(ROOT, 'apps/web/.next/BUILD_ID'))) throw new Error('apps/web/.next is missing: run `pnpm build` first');
  const port = await freePort();
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: path.join(ROOT, 'apps/web'),
    env: { ...process.env, ATELIER_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server exited (${child.exitCode}) before answering:\n${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the web server did not answer /api/health within 60 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, pid: child.pid, stop };
}

/** POSTs one multipart file part of `bytes` bytes, generated 1 MiB at a time with backpressure. */
function uploadFile(url, bytes, { chunked }) {
  const boundary = `atelier-bench-${Date.now().toString(36)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const headers = apiHeaders({ 'content-type': `multipart/form-data; boundary=${boundary}` });
  if (!chunked) headers['content-length'] = String(head.length + bytes + tail.length);
  const block = Buffer.alloc(MiB, 0x5a);
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, body: text, seconds: Number(process.hrtime.bigint() - started) / 1e9 }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.write(head);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const piece = left >= MiB ? block : block.subarray(0, left);
        left -= piece.length;
        if (!request.write(piece)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end(tail);
    };
    pump();
  });
}

const mib = (bytes) => (bytes / MiB).toFixed(1);

async function main() {
  const api = await startApi('proxy_upload', { ATELIER_ARTIFACT_MAX_BYTES: String(1024 * MiB) });
  let web;
  try {
    web = await startWeb(api.url);
    const created = await fetch(`${api.url}/runs`, {
      method: 'POST',
      headers: apiHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify({ experiment: 'bench proxy upload', name: 'upload' }),
    });
    if (created.status !== 201) throw new Error(`POST /runs answered ${created.status}: ${await created.text()}`);
    const run = await created.json();
    // settle after start-up, then the idle figures
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = { web: rss(web.pid), api: rss(api.pid) };
    const bytes = sizeMiB * MiB;
    const samples = sampler({ web: web.pid, api: api.pid });
    const result = await uploadFile(`${web.url}/api/runs/${run.id}/artifacts`, bytes, { chunked: args.chunked });
    const peak = samples.stop();
    if (result.status !== 201) throw new Error(`the upload answered ${result.status}: ${result.body.slice(0, 500)}`);
    const stored = JSON.parse(result.body).items?.[0]?.sizeBytes;
    if (stored !== bytes) throw new Error(`the API stored ${stored} bytes, ${bytes} were sent`);
    const figures = {
      date: new Date().toISOString(),
      machine: machine(),
      upload: {
        mib: sizeMiB,
        chunked: args.chunked,
        seconds: Number(result.seconds.toFixed(2)),
        mibPerSecond: Number((sizeMiB / result.seconds).toFixed(1)),
        storedBytes: stored,
      },
      webRssMiB: { idle: Number(mib(idle.web)), peak: Number(mib(peak.web)), growth: Number(mib(peak.web - idle.web)) },
      apiRssMiB: { idle: Number(mib(idle.api)), peak: Number(mib(peak.api)), growth: Number(mib(peak.api - idle.api)) },
      peakRatioWebToApi: Number((peak.web / peak.api).toFixed(2)),
    };
    if (args.json) {
      console.log(JSON.stringify(figures, null, 2));
      return;
    }
    console.log(`${figures.date}  ${figures.machine}`);
    console.log(
      `upload: ${sizeMiB} MiB through the web proxy${args.chunked ? ' (chunked, no Content-Length)' : ''} in ${figures.upload.seconds} s (${figures.upload.mibPerSecond} MiB/s), 201, ${stored} bytes stored`,
    );
    console.log(`web server RSS  idle ${mib(idle.web)} MiB  peak ${mib(peak.web)} MiB  (+${mib(peak.web - idle.web)} MiB)`);
    console.log(`peer: API RSS   idle ${mib(idle.api)} MiB  peak ${mib(peak.api)} MiB  (+${mib(peak.api - idle.api)} MiB)`);
    console.log(`peak web / peak API = ${figures.peakRatioWebToApi}`);
  } finally {
    await web?.stop();
    await api.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
