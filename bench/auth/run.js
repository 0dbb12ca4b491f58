#!/usr/bin/env node
'use strict';
/**
 * What sign-in costs a request (issue 16: authentication adds below 1 ms at p50 to
 * GET /experiments). NOT run in CI.
 *
 *   pnpm build && node bench/auth/run.js [--experiments 40] [--repeat 400] [--json]
 *
 * Starts the built API (apps/api/dist) on a fresh database (dropped afterwards) with a bootstrap
 * admin and token, creates a project with --experiments searches in it and an editor who is a
 * member of it (with a session cookie and an API token of their own), then sends, interleaved
 * round-robin so that the machine's noise falls on all of them alike, --repeat times each after
 * 20 warm-ups:
 *
 *   GET /experiments?project=bench&limit=20   with the admin's bootstrap token
 *   GET /experiments?project=bench&limit=20   with the editor's project token
 *   GET /experiments?limit=20                 with the editor's session cookie (every project
 *                                             they belong to: one more query for the memberships)
 *   GET /health                               the peer: public, no authentication
 *
 * For each it prints the client's p50/p95 and the API's own figure for authentication and
 * authorization, read from the Server-Timing header the access guard sets (`auth;dur=…`), and
 * that figure's share of the request.
 */
const { parseArgs } = require('node:util');
const { randomBytes } = require('node:crypto');
const { startApi, timed, stats, machine } = require('../tracking/api-under-test');

const { values: args } = parseArgs({
  options: {
    experiments: { type: 'string', default: '40' },
    repeat: { type: 'string', default: '400' },
    json: { type: 'boolean', default: false },
  },
});
const EXPERIMENTS = Number(args.experiments);
const REPEAT = Number(args.repeat);
const WARMUP = 20;
const PROJECT = 'bench';

const SEARCH = {
  dataset: 'mnist',
  space: {
    architecture: ['cnn-a'],
    batchSize: [32],
    epochs: [1],
    activation: ['relu'],
    optimizer: ['adam'],
    learningRate: [0.01],
    momentum: [0],
  },
};

function authMs(headers) {
  const match = /auth;dur=([\d.]+)/.exec(headers['server-timing'] ?? '');
  return match ? Number(match[1]) : null;
}

async function expectStatus(url, init, status) {
  const response = await timed(url, init);
  if (response.status !== status) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/** POST with a JSON body; returns the parsed body and the response's cookies. */
async function postJson(url, headers, body, status = 201) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== status) throw new Error(`POST ${url}: ${response.status} ${text}`);
  return { body: text ? JSON.parse(text) : null, cookies: response.headers.getSetCookie().map((c) => c.split(';')[0]) };
}

async function main() {
  const adminToken = `atl_${randomBytes(32).toString('base64url')}`;
  const api = await startApi('auth', {
    ATELIER_ADMIN_EMAIL: 'bench-admin@atelier.local',
    ATELIER_ADMIN_PASSWORD: `pw-${randomBytes(18).toString('base64url')}`,
    ATELIER_ADMIN_TOKEN: adminToken,
    ATELIER_DATASET_DIR: process.env.ATELIER_DATASET_DIR ?? require('node:path').resolve(__dirname, '../../../shared/datasets'),
    LOG_LEVEL: 'warn',
  });
  try {
    const admin = { authorization: `Bearer ${adminToken}` };
    await postJson(`${api.url}/projects`, admin, { slug: PROJECT, name: 'Auth bench' });
    for (let i = 0; i < EXPERIMENTS; i++)
      await postJson(`${api.url}/experiments`, admin, { ...SEARCH, name: `auth bench ${i}`, project: PROJECT });
    const editor = { email: 'editor@atelier.local', name: 'Eda Editor', password: `editor-${randomBytes(12).toString('hex')}` };
    await postJson(`${api.url}/users`, admin, editor);
    await postJson(`${api.url}/projects/${PROJECT}/members`, admin, { email: editor.email, role: 'editor' });
    const signIn = await postJson(`${api.url}/auth/sign-in`, {}, { email: editor.email, password: editor.password }, 200);
    const cookie = { cookie: signIn.cookies.join('; ') };
    const session = await (await fetch(`${api.url}/auth/session`, { headers: cookie })).json();
    const created = await postJson(
      `${api.url}/tokens`,
      { ...cookie, 'x-atelier-csrf': session.csrfToken },
      {
        name: 'bench',
        project: PROJECT,
        scope: 'write',
      },
    );

    const cases = [
      { name: 'GET /experiments, admin bootstrap token', path: `/experiments?project=${PROJECT}&limit=20`, headers: admin },
      {
        name: "GET /experiments, editor's project token",
        path: `/experiments?project=${PROJECT}&limit=20`,
        headers: { authorization: `Bearer ${created.body.token}` },
      },
      { name: "GET /experiments, editor's session (all their projects)", path: '/experiments?limit=20', headers: cookie },
      { name: 'peer: GET /health (public)', path: '/health', headers: {}, peer: true },
    ];
    for (const c of cases) {
      const first = await expectStatus(`${api.url}${c.path}`, { headers: c.headers }, 200);
      if (!c.peer && first.body.items.length !== Math.min(20, EXPERIMENTS))
        throw new Error(`${c.name}: ${first.body.items.length} experiments listed, expected ${Math.min(20, EXPERIMENTS)}`);
      c.total = [];
      c.auth = [];
    }
    for (let round = 0; round < WARMUP + REPEAT; round++) {
      for (const c of cases) {
        const response = await timed(`${api.url}${c.path}`, { headers: c.headers });
        if (response.status !== 200) throw new Error(`${c.name}: ${response.status}`);
        if (round < WARMUP) continue;
        c.total.push(response.ms);
        const auth = authMs(response.headers);
        if (auth !== null) c.auth.push(auth);
      }
    }

    const results = cases.map((c) => ({
      name: c.name,
      request: stats(c.total),
      auth: c.auth.length > 0 ? stats(c.auth) : null,
    }));
    if (args.json) {
      console.log(JSON.stringify({ machine: machine(), experiments: EXPERIMENTS, repeat: REPEAT, results }, null, 2));
      return;
    }
    const peer = results.at(-1).request;
    console.log(`auth bench: ${EXPERIMENTS} experiments, ${REPEAT} requests per case after ${WARMUP} warm-ups, ${machine()}`);
    console.log(
      'case                                                      request p50 / p95 ms   × peer p50   auth p50 / p95 ms   auth share of p50   target',
    );
    for (const r of results) {
      const auth = r.auth ? `${r.auth.p50.toFixed(2)} / ${r.auth.p95.toFixed(2)}` : '—';
      const share = r.auth ? `${((100 * r.auth.p50) / r.request.p50).toFixed(0)} %` : '—';
      const target = r.auth ? (r.auth.p50 < 1 ? 'met (< 1 ms)' : 'NOT met (< 1 ms)') : '';
      console.log(
        `${r.name.padEnd(58)}${`${r.request.p50.toFixed(2)} / ${r.request.p95.toFixed(2)}`.padEnd(23)}${(r.request.p50 / peer.p50).toFixed(2).padEnd(13)}${auth.padEnd(20)}${share.padEnd(20)}${target}`,
      );
    }
  } finally {
    await api.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
