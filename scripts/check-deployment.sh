#!/usr/bin/env bash
# What can be checked of the container images on a machine that cannot build them (no engine,
# no registry): the production trees the Dockerfile copies into them, made by the same script
# (scripts/deploy-app.sh), measured against the size budget, then started from their own
# directories (no workspace around them) on a fresh database, running a tiny search to the end
# with the worker's /metrics and /health answering.
#
# Usage: scripts/check-deployment.sh [--keep]   (after pnpm build; --keep leaves the trees)
# Environment: DATABASE_URL (a server to create a scratch database on), REDIS_URL,
# ATELIER_DATASET_DIR (holding fashion-mnist/), CHECK_API_PORT (4601), CHECK_METRICS_PORT (4602).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# Budget of an image's app layer: the images are node:24-bookworm-slim (about 230 MB) plus
# this, and must stay under 450 MB.
BUDGET_MB=200
BASE_IMAGE_MB=230

server_url=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
api_port=${CHECK_API_PORT:-4601}
metrics_port=${CHECK_METRICS_PORT:-4602}
suffix=$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
database="atelier_deploycheck_$suffix"
db_url="${server_url%/*}/$database"
prefix="atelier-deploycheck-$suffix"
work=$(mktemp -d "${TMPDIR:-/tmp}/atelier-deploy.XXXXXX")
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$server_url" -Xq -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" 2>/dev/null || true
  redis-cli -u "$redis_url" --scan --pattern "$prefix:*" 2>/dev/null | xargs -r redis-cli -u "$redis_url" del >/dev/null 2>&1 || true
  [ "${1:-}" = --keep ] || rm -rf "$work"
}
trap 'cleanup "${KEEP:-}"' EXIT
[ "${1:-}" = --keep ] && KEEP=--keep

# json EXPR: evaluates EXPR with d = the JSON document on stdin
json() { node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>{const d=JSON.parse(s);console.log(eval(process.argv[1]))})' "$1"; }

fail() { echo "check-deployment: FAIL: $*" >&2; for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -20 "$f" >&2; }; done; exit 1; }

status=0
for app in api worker web; do
  size=$(bash scripts/deploy-app.sh "$app" "$work/$app")
  files=$(find "$work/$app" -type f | wc -l)
  line="$app: ${size} MB in $files files"
  if [ "$app" != web ]; then
    line="$line, image about $((size + BASE_IMAGE_MB)) MB (budget: app layer <= $BUDGET_MB MB, image < 450 MB)"
    [ "$size" -le "$BUDGET_MB" ] || status=1
  fi
  echo "check-deployment: $line"
done
[ $status = 0 ] || fail "an app layer is over its budget"
for dir in test src tests bench .git; do [ ! -e "$work/api/$dir" ] && [ ! -e "$work/worker/$dir" ] || fail "$dir/ is in a production tree"; done
for app in api worker; do
  ! ls "$work/$app/node_modules/.pnpm" | grep -qE '^(jest|typescript|supertest|@swc\+core|prisma)@' || fail "dev dependencies in the $app tree"
done

common=(DATABASE_URL="$db_url" REDIS_URL="$redis_url" REDIS_PREFIX="$prefix" ATELIER_DATA_DIR="$work/data"
        ATELIER_DATASET_DIR="${ATELIER_DATASET_DIR:-$root/../shared/datasets}" NODE_ENV=production)
# The API creates its first admin and that admin's token at boot (issue 16's bootstrap variables),
# so the check signs its requests the way a deployment's automation does.
admin_token="atl_deploycheck-$(node -p 'require("crypto").randomBytes(24).toString("hex")')"
api_env=(ATELIER_ADMIN_EMAIL=deploy-check@atelier.local
         ATELIER_ADMIN_PASSWORD="$(node -p 'require("crypto").randomBytes(18).toString("base64url")')"
         ATELIER_ADMIN_TOKEN="$admin_token")
auth=(-H "authorization: Bearer $admin_token")
# from their own directories: nothing resolves into the workspace
(cd "$work/api" && exec env "${common[@]}" "${api_env[@]}" API_PORT="$api_port" API_HOST=127.0.0.1 node dist/main.js >"$work/api.log" 2>&1) & pids+=($!)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$api_port/health" >/dev/null && break; sleep 1; done
curl -fs "http://127.0.0.1:$api_port/health" >/dev/null || fail "the api tree does not serve /health"
(cd "$work/worker" && exec env "${common[@]}" WORKER_CONCURRENCY=1 WORKER_METRICS_PORT="$metrics_port" WORKER_METRICS_HOST=127.0.0.1 node dist/main.js >"$work/worker.log" 2>&1) & pids+=($!)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$metrics_port/health" >/dev/null && break; sleep 1; done
curl -fs "http://127.0.0.1:$metrics_port/health" >/dev/null || fail "the worker tree does not serve /health"

id=$(curl -fs "${auth[@]}" -X POST "http://127.0.0.1:$api_port/experiments" -H 'content-type: application/json' -d '{
  "name": "deployment check", "dataset": "fashion-mnist", "trainingSlice": 200, "seed": 1,
  "space": {"architecture": ["cnn-a"], "batchSize": [32], "epochs": [1], "activation": ["relu"], "optimizer": ["adam"], "learningRate": [0.01], "momentum": [0.9]},
  "validation": {"kind": "kfold", "folds": 2}}' | json 'd.id') || fail "POST /experiments"
state=""
for _ in $(seq 1 120); do
  state=$(curl -fs "${auth[@]}" "http://127.0.0.1:$api_port/experiments/$id" | json 'd.status + "/" + (d.refit?.status ?? "none")')
  case "$state" in completed/completed|failed/*|cancelled/*|completed/failed) break;; esac
  sleep 1
done
[ "$state" = completed/completed ] || fail "the search ended as $state"
epochs=$(curl -fs "http://127.0.0.1:$metrics_port/metrics" | awk '/^atelier_training_epochs_total\{job="train-fold"/ {print $2}')
[ "$epochs" = 2 ] || fail "the worker's /metrics counts $epochs fold epochs, not 2"
grep -q 'wasm' "$work/worker.log" || fail "the worker did not train on the wasm backend"
echo "check-deployment: ok: api and worker trees ran a 2-fold search and its refit on $(node -v) from their own directories"
