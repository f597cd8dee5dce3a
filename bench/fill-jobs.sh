#!/usr/bin/env bash
# Fills the local stack's `main` cluster (Slurm 24.11) with pending jobs for the benchmark:
#
#   bench/fill-jobs.sh [COUNT]     (default 20000; counts jobs named s9s-bench already there)
#   bench/fill-jobs.sh --clear     (cancels every s9s-bench job)
#
# The jobs wait for a begin time a month away, so they stay PENDING (reason BeginTime) with
# real multifactor priorities (varied through --nice) and never take a node: jobs the
# benchmark starts itself still run at once. They are spread over alice, bob and carol.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$REPO/scripts/stack/lib.sh"
NAME=s9s-bench

[ -d "$MAIN_ROOT/etc/slurm" ] || die "no stack: run scripts/stack.sh up"

if [ "${1:-}" = --clear ]; then
  "$REPO/scripts/slurm" main scancel -n "$NAME"
  exit 0
fi

target=${1:-20000}
have=$("$REPO/scripts/slurm" main squeue -h -n "$NAME" -t PENDING -o %i | wc -l)
missing=$((target - have))
[ "$missing" -gt 0 ] || { echo "main has $have pending $NAME jobs"; exit 0; }

# One shell per user inside the chroot submits its share in a loop (~8 ms a job here),
# three in parallel.
submit() { # user count offset
  env -u SLURM_CONF HOME="/home/$1" chroot "$MAIN_ROOT" \
    setpriv --reuid="$1" --regid="$1" --init-groups \
    sh -c 'cd /tmp; i=0; while [ $i -lt "$1" ]; do
      sbatch -Q -J "$2" -p normal -t 10 --begin=now+30days --nice=$(( ($i + $3) % 500 )) \
        --wrap "sleep 60" -o /dev/null -e /dev/null >/dev/null || exit 1
      i=$((i + 1)); done' sh "$2" "$NAME" "$3"
}
share=$((missing / 3))
submit alice "$share" 0 &
submit bob "$share" 1 &
submit carol "$((missing - 2 * share))" 2 &
wait
echo "main has $("$REPO/scripts/slurm" main squeue -h -n "$NAME" -t PENDING -o %i | wc -l) pending $NAME jobs"
