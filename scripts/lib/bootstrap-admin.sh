# The first admin of a local install (sourced by scripts/start.sh after ensure_node).
#
# With ATELIER_ADMIN_EMAIL and ATELIER_ADMIN_PASSWORD set, the API creates that admin at boot if
# no user exists yet. Without them, the first start makes a random password and an admin API
# token, keeps them in .atelier/bootstrap.env (readable by this user only, ignored by git) and
# every later start loads them again, so the printed sign-in keeps working.

BOOTSTRAP_FILE=${ATELIER_BOOTSTRAP_FILE:-.atelier/bootstrap.env}

random_secret() { node -e 'process.stdout.write(require("node:crypto").randomBytes(+process.argv[1]).toString("base64url"))' "$1"; }

ensure_bootstrap_admin() {
  if [ -n "${ATELIER_ADMIN_EMAIL:-}" ] && [ -n "${ATELIER_ADMIN_PASSWORD:-}" ]; then
    BOOTSTRAP_SOURCE="the environment (ATELIER_ADMIN_PASSWORD)"
    return
  fi
  if [ ! -f "$BOOTSTRAP_FILE" ]; then
    mkdir -p "$(dirname "$BOOTSTRAP_FILE")"
    # created unreadable by others before a secret is written to it
    ( umask 077
      {
        echo "# Made by scripts/start.sh on its first run: the first admin of this install."
        echo "# The API creates it at boot only while no user exists; delete this file to stop using it."
        echo "ATELIER_ADMIN_EMAIL=admin@atelier.local"
        echo "ATELIER_ADMIN_PASSWORD=$(random_secret 18)"
        echo "ATELIER_ADMIN_TOKEN=atl_$(random_secret 32)"
      } > "$BOOTSTRAP_FILE" )
    chmod 600 "$BOOTSTRAP_FILE"
    log "made $BOOTSTRAP_FILE: a random password and API token for the first admin"
  fi
  set -a
  # shellcheck source=/dev/null
  . "$BOOTSTRAP_FILE"
  set +a
  BOOTSTRAP_SOURCE="$BOOTSTRAP_FILE (ATELIER_ADMIN_PASSWORD; the admin API token is ATELIER_ADMIN_TOKEN there)"
}

print_sign_in() {
  log "sign in at http://localhost:$WEB_PORT as $ATELIER_ADMIN_EMAIL, password in $BOOTSTRAP_SOURCE"
  log "(an install that already had users before that admin was set keeps its own accounts; the CLI: atelier login http://localhost:$API_PORT --token <token>)"
}
