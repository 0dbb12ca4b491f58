# syntax=docker/dockerfile:1
# Three images from one build: the API, the worker and the web UI.
#   docker build --target api    -t atelier-api .
#   docker build --target worker -t atelier-worker .
#   docker build --target web    -t atelier-web .
# (docker compose builds all three.) Each holds only its production tree, made by
# scripts/deploy-app.sh (`pnpm deploy --prod`, pruned), on node:24-bookworm-slim; runs as an
# unprivileged user on a root filesystem it cannot write (state lives in /data and, for the
# web, a cache volume); and answers a HEALTHCHECK. scripts/check-deployment.sh builds the same
# trees without Docker, measures them and runs a search from them.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV CI=1 NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 PRISMA_SCHEMA_ENGINE_BINARY=/bin/false
RUN npm install -g pnpm@12.21.0
# Manifests first: the dependency layer is reused until a package.json or the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc turbo.json tsconfig.base.json prisma.config.ts ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/
COPY packages/client/package.json packages/client/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
COPY packages/ml/package.json packages/ml/
COPY packages/sdk/package.json packages/sdk/
# tests/ is not in the context (.dockerignore); its lockfile entry is skipped by the filters.
RUN pnpm install --frozen-lockfile --filter './apps/*...' --filter './packages/*...'
COPY . .
RUN pnpm db:generate && pnpm build \
 && bash scripts/deploy-app.sh api /out/api && bash scripts/deploy-app.sh worker /out/worker && bash scripts/deploy-app.sh web /out/web

# What the three images share: the runtime, an unprivileged user and a data directory.
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
# where the source lives, e.g. --build-arg SOURCE=https://github.com/<org>/atelier
ARG SOURCE=""
LABEL org.opencontainers.image.vendor="Atelier" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="docker.io/library/node:24-bookworm-slim"
# npm, npx and corepack are build tools: not in a running image (smaller, fewer CVEs to patch).
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
 && groupadd --system --gid 10001 atelier && useradd --system --uid 10001 --gid atelier --home-dir /nonexistent --shell /usr/sbin/nologin atelier \
 && mkdir -p /data/artifacts && chown -R atelier:atelier /data
ENV NODE_ENV=production ATELIER_DATA_DIR=/data ATELIER_DATASET_DIR=/datasets
WORKDIR /app
VOLUME ["/data"]

FROM runtime AS api
LABEL org.opencontainers.image.title="atelier-api" \
      org.opencontainers.image.description="Atelier REST API: experiments, trials, metrics, live progress, OpenAPI at /docs, Prometheus /metrics"
# Owned by root, read-only to the app: a compromised process cannot rewrite its own code.
COPY --from=build /out/api /app
ENV API_PORT=3001 API_HOST=0.0.0.0
USER 10001:10001
EXPOSE 3001
# /health: PostgreSQL and Redis answer (compose waits on it); Kubernetes probes use the same routes.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.API_PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]

FROM runtime AS worker
LABEL org.opencontainers.image.title="atelier-worker" \
      org.opencontainers.image.description="Atelier training worker (BullMQ, TensorFlow.js on wasm), Prometheus /metrics on 9464"
COPY --from=build /out/worker /app
# WORKER_CONCURRENCY: unset trains one fold per CPU the container sees.
ENV WORKER_METRICS_PORT=9464 WORKER_METRICS_HOST=0.0.0.0 WORKER_SHUTDOWN_GRACE_MS=30000
USER 10001:10001
EXPOSE 9464
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.WORKER_METRICS_PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Shutdown: SIGTERM, running folds stop at their next batch and are requeued within the grace.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]

FROM runtime AS web
LABEL org.opencontainers.image.title="atelier-web" \
      org.opencontainers.image.description="Atelier web UI (Next.js); proxies /api to ATELIER_API_URL"
COPY --from=build /out/web /app
# Next.js writes its cache under .next/cache: the one writable path (a volume or tmpfs in compose/k8s).
RUN mkdir -p /app/.next/cache && chown atelier:atelier /app/.next/cache
# (not HOSTNAME: container runtimes set that one to the container's name)
ENV WEB_PORT=3000 WEB_HOST=0.0.0.0 NEXT_TELEMETRY_DISABLED=1 ATELIER_API_URL=http://api:3001
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.WEB_PORT+'/icon.svg').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["sh", "-c", "exec node node_modules/next/dist/bin/next start -p \"$WEB_PORT\" -H \"$WEB_HOST\""]
