import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exportedMetricNames, metricsIn, REPO_ROOT } from './support';

// The Grafana dashboard reads only metrics the apps export, and covers what an operator watches.

type Panel = { type: string; title: string; targets?: { expr: string }[]; gridPos: { x: number; y: number; w: number; h: number } };
const dashboard = JSON.parse(readFileSync(path.join(REPO_ROOT, 'deploy/monitoring/grafana-dashboard.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
};
const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

describe('Grafana dashboard', () => {
  it('queries only metrics the api and the worker export', () => {
    const exported = exportedMetricNames();
    const used = new Set(exprs.flatMap(metricsIn));
    expect(used.size).toBeGreaterThan(5);
    for (const metric of used) expect(exported).toContain(metric);
  });

  it('has a panel for each signal of the issue', () => {
    for (const needle of [
      'atelier_queue_jobs',
      'atelier_worker_jobs_running',
      'rate(atelier_training_epochs_total',
      'sum by (worker) (rate(atelier_training_images_total',
      'atelier_training_failures_total',
      'atelier_http_request_duration_seconds_bucket',
      'atelier_sse_clients',
      'process_cpu_seconds_total',
    ]) {
      expect(exprs.some((e) => e.includes(needle))).toBe(true);
    }
  });

  it('lays panels out without overlap on the 24-column grid', () => {
    const cells = new Set<string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`)).toBe(false);
          cells.add(`${i},${j}`);
        }
    }
  });
});
