#!/usr/bin/env bash
# The demo command of S9S API (README, command 1):
#   scripts/demo.sh            install what is missing, bring the local stack up, build,
#                              migrate, write .stack/demo.env and serve the API in the
#                              foreground on PORT (default 3000). Ctrl-C stops the API
#                              (the stack keeps running: scripts/stack.sh down stops it).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
PORT=${PORT:-3000}
DEMO_ENV=$REPO/.stack/demo.env

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

check_node() {
  command -v node >/dev/null || die "Node.js 20 or newer is required (https://nodejs.org)"
  node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
    die "Node.js 20 or newer is required (found $(node --version))"
}

install_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

# Demo credentials through the admin CLI (idempotent: --reuse replaces each demo key).
cli() { node dist/src/cli.js "$@" </dev/null; }

write_demo_env() {
  local tmp=$DEMO_ENV.tmp admin operator alice bob carol oauth
  admin=$(cli create-admin --name demo-admin --reuse)
  operator=$(cli create-client --name demo-operator --role operator --slurm-user slurm --reuse)
  alice=$(cli create-client --name demo-alice --role user --slurm-user alice --reuse)
  bob=$(cli create-client --name demo-bob --role user --slurm-user bob --reuse)
  carol=$(cli create-client --name demo-carol --role user --slurm-user carol --reuse)
  oauth=$(cli create-oauth-client --client demo-alice --name demo --reuse)
  {
    echo "# Written by scripts/demo.sh; source with: set -a; . .stack/demo.env; set +a"
    echo "S9S_URL=http://127.0.0.1:$PORT"
    echo "S9S_KEY_ADMIN=$admin"
    echo "S9S_KEY_OPERATOR=$operator"
    echo "S9S_KEY_ALICE=$alice"
    echo "S9S_KEY_BOB=$bob"
    echo "S9S_KEY_CAROL=$carol"
    echo "S9S_OAUTH_CLIENT_ID=${oauth%% *}"
    echo "S9S_OAUTH_CLIENT_SECRET=${oauth#* }"
  } >"$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$DEMO_ENV"
}

wait_ready() { # wait_ready PID: until /v1/status answers (any status) or the API died
  local pid=$1 i
  for i in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || return 1
    curl -s -o /dev/null "http://127.0.0.1:$PORT/v1/status" && return 0
    sleep 0.5
  done
  return 1
}

print_usage() {
  cat <<TXT

S9S API is serving on http://127.0.0.1:$PORT (Ctrl-C to stop). Try:

  set -a; . $DEMO_ENV; set +a
  curl -s \$S9S_URL/v1/status
  curl -s -H "X-API-Key: \$S9S_KEY_ADMIN" \$S9S_URL/v1/clusters
  curl -s -H "X-API-Key: \$S9S_KEY_ALICE" "\$S9S_URL/v1/jobs?cluster=legacy&limit=10"
  curl -s -X POST -H "X-API-Key: \$S9S_KEY_ALICE" -H "Content-Type: application/json" \\
       -d '{"job_name":"demo","script":"/bin/sleep 60","nodes":1,"time_limit":"0:05:00"}' \\
       "\$S9S_URL/v1/jobs?cluster=main"
  curl -s -H "X-API-Key: \$S9S_KEY_OPERATOR" "\$S9S_URL/v1/nodes?cluster=legacy"
  curl -s -X POST -H "Content-Type: application/json" \$S9S_URL/oauth/token \\
       -d "{\\"grant_type\\":\\"client_credentials\\",\\"client_id\\":\\"\$S9S_OAUTH_CLIENT_ID\\",\\"client_secret\\":\\"\$S9S_OAUTH_CLIENT_SECRET\\"}"
  Swagger UI: \$S9S_URL/docs    ReDoc: \$S9S_URL/redoc

TXT
}

main() {
  check_node
  install_packages
  port_free || die "port $PORT is in use: set PORT to a free port"
  say "bringing the local stack up (first run installs Slurm: several minutes)"
  scripts/stack.sh up </dev/null
  set -a
  # shellcheck source=/dev/null
  . .stack/stack.env
  set +a
  export PORT
  say "building"
  npm run build
  say "migrating the database"
  npm run migrate
  write_demo_env
  say "starting the API on port $PORT"
  node dist/src/main.js &
  local pid=$! stopping=0
  trap 'stopping=1; kill -TERM "$pid" 2>/dev/null || true' INT TERM
  if ! wait_ready "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    die "the API did not start"
  fi
  curl -s "http://127.0.0.1:$PORT/v1/status" | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const st = JSON.parse(s);
      for (const c of st.clusters ?? [])
        console.log(`  cluster ${c.name}: ${c.reachable ? `Slurm ${c.slurm_version} (${c.api_version})` : `DOWN: ${c.error}`}`);
      console.log(`  database: ${st.database?.status}, redis: ${st.redis?.status}, status: ${st.status}`);
    });' || true
  print_usage
  local rc=0
  wait "$pid" || rc=$?
  # A trapped signal interrupts `wait`: wait again for the API's graceful shutdown (exit 0).
  if [ "$stopping" = 1 ]; then
    rc=0
    wait "$pid" || rc=$?
  fi
  exit "$rc"
}

main "$@"
