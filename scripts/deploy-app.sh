#!/usr/bin/env bash
# Usage: scripts/deploy-app.sh api|worker|web OUT_DIR
#
# The production tree of one app, as its container image holds it (the Dockerfile runs this;
# scripts/check-deployment.sh runs it too, to measure and smoke-test the result where no image
# can be built). Run after `pnpm install && pnpm db:generate && pnpm build`.
#
# api and worker: `pnpm deploy --prod` (production dependencies only, workspace packages
# injected as copies), the migrations beside the db package, then what Node never loads is
# removed: source maps, type declarations, TypeScript sources and tests, the browser bundles of
# TensorFlow.js, Prisma's query compilers of other databases.
# web: `pnpm deploy --prod` too (next, react, recharts: what `next start` loads), with the
# build output (.next without its cache) and next.config.ts beside it.
set -euo pipefail
app=${1:?usage: deploy-app.sh api|worker|web OUT_DIR}
out=${2:?usage: deploy-app.sh api|worker|web OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -e "$out" ] && { echo "deploy-app: $out exists" >&2; exit 1; }

case "$app" in
  api|worker)
    [ -f "apps/$app/dist/main.js" ] || { echo "deploy-app: apps/$app/dist is missing; run pnpm build first" >&2; exit 1; }
    pnpm --filter "@atelier/$app" deploy --prod "$out" >/dev/null
    # The db package looks for its migrations beside itself when the repository is not around.
    db=$(readlink -f "$out/node_modules/@atelier/db")
    cp -r prisma/migrations "$db/migrations"
    # Only what runs: the app's dist and package.json; the workspace packages' dist.
    (cd "$out" && rm -rf src test README.md jest*.config.js tsconfig*.json pnpm-workspace.yaml .turbo)
    for pkg in "$out"/node_modules/.pnpm/@atelier+*/node_modules/@atelier/*; do
      (cd "$pkg" && rm -rf src test scripts README.md jest*.config.js tsconfig*.json turbo.json .turbo)
    done
    modules="$out/node_modules/.pnpm"
    find "$out" \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.tsbuildinfo' \) -type f -delete
    # TensorFlow.js: Node loads dist/*.node.js / dist/index.js (CommonJS builds); the UMD and ES
    # bundles are for browsers and script tags.
    find "$modules" -path '*/@tensorflow/*/dist/*' -type f \
      \( -name 'tf*.min.js' -o -name 'tf*.es2017.js' -o -name 'tf*.fesm.js' -o -name 'tf*.min.js.html' \
         -o -name 'tf.js' -o -name 'tf-core.js' -o -name 'tf-layers.js' -o -name 'tf-converter.js' -o -name 'tf-data.js' \
         -o -name 'tf-backend-cpu.js' -o -name 'tf-backend-webgl.js' -o -name 'tf-backend-wasm.js' \) -delete
    find "$modules" -path '*/@tensorflow/*' -type d \( -name src -o -name miniprogram \) -prune -exec rm -rf {} +
    # Prisma: this client is generated for PostgreSQL with the "fast" query compiler only.
    find "$modules" -path '*/@prisma/client/runtime/*' -type f -name 'query_compiler_*' ! -name 'query_compiler_fast_bg.postgresql.*' -delete
    find "$modules" -path '*/@prisma/client/runtime/*' -type f -name '*.mjs' -delete
    find "$modules" -maxdepth 1 -type d -name '@types+*' -exec rm -rf {} +
    ;;
  web)
    [ -f apps/web/.next/BUILD_ID ] || { echo "deploy-app: apps/web/.next is missing; run pnpm build first" >&2; exit 1; }
    pnpm --filter @atelier/web deploy --prod "$out" >/dev/null
    (cd "$out" && rm -rf app components hooks lib e2e test scripts README.md jest*.config.js tsconfig.json pnpm-workspace.yaml .turbo .next)
    mkdir -p "$out/.next"
    # the build output without its cache (recreated at run time, and not needed to serve)
    tar -C apps/web/.next --exclude=./cache -cf - . | tar -C "$out/.next" -xf -
    [ -d apps/web/public ] && cp -a apps/web/public "$out/public"
    find "$out" \( -name '*.map' -o -name '*.d.ts' \) -type f -delete
    ;;
  *) echo "deploy-app: unknown app $app (api, worker or web)" >&2; exit 1;;
esac
du -sm "$out" | cut -f1
