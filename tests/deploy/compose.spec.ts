import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './support';

// docker-compose.yml checked offline (no Docker engine here): what `docker compose up` would do.

type Service = {
  image?: string;
  build?: { context: string; target?: string };
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  environment?: Record<string, string>;
  env_file?: string[];
  volumes?: string[];
  read_only?: boolean;
  stop_grace_period?: string;
};

const text = readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;

describe('docker-compose.yml', () => {
  it.each(Object.keys(services))('%s: a healthcheck and a restart policy', (name) => {
    expect(services[name]!.healthcheck?.test.length).toBeGreaterThan(1);
    expect(services[name]!.restart).toBe('unless-stopped');
  });

  it('starts each app only once what it needs is healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(`${name} -> ${dependency}: ${condition}`).toBe(`${name} -> ${dependency}: service_healthy`);
        expect(services[dependency]!.healthcheck).toBeDefined();
      }
    }
    expect(Object.keys(services.api!.depends_on!)).toEqual(['postgres', 'redis']);
    expect(Object.keys(services.worker!.depends_on!)).toEqual(['postgres', 'redis']);
    expect(Object.keys(services.web!.depends_on!)).toEqual(['api']);
  });

  it('publishes only the web UI and the API', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name);
    expect(published.sort()).toEqual(['api', 'web']);
    expect(text).not.toMatch(/^\s*expose:/m);
  });

  it('has no default password: each comes from .env and compose refuses to start without it', () => {
    expect(services.postgres!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?.+\}$/);
    expect(services.api!.environment!.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
    expect(services.api!.environment!.REDIS_URL).toContain('${REDIS_PASSWORD:?');
    expect(text).not.toMatch(/PASSWORD:-/);
    const example = readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8');
    expect(example).toMatch(/^POSTGRES_PASSWORD=$/m);
    expect(example).toMatch(/^REDIS_PASSWORD=$/m);
    expect(readFileSync(path.join(REPO_ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });

  it("takes the first admin's secrets from .env only: none in the compose file, none set in the example", () => {
    expect(services.api!.env_file).toEqual(['.env']);
    expect(text).not.toMatch(/ATELIER_ADMIN_(EMAIL|PASSWORD|TOKEN)\s*:/);
    const example = readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8');
    for (const name of ['ATELIER_ADMIN_EMAIL', 'ATELIER_ADMIN_PASSWORD', 'ATELIER_ADMIN_TOKEN']) {
      expect(example).toMatch(new RegExp(`^# ${name}=`, 'm'));
      expect(example).not.toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });

  it('keeps state in named volumes and builds each app from its Dockerfile target', () => {
    const named = new Set(Object.keys(compose.volumes));
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (!source.startsWith('.')) expect(named).toContain(source);
      }
    }
    const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
    for (const name of ['api', 'worker', 'web']) {
      expect(services[name]!.build).toEqual({ context: '.', target: name });
      expect(dockerfile).toContain(`FROM runtime AS ${name}`);
      expect(services[name]!.read_only).toBe(true);
    }
  });

  it("mounts a volume at the API's artifact directory, created in the image for its unprivileged user", () => {
    const api = services.api!;
    const dir = api.environment!.ATELIER_ARTIFACT_DIR!;
    const mount = api.volumes!.find((volume) => volume.split(':')[1] === dir);
    expect(mount?.split(':')[0]).toBe('atelier-artifacts');
    expect(Object.keys(compose.volumes)).toContain('atelier-artifacts');
    // a new named volume takes the owner of the image's directory: without it, root's
    expect(readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')).toMatch(
      new RegExp(`mkdir -p ${dir}\\b.*chown -R atelier:atelier /data`),
    );
    expect(dir.startsWith(`${api.environment!.ATELIER_DATA_DIR}/`)).toBe(true);
  });

  it("gives workers longer to stop than their fold requeue's grace", () => {
    const graceMs = Number(services.worker!.environment!.WORKER_SHUTDOWN_GRACE_MS);
    const stopSeconds = Number(services.worker!.stop_grace_period!.replace(/s$/, ''));
    expect(stopSeconds * 1000).toBeGreaterThan(graceMs);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  it.each(['api', 'worker', 'web'])('%s: Node 24 slim, non-root, HEALTHCHECK, OCI title', (name) => {
    const stage = stages.find((s) => s.startsWith(`runtime AS ${name}\n`))!;
    expect(stage).toMatch(/^USER 10001:10001$/m);
    expect(stage).toMatch(/^HEALTHCHECK /m);
    expect(stage).toContain(`org.opencontainers.image.title="atelier-${name}"`);
    expect(stage).toContain(`COPY --from=build /out/${name} /app`);
  });
  it('builds on node:24-bookworm-slim and leaves tests, benchmarks and .git out of the context', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', 'tests', 'bench', '**/test', '**/*.spec.ts', '**/node_modules']) expect(ignored).toContain(entry);
  });
});
