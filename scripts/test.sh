#!/usr/bin/env bash
# Runs every test: unit tests of all packages, integration tests against the real PostgreSQL
# and Redis (each run in its own database and Redis prefix, dropped afterwards), and the
# end-to-end tests that drive the built web app in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export ATELIER_DATASET_DIR=${ATELIER_DATASET_DIR:-$(default_dataset_dir)}
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
# Each jest run appends its counts here; the summary line at the end adds them up.
export ATELIER_TEST_RESULTS_DIR; ATELIER_TEST_RESULTS_DIR=$(mktemp -d)
trap 'rm -rf "$ATELIER_TEST_RESULTS_DIR"' EXIT

ensure_node
ensure_pnpm
ensure_postgres
ensure_redis
ensure_chromium
ensure_kubectl
install_and_build

# Every process below (pnpm, turbo, jest, and the API, worker and web the tests start with
# jest's own binary) runs on the Node that ensure_node put first on PATH.
[ "$(pnpm exec node -p 'process.versions.node.split(".")[0]')" = "$(node_major)" ] \
  || die "pnpm runs a different Node ($(pnpm exec node -v)) than $(node -v)"
log "tests run on Node $(node -v)"

status=0
phases=()
# Runs one phase and notes its wall time: CI has 25 minutes on 2 cores, so each one is printed.
phase() {
  local title=$1 started=$SECONDS
  shift
  log "$title"
  "$@" || status=1
  phases+=("$(printf '%5d s  %s' $((SECONDS - started)) "$title")")
}
phase "type-checking" pnpm typecheck
phase "lint (ESLint: typescript-eslint strict-type-checked, React hooks, Next)" pnpm lint
phase "format (Prettier: every file it formats is as it would write it)" pnpm format:check
phase "unit tests" pnpm test:unit
phase "integration tests (PostgreSQL + Redis)" pnpm test:integration
phase "end-to-end tests (headless Chromium)" pnpm test:e2e

log "time per phase (${SECONDS} s since the start, setup and build included):"
printf '  %s\n' "${phases[@]}"

node scripts/summarize-test-results.js "$ATELIER_TEST_RESULTS_DIR" || status=1
exit $status
