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

ensure_node() {
  command -v node >/dev/null || die "Node.js 20 or newer is required (node not found on PATH)."
  local major; major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is required (found $(node -v))."
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
