#!/usr/bin/env bash
# Starts the whole platform: install, generate, build, then API, worker and web together.
# Migrations run when the API and the worker boot (idempotent, advisory-locked). The first run
# without ATELIER_ADMIN_EMAIL/PASSWORD makes the first admin's password (scripts/lib/bootstrap-admin.sh).
# Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
source scripts/lib/bootstrap-admin.sh

export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/atelier}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export API_PORT=${API_PORT:-3001} WEB_PORT=${WEB_PORT:-3000}
export ATELIER_API_URL=${ATELIER_API_URL:-http://127.0.0.1:$API_PORT}
export ATELIER_DATASET_DIR=${ATELIER_DATASET_DIR:-$(default_dataset_dir)}
export ATELIER_DATA_DIR=${ATELIER_DATA_DIR:-$PWD/data}
export NODE_ENV=production
# the worker's /metrics, /health and /health/live
export WORKER_METRICS_PORT=${WORKER_METRICS_PORT:-9464}

ensure_node
ensure_bootstrap_admin
ensure_pnpm
ensure_postgres
ensure_redis
install_and_build

# Each process's output is prefixed with its name; when one exits, the others are stopped.
trap 'trap - EXIT INT TERM; kill 0 2>/dev/null' EXIT INT TERM
run() { local name=$1; shift; ( "$@" 2>&1 | sed -u "s/^/[$name] /" ) & }

log "starting API on :$API_PORT, worker, and web on :$WEB_PORT (datasets: $ATELIER_DATASET_DIR)"
run api node apps/api/dist/main.js
# The web UI waits for the API so its first page load does not fail.
for _ in $(seq 1 60); do port_open 127.0.0.1 "$API_PORT" && break; sleep 1; done
run worker node apps/worker/dist/main.js
run web pnpm --filter @atelier/web exec next start -p "$WEB_PORT"
for _ in $(seq 1 60); do port_open 127.0.0.1 "$WEB_PORT" && break; sleep 1; done
log "Atelier is up: web http://localhost:$WEB_PORT  ·  API http://localhost:$API_PORT  ·  API docs http://localhost:$API_PORT/docs  ·  metrics :$API_PORT/metrics and :$WORKER_METRICS_PORT/metrics"
print_sign_in
wait -n
