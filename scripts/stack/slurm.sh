# shellcheck shell=bash disable=SC2034,SC2154
# Per-cluster Slurm: configuration from the shared templates, keys, munged, slurmdbd,
# accounting objects, slurmctld, one slurmd per node, slurmrestd.

SLURM_USERS=(alice bob carol)
SLURMRESTD_MAX_MEMORY_GB=${SLURMRESTD_MAX_MEMORY_GB:-12}

# slurm_configure CLUSTER : directories, keys and configuration files. If a configuration
# file changed while the cluster runs, its Slurm daemons are stopped so that `up` starts
# them again with the new file.
slurm_configure() {
  cluster_vars "$1"
  local p=$PREFIX changed=0 d
  for d in "$STATE_DIR" "$SPOOL_DIR" "$LOG_DIR" "$RUN_DIR" "$GPU_DIR"; do
    mkdir -p "$p$d"
  done
  mkdir -p "$p$ETC_DIR"
  for d in "${NODES[@]}"; do mkdir -p "$p$SPOOL_DIR/$d"; done
  chown slurm:slurm "$p$STATE_DIR" "$p$LOG_DIR" "$p$RUN_DIR"
  for d in 0 1 2 3; do : >>"$p$GPU_DIR/nvidia$d"; done
  if [ ! -s "$p$JWT_KEY" ]; then
    head -c 32 /dev/urandom >"$p$JWT_KEY"
  fi
  chown slurm:slurm "$p$JWT_KEY"
  chmod 600 "$p$JWT_KEY"
  render_to slurm.conf.tmpl "$p$ETC_DIR/slurm.conf" root:root 644 && changed=1
  render_to gres.conf.tmpl "$p$ETC_DIR/gres.conf" root:root 644 && changed=1
  render_to cgroup.conf.tmpl "$p$ETC_DIR/cgroup.conf" root:root 644 && changed=1
  # slurmdbd insists on its file being owned by SlurmUser, mode 600.
  render_to slurmdbd.conf.tmpl "$p$ETC_DIR/slurmdbd.conf" slurm:slurm 600 && changed=1
  if [ "$1" = main ]; then
    render_to mysql-client.cnf.tmpl "$p/etc/mysql/conf.d/s9s-skip-ssl.cnf" root:root 644 || true
  fi
  munge_key "$1"
  write_wrapper "$1"
  if [ $changed -eq 1 ] && alive "$1-slurmctld"; then
    log "$1: configuration changed, restarting its Slurm daemons"
    stop_daemons "$1-slurmrestd" "${NODES[@]/#/$1-slurmd-}" "$1-slurmctld" "$1-slurmdbd"
  fi
}

# Legacy munged uses the default socket (22.05's slurmdbd ignores AuthInfo socket=) with
# a key under .stack; main's munged is the chroot's own, with the chroot's key.
munge_key() {
  if [ "$1" = legacy ]; then
    mkdir -p "$LEGACY_DIR/munge"
    if [ ! -s "$LEGACY_DIR/munge/munge.key" ]; then
      head -c 1024 /dev/urandom >"$LEGACY_DIR/munge/munge.key"
    fi
    chown -R munge:munge "$LEGACY_DIR/munge"
    chmod 700 "$LEGACY_DIR/munge"
    chmod 600 "$LEGACY_DIR/munge/munge.key"
  fi
}

# .stack/<cluster>/scontrol : the cluster's scontrol for the gateway's node-update fallback.
write_wrapper() {
  local file=$STACK/$1/scontrol
  mkdir -p "$STACK/$1"
  if [ "$1" = legacy ]; then
    printf '#!/bin/sh\nSLURM_CONF=%q exec /usr/bin/scontrol "$@"\n' "$LEGACY_DIR/etc/slurm.conf" >"$file"
  else
    printf '#!/bin/sh\nunset SLURM_CONF\nexec /usr/sbin/chroot %q /usr/bin/scontrol "$@"\n' \
      "$MAIN_ROOT" >"$file"
  fi
  chmod 755 "$file"
}

munged_start() {
  local c=$1
  alive "$c-munged" && return 0
  if [ "$c" = legacy ]; then
    mkdir -p /run/munge
    chown munge:munge /run/munge
    start_daemon legacy-munged "$LOGS/legacy-munged.log" \
      setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F -f \
      --key-file="$LEGACY_DIR/munge/munge.key" --pid-file="$LEGACY_DIR/munge/munged.pid" \
      --seed-file="$LEGACY_DIR/munge/munged.seed" --log-file="$LEGACY_DIR/munge/munged.log"
  else
    mkdir -p "$MAIN_ROOT/run/munge"
    chroot "$MAIN_ROOT" chown munge:munge /run/munge
    start_daemon main-munged "$LOGS/main-munged.log" chroot "$MAIN_ROOT" \
      setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F -f
  fi
}

