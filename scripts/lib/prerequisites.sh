# Shared by start.sh and test.sh: make sure the tools and services a command needs are there,
# installing what can be installed (pnpm from npm, Chromium from Debian) and starting local
# PostgreSQL/Redis when they are installed but stopped.

PNPM_VERSION=12.21.0
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

log() { printf '\033[1;34m[atelier]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[atelier] error:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

# Node 24 (the current LTS) is what Atelier runs and is tested on; Node 22 still works. When the
# machine's Node is older than 24, the official binary from the npm registry's node-<os>-<arch>
# package is installed under .tools/ and put first on PATH, so every process started from here
# (pnpm, turbo, jest, the API, the worker, Next.js) runs on it. ATELIER_SYSTEM_NODE=1 keeps a
# system Node 22 instead.
NODE_MAJOR=24
NODE_MIN_MAJOR=22

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  command -v node >/dev/null || command -v npm >/dev/null || die "Node.js $NODE_MIN_MAJOR or newer (or npm to fetch Node $NODE_MAJOR) is required."
  local major; major=$(node_major)
  if [ "$major" -ge "$NODE_MAJOR" ] || { [ "$major" -ge "$NODE_MIN_MAJOR" ] && [ -n "${ATELIER_SYSTEM_NODE:-}" ]; }; then
    log "Node $(node -v) ($(command -v node))"; return
  fi
  local root os arch dir
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  case "$(uname -s)" in Linux) os=linux;; Darwin) os=darwin;; *) die "Node.js $NODE_MIN_MAJOR+ is required (found $(node -v 2>/dev/null || echo none))";; esac
  case "$(uname -m)" in x86_64|amd64) arch=x64;; aarch64|arm64) arch=arm64;; *) die "Node.js $NODE_MIN_MAJOR+ is required (found $(node -v 2>/dev/null || echo none))";; esac
  dir="$root/.tools/node-$NODE_MAJOR"
  local bin="$dir/node_modules/node-$os-$arch/bin"
  if [ "$(node_major "$bin/node")" != "$NODE_MAJOR" ]; then
    log "Node $(node -v 2>/dev/null || echo none) is older than $NODE_MAJOR: installing node-$os-$arch@$NODE_MAJOR from the npm registry into .tools/"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-$os-$arch@$NODE_MAJOR" >/dev/null \
      || die "could not install Node $NODE_MAJOR (npm install node-$os-$arch@$NODE_MAJOR); install Node $NODE_MAJOR yourself"
    [ "$(node_major "$bin/node")" = "$NODE_MAJOR" ] || die "the Node $NODE_MAJOR binary in $bin does not run on this machine"
  fi
  export PATH="$bin:$PATH"
  hash -r
  log "Node $(node -v) ($(command -v node))"
}

ensure_pnpm() {
  if command -v pnpm >/dev/null && [ "$(pnpm -v 2>/dev/null)" = "$PNPM_VERSION" ]; then return; fi
  log "installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || as_root npm install -g "pnpm@$PNPM_VERSION" >/dev/null \
    || die "could not install pnpm $PNPM_VERSION with npm"
}

ensure_chromium() {
  if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then return; fi
  log "installing Chromium from Debian (for the end-to-end tests)"
  (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || die "Chromium is missing and could not be installed; install it (apt-get install chromium) or set CHROMIUM_PATH"
}

# The deployment tests render the Kubernetes manifests with `kubectl kustomize` (offline).
ensure_kubectl() {
  if command -v kubectl >/dev/null && kubectl kustomize --help >/dev/null 2>&1; then return; fi
  log "installing kubectl from Debian (to render the Kubernetes manifests in the tests)"
  (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl >/dev/null) \
    || die "kubectl is missing and could not be installed; install it (apt-get install kubectl)"
}

# host and port of a postgres:// or redis:// URL
url_host() { node -e 'const u=new URL(process.argv[1]);console.log(u.hostname||"127.0.0.1")' "$1"; }
url_port() { node -e 'const u=new URL(process.argv[1]);console.log(u.port||process.argv[2])' "$1" "$2"; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() {
  local host=$1 port=$2 i
  for i in $(seq 1 30); do port_open "$host" "$port" && return 0; sleep 1; done
  return 1
}

is_local() { case "$1" in 127.0.0.1|localhost|::1|"[::1]") return 0;; *) return 1;; esac; }

ensure_postgres() {
  local host port; host=$(url_host "$DATABASE_URL"); port=$(url_port "$DATABASE_URL" 5432)
  port_open "$host" "$port" && return
  if is_local "$host" && command -v pg_ctlcluster >/dev/null; then
    log "starting the local PostgreSQL cluster"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  wait_port "$host" "$port" || die "PostgreSQL does not answer at $host:$port (DATABASE_URL=$DATABASE_URL)"
}

ensure_redis() {
  local host port; host=$(url_host "$REDIS_URL"); port=$(url_port "$REDIS_URL" 6379)
  port_open "$host" "$port" && return
  if is_local "$host" && command -v redis-server >/dev/null; then
    log "starting a local Redis"
    as_root mkdir -p /var/lib/redis /var/log/redis
    as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
  wait_port "$host" "$port" || die "Redis does not answer at $host:$port (REDIS_URL=$REDIS_URL)"
}

# The official Fashion-MNIST and MNIST files: the configured directory, else ../shared/datasets
# beside the checkout (development machines and CI), else Debian's /usr/share/datasets.
default_dataset_dir() {
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  if [ -d "$root/../shared/datasets" ]; then (cd "$root/../shared/datasets" && pwd); return; fi
  echo /usr/share/datasets
}

install_and_build() {
  log "installing dependencies"
  pnpm install --frozen-lockfile
  log "generating the Prisma client"
  pnpm db:generate >/dev/null
  log "building"
  pnpm build
}
