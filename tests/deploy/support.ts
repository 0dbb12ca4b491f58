import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** Every `atelier_*` metric the api and the worker register (read from their sources). */
export function exportedMetricNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        for (const match of readFileSync(file, 'utf8').matchAll(/name: '(atelier_[a-z_]+)'/g)) names.add(match[1]!);
      }
    }
  };
  walk(path.join(REPO_ROOT, 'apps/api/src'));
  walk(path.join(REPO_ROOT, 'apps/worker/src'));
  return names;
}

/** Names of metrics a PromQL expression reads (atelier_*, with _bucket/_count/_sum stripped). */
export function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b(atelier_[a-z_]+)/g)].map((m) => m[1]!.replace(/_(bucket|count|sum)$/, ''));
}

/** The parts of a manifest's spec that the tests read; each kind has only its own. */
export interface K8sSpec {
  replicas?: number;
  selector?: { matchLabels: Record<string, string> };
  template?: {
    metadata: { labels: Record<string, string> };
    spec: {
      containers: unknown[];
      securityContext?: unknown;
      terminationGracePeriodSeconds: number;
      volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[];
    };
  };
  accessModes?: string[];
  storageClassName?: string;
  minAvailable?: number;
  triggers?: { type: string; metadata: Record<string, string> }[];
  scaleTargetRef?: { name: string };
  minReplicaCount?: number;
  maxReplicaCount?: number;
  advanced?: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: number } } } };
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: K8sSpec;
  data?: Record<string, string>;
}

/** `kubectl kustomize DIR`, parsed: what `kubectl apply -k DIR` would send. */
export function renderKustomize(dir: string): K8sObject[] {
  let output: string;
  try {
    output = execFileSync('kubectl', ['kustomize', path.join(REPO_ROOT, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error('kubectl is not installed: npm test installs it (apt-get install kubectl); install it to run this test');
    throw new Error(`kubectl kustomize ${dir} failed: ${e.stderr ?? e.message}`);
  }
  return parseAllDocuments(output).map((doc) => doc.toJS() as K8sObject);
}
