#!/usr/bin/env bash
# Entry point of docker/slurm/Dockerfile: one container runs a whole Slurm 24.11 cluster
# (munged, slurmdbd, slurmctld, six slurmd, slurmrestd on 0.0.0.0:7820), configured from
# scripts/stack/templates with the same ports and names as the local stack's cluster main.
# The container stops when any daemon stops.
set -euo pipefail

export CTLD_HOST=${CTLD_HOST:-$HOSTNAME}
export CTLD_PORT=7817 SLURMD_PORT=7818 DBD_PORT=7819 CPU_PORTS=7821-7824 GPU_PORTS=7825-7826
export STATE_DIR=/var/lib/slurm/state SPOOL_DIR=/var/spool/slurmd LOG_DIR=/var/log/slurm
export RUN_DIR=/run/slurm GPU_DIR=/var/lib/slurm/gpu JWT_KEY=/var/lib/slurm-jwt/jwt.key
export CGROUP_PLUGIN=disabled
NODES=(node001 node002 node003 node004 gpu001 gpu002)
render=/opt/s9s/render.sh
tpl=/opt/s9s/templates

install -d -o slurm -g slurm "$STATE_DIR" "$LOG_DIR" "$RUN_DIR" "$(dirname "$JWT_KEY")"
install -d "$GPU_DIR" /run/munge "${NODES[@]/#/$SPOOL_DIR/}"
touch "$GPU_DIR"/nvidia{0,1,2,3}
[ -s "$JWT_KEY" ] || head -c 32 /dev/urandom >"$JWT_KEY"
chown slurm:slurm "$JWT_KEY" && chmod 600 "$JWT_KEY"
for f in slurm.conf gres.conf cgroup.conf slurmdbd.conf; do
  "$render" "$tpl/$f.tmpl" >"/etc/slurm/$f"
done
chown slurm:slurm /etc/slurm/slurmdbd.conf && chmod 600 /etc/slurm/slurmdbd.conf
chown munge:munge /run/munge

until_ok() { # until_ok SECONDS COMMAND...
  local end=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < end)) || { echo "timed out: $*" >&2; exit 1; }
    sleep 1
  done
}

setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F &
until_ok 30 sh -c 'munge -n | unmunge'
/usr/sbin/slurmdbd -D &
until_ok 120 sacctmgr -n show cluster
/opt/s9s/accounting.sh "$CLUSTER"
/usr/sbin/slurmctld -D &
until_ok 60 sh -c "scontrol ping | grep -q 'is UP'"
for n in "${NODES[@]}"; do /usr/sbin/slurmd -D -N "$n" & done
setpriv --reuid=slurmrest --regid=slurmrest --init-groups env SLURM_JWT=daemon \
  /usr/sbin/slurmrestd -a rest_auth/jwt -s openapi/slurmctld,openapi/slurmdbd 0.0.0.0:7820 &
echo "slurm cluster $CLUSTER is starting; slurmrestd on :7820"
wait -n
echo "a Slurm daemon stopped; stopping the container" >&2
exit 1
