#!/usr/bin/env bash
# The test command of S9S API (README; CI runs it through .ci/run):
# dependencies, the local stack, lint, typecheck, build, migrate, unit and e2e tests, a summary.
# Every check runs even when an earlier one failed, so that all results show; the exit
# status is non-zero when anything failed.
#
# The stack is stopped at the end (whatever happened) when this script started it or when
# CI=true; a stack that was already running for a developer is left running.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
T0=$SECONDS
RESULTS=$REPO/.stack/test-results
FAILED=()
STOP_STACK=0
STACK_STOPPED=0

step() { printf '\n== %s (%d s)\n' "$1" $((SECONDS - T0)); }

# check NAME COMMAND... : run a step with no stdin, remember a failure, go on.
check() {
  local name=$1 rc=0
  shift
  step "$name"
  "$@" </dev/null || rc=$?
  if [ $rc -ne 0 ]; then
    echo "!! $name failed (exit $rc)"
    FAILED+=("$name")
  fi
  return 0
}

stop_stack() {
  [ $STACK_STOPPED -eq 0 ] && [ $STOP_STACK -eq 1 ] || return 0
  STACK_STOPPED=1
  step "stack down"
  scripts/stack.sh down </dev/null || echo "!! scripts/stack.sh down failed"
  # Nothing of the stack may survive the run: no daemon, no mount inside the checkout.
  local mounts
  mounts=$(findmnt -rn -o TARGET | grep -F "$REPO/" || true)
  if [ -n "$mounts" ]; then
    echo "!! mounts left under $REPO, unmounting lazily: $mounts"
    while read -r m; do umount -l "$m" || true; done <<<"$mounts"
  fi
  scripts/stack.sh leftovers </dev/null || echo "!! the stack left the above behind"
}

# Test processes (API servers spawned by e2e specs, workers, jest) that outlived their runner:
# node programs run from the checkout's dist/ or node_modules/, except this
# script and its ancestors. The stack's daemons (cwd under .stack/) are left to stack.sh down.
stop_test_processes() {
  local keep=" " pid=$$ pids=() p
  while [ "$pid" -gt 1 ] 2>/dev/null; do
    keep+="$pid "
    pid=$(awk '/^PPid:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 1)
  done
  local args cwd
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [[ $keep == *" $pid "* ]] && continue
    args=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) || continue
    cwd=$(readlink "$p/cwd" 2>/dev/null) || continue
    if [[ $args == *"$REPO/dist/"* || $args == *"$REPO/node_modules/"* ]] ||
      { [ "$cwd" = "$REPO" ] && [[ $args =~ (^|[ /])(dist|node_modules)/ ]]; }; then
      pids+=("$pid")
    fi
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  echo "stopping ${#pids[@]} leftover test process(es): ${pids[*]}"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  sleep 2
  kill -KILL "${pids[@]}" 2>/dev/null || true
}

on_exit() {
  local rc=$?
  stop_test_processes
  stop_stack
  exit $rc
}
trap on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

step dependencies
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  { echo "Node.js 20 or newer is required"; exit 1; }
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund </dev/null
fi

step "stack up"
scripts/stack.sh status -q </dev/null || STOP_STACK=1
[ "${CI:-}" = true ] && STOP_STACK=1
scripts/stack.sh up </dev/null
set -a
# shellcheck source=/dev/null
. .stack/stack.env
set +a
export DATABASE_URL=$TEST_DATABASE_URL

mkdir -p "$RESULTS"
rm -f "$RESULTS/unit.json" "$RESULTS/e2e.json"
check lint npm run lint
check typecheck npm run typecheck
check build npm run build
if [[ " ${FAILED[*]} " == *" build "* ]]; then
  echo "!! build failed: migrate and e2e cannot run"
  FAILED+=(migrate e2e)
  check unit npm test -- --json --outputFile="$RESULTS/unit.json"
else
  check migrate npm run migrate
  check unit npm test -- --json --outputFile="$RESULTS/unit.json"
  check e2e timeout -k 1m 40m npm run test:e2e -- --json --outputFile="$RESULTS/e2e.json" --forceExit
fi

stop_test_processes
stop_stack
step summary
S9S_FAILED_STEPS="${FAILED[*]}" S9S_ELAPSED=$((SECONDS - T0)) node scripts/test-summary.cjs \
  "$RESULTS/unit.json" "$RESULTS/e2e.json" || FAILED+=(summary)
[ ${#FAILED[@]} -eq 0 ]