munge_ready() { in_cluster "$1" sh -c 'munge -n | unmunge'; }

# slurm_daemon CLUSTER NAME COMMAND... : start one Slurm daemon of the cluster if not alive.
slurm_daemon() {
  local c=$1 name=$2
  shift 2
  alive "$c-$name" && return 0
  cluster_prefix "$c"
  start_daemon "$c-$name" "$LOGS/$c-$name.log" "${in_cluster_prefix[@]}" "$@"
}

slurmdbd_start() {
  slurm_daemon "$1" slurmdbd /usr/sbin/slurmdbd -D
}

slurmdbd_ready() { in_cluster "$1" sacctmgr -n -P show cluster; }

# Cluster, QOS, accounts and users in the cluster's accounting database (idempotent; a
# stamp next to the cluster's state skips the sacctmgr round trips on later runs).
accounting_setup() {
  local c=$1 stamp=$STACK/$1/accounting.done
  wait_for "$c slurmdbd" 90 slurmdbd_ready "$c" || fail_with_logs "$LOGS/$c-slurmdbd.log" \
    "$(cluster_vars "$c" && echo "$PREFIX$LOG_DIR/slurmdbd.log")"
  [ -f "$stamp" ] && [ -d "$MARIADB_DIR/data/slurm_acct_$c" ] && return 0
  if [ "$c" = legacy ]; then
    in_cluster legacy "$REPO/scripts/stack/accounting.sh" legacy
  else
    install -m 755 "$REPO/scripts/stack/accounting.sh" "$MAIN_ROOT/usr/local/sbin/s9s-accounting"
    in_cluster main /usr/local/sbin/s9s-accounting main
  fi
  : >"$stamp"
}

slurmctld_start() {
  slurm_daemon "$1" slurmctld /usr/sbin/slurmctld -D
}

slurmctld_ready() { in_cluster "$1" scontrol ping | grep -q 'is UP'; }

slurmd_start_all() {
  local n
  for n in "${NODES[@]}"; do
    slurm_daemon "$1" "slurmd-$n" /usr/sbin/slurmd -D -N "$n"
  done
}

# Nodes usable: every node answered (no DOWN/UNKNOWN/INVAL/not responding). A drain left by
# a test still counts as answered.
nodes_ready() {
  local states
  states=$(in_cluster "$1" sinfo -h -N -o '%N %t' | sort -u) || return 1
  [ "$(wc -l <<<"$states")" -eq ${#NODES[@]} ] || return 1
  ! grep -qE ' (down|unk|inval|fail|futr|npc|pow|boot)|[*~#!%$@^-]$' <<<"$states"
}

slurmrestd_start() {
  local c=$1 pid
  alive "$c-slurmrestd" && return 0
  cluster_vars "$c"
  cluster_prefix "$c"
  # 24.11's slurmrestd grows without bound under big lists: cap it, and let the OOM killer
  # pick it first.
  start_daemon "$c-slurmrestd" "$LOGS/$c-slurmrestd.log" \
    prlimit --as=$((SLURMRESTD_MAX_MEMORY_GB * 1024 ** 3)) "${in_cluster_prefix[@]}" \
    setpriv --reuid=slurmrest --regid=slurmrest --init-groups env SLURM_JWT=daemon \
    /usr/sbin/slurmrestd -a rest_auth/jwt -s "$REST_PLUGINS" "127.0.0.1:$REST_PORT"
  pid=$(pid_of "$c-slurmrestd")
  echo 1000 >"/proc/$pid/oom_score_adj" 2>/dev/null || true
}

slurmrestd_ready() {
  cluster_vars "$1"
  rest_get "$REST_URL$REST_PING" "$PREFIX$JWT_KEY"
}

# Daemon names of a cluster, in start order.
cluster_daemons() {
  local n
  printf '%s\n' "$1-munged" "$1-slurmdbd" "$1-slurmctld"
  for n in "${NODES[@]}"; do printf '%s\n' "$1-slurmd-$n"; done
  printf '%s\n' "$1-slurmrestd"
}
