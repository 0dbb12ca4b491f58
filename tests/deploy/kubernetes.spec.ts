import { exportedMetricNames, type K8sObject, metricsIn, renderKustomize } from './support';

// The cluster recipe, rendered offline as `kubectl apply -k` would send it.

type Container = {
  name: string;
  image: string;
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string; optional?: boolean } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
};

const find = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
};
const container = (deployment: K8sObject): Container => deployment.spec!.template!.spec.containers[0] as Container;

/** The health routes each app serves, and on which container port. */
const PROBES = {
  'atelier-api': { port: 3001, readiness: '/health', liveness: '/health/live' },
  'atelier-worker': { port: 9464, readiness: '/health', liveness: '/health/live' },
  'atelier-web': { port: 3000, readiness: '/icon.svg', liveness: '/icon.svg' },
} as const;

describe.each(['deploy/k8s/overlays/production', 'deploy/k8s/overlays/single-node'])('%s', (overlay) => {
  const objects = renderKustomize(overlay);
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('atelier-config'))!;

  it('puts everything in the atelier namespace', () => {
    expect(objects.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === 'atelier')).toBe(true);
  });

  it.each(Object.entries(PROBES))(
    '%s: probes on the health routes of its port, requests and limits, locked-down container',
    (name, expected) => {
      const deployment = find(objects, 'Deployment', name);
      const c = container(deployment);
      const port = c.ports!.find((p) => p.containerPort === expected.port)!;
      expect(port).toBeDefined();
      expect(c.readinessProbe?.httpGet).toEqual({ path: expected.readiness, port: port.name });
      expect(c.livenessProbe?.httpGet).toEqual({ path: expected.liveness, port: port.name });
      for (const kind of ['requests', 'limits'] as const) {
        expect(c.resources?.[kind]?.cpu).toMatch(/^\d+(m)?$/);
        expect(c.resources?.[kind]?.memory).toMatch(/^\d+(Mi|Gi)$/);
      }
      expect(c.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(deployment.spec!.template!.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
      // the selector selects the template's pods
      expect(deployment.spec!.template!.metadata.labels).toMatchObject(deployment.spec!.selector!.matchLabels);
    },
  );

  it('gives the worker more time to stop than its graceful fold requeue takes', () => {
    const worker = find(objects, 'Deployment', 'atelier-worker');
    const graceMs = Number(config.data!.WORKER_SHUTDOWN_GRACE_MS);
    expect(graceMs).toBeGreaterThan(0);
    expect(container(worker).envFrom).toContainEqual({ configMapRef: { name: config.metadata.name } });
    const periodMs = worker.spec!.template!.spec.terminationGracePeriodSeconds * 1000;
    // the fold requeue, then closing connections, before the SIGKILL
    expect(periodMs).toBeGreaterThanOrEqual(graceMs + 10_000);
    expect(periodMs).toBeLessThanOrEqual(graceMs + 60_000);
  });

  it('mounts one shared data volume at ATELIER_DATA_DIR in the api and the workers, secrets from a Secret', () => {
    const claim = find(objects, 'PersistentVolumeClaim', 'atelier-data');
    for (const name of ['atelier-api', 'atelier-worker']) {
      const deployment = find(objects, 'Deployment', name);
      const volume = deployment.spec!.template!.spec.volumes.find((v) => v.persistentVolumeClaim?.claimName === 'atelier-data')!;
      expect(container(deployment).volumeMounts).toContainEqual({ name: volume.name, mountPath: config.data!.ATELIER_DATA_DIR });
      expect(container(deployment).envFrom).toContainEqual({ secretRef: { name: 'atelier-secrets' } });
    }
    // the bootstrap admin's secret reaches the api only (optional: without it, the set-up page)
    expect(container(find(objects, 'Deployment', 'atelier-api')).envFrom).toContainEqual({
      secretRef: { name: 'atelier-admin', optional: true },
    });
    for (const name of ['atelier-worker', 'atelier-web'])
      expect(JSON.stringify(container(find(objects, 'Deployment', name)).envFrom ?? [])).not.toContain('atelier-admin');
    // run artifacts live on that shared volume, so every api replica serves every run's files
    expect(config.data!.ATELIER_ARTIFACT_DIR).toMatch(new RegExp(`^${config.data!.ATELIER_DATA_DIR}/[\\w-]+$`));
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false); // created by the operator, never rendered from the repo
    if (overlay.endsWith('production')) {
      expect(claim.spec!.accessModes).toEqual(['ReadWriteMany']);
      expect(claim.spec!.storageClassName).toBeTruthy();
    } else {
      expect(claim.spec!.accessModes).toEqual(['ReadWriteOnce']);
    }
  });

  it('keeps disruption budgets that select running pods and never block a drain with one replica', () => {
    for (const budget of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
      const deployment = objects.find(
        (o) =>
          o.kind === 'Deployment' &&
          Object.entries(budget.spec!.selector!.matchLabels).every(([k, v]) => o.spec!.template!.metadata.labels[k] === v),
      );
      expect(deployment).toBeDefined();
      if (budget.spec!.minAvailable !== undefined) expect(deployment!.spec!.replicas).toBeGreaterThan(budget.spec!.minAvailable);
    }
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name)).toContain('atelier-worker');
  });
});

describe('worker autoscaling (production overlay)', () => {
  const objects = renderKustomize('deploy/k8s/overlays/production');
  const scaler = find(objects, 'ScaledObject', 'atelier-worker');
  const trigger = scaler.spec!.triggers![0]!;

  it("scales the worker Deployment on the training queue's outstanding jobs, as the API exports them", () => {
    expect(scaler.apiVersion).toBe('keda.sh/v1alpha1');
    expect(scaler.spec!.scaleTargetRef!.name).toBe(find(objects, 'Deployment', 'atelier-worker').metadata.name);
    expect(trigger.type).toBe('prometheus');
    expect(trigger.metadata.serverAddress).toMatch(/^https?:\/\/[\w.-]+:\d+$/);
    // prioritized jobs (every Atelier job has a priority) are not in BullMQ's wait list
    expect(trigger.metadata.query).toContain('atelier_queue_jobs{queue="training",state=~"wait|prioritized|active"}');
    for (const metric of metricsIn(trigger.metadata.query!)) expect(exportedMetricNames()).toContain(metric);
    expect(Number(trigger.metadata.threshold)).toBeGreaterThan(0);
  });

  it('stays within sane bounds and scales down slowly', () => {
    expect(scaler.spec!.minReplicaCount).toBeGreaterThanOrEqual(0);
    expect(scaler.spec!.maxReplicaCount).toBeGreaterThan(scaler.spec!.minReplicaCount!);
    expect(scaler.spec!.advanced!.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds).toBeGreaterThanOrEqual(60);
  });

  it('is left out of the single-node overlay', () => {
    expect(renderKustomize('deploy/k8s/overlays/single-node').some((o) => o.kind === 'ScaledObject')).toBe(false);
  });
});
