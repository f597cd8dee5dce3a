#!/usr/bin/env bash
# The local stack of S9S API: two Slurm clusters (main = 24.11 in a Debian 13 chroot,
# legacy = 22.05 from this machine), MariaDB for their accounting, PostgreSQL and Redis.
#
#   scripts/stack.sh up        install what is missing, start what is not running, wait
#                              until everything answers, write .stack/stack.env
#   scripts/stack.sh down      stop exactly what up started (by pid), unmount the chroot
#   scripts/stack.sh status    each component up/down (-q: no output, exit 0 when all up)
#   scripts/stack.sh leftovers processes/mounts of the stack still there (exit 0: none)
#
# Run as root. State lives in .stack/ (git-ignored); the installed chroot is cached in
# /var/cache/s9s. See scripts/stack/*.sh for the parts.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for part in lib clusters chroot services slurm; do
  # shellcheck source=/dev/null
  . "$REPO/scripts/stack/$part.sh"
done

HOST_PACKAGES=(slurmctld slurmd slurmdbd slurmrestd slurm-client munge mariadb-server
  slurm-wlm-jwt-plugin slurm-wlm-mysql-plugin redis-server postgresql-15 debootstrap zstd
  openssl curl procps util-linux)
SERVICES=(mariadb postgres redis)

ensure_packages() {
  local installed missing=() p
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${HOST_PACKAGES[@]}" 2>/dev/null |
    awk '$2 == "installed" { print $1 }' || true)
  for p in "${HOST_PACKAGES[@]}"; do
    grep -qxF "$p" <<<"$installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  apt-get update -q >"$LOGS/apt.log" 2>&1
  # Package scripts must not start the distribution's own daemons (no systemd here anyway).
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >>"$LOGS/apt.log" 2>&1 || die "apt-get install failed, see $LOGS/apt.log"
}

ensure_users() {
  local u
  for u in "${SLURM_USERS[@]}"; do
    id -u "$u" >/dev/null 2>&1 || useradd -m -U -s /bin/bash "$u"
  done
  id -u slurmrest >/dev/null 2>&1 || useradd -r -U -M -d /nonexistent -s /usr/sbin/nologin slurmrest
  for u in "${SLURM_USERS[@]}" slurmrest; do
    chroot_sync_user "$u"
  done
  for u in "${SLURM_USERS[@]}"; do
    local home
    home=$(getent passwd "$u" | cut -d: -f6)
    mkdir -p "$home" "$MAIN_ROOT$home"
    chown "$u:$u" "$home" "$MAIN_ROOT$home"
  done
}

write_env() {
  local tmp=$STACK/stack.env.tmp
  {
    echo "# Written by scripts/stack.sh up; source with: set -a; . .stack/stack.env; set +a"
    echo "SLURM_CLUSTERS=main,legacy"
    echo "SLURM_MAIN_URL=http://127.0.0.1:7820"
    echo "SLURM_MAIN_JWT_KEY=$MAIN_ROOT/etc/slurm/jwt.key"
    echo "SLURM_MAIN_USER=slurm"
    echo "SLURM_MAIN_PATH_ROOT=$MAIN_ROOT"
    echo "SLURM_MAIN_SCONTROL=$STACK/main/scontrol"
    echo "SLURM_LEGACY_URL=http://127.0.0.1:6820"
    echo "SLURM_LEGACY_JWT_KEY=$LEGACY_DIR/etc/jwt.key"
    echo "SLURM_LEGACY_USER=slurm"
    echo "SLURM_LEGACY_PATH_ROOT="
    echo "SLURM_LEGACY_SCONTROL=$STACK/legacy/scontrol"
    echo "DATABASE_URL=postgres://s9s:s9s@127.0.0.1:5433/s9s"
    echo "TEST_DATABASE_URL=postgres://s9s:s9s@127.0.0.1:5433/s9s_test"
    echo "REDIS_URL=redis://127.0.0.1:6380"
  } >"$tmp"
  mv -f "$tmp" "$STACK/stack.env"
}

cluster_logs() {
  cluster_vars "$1"
  echo "$LOGS/$1-slurmctld.log" "$PREFIX$LOG_DIR/slurmctld.log" "$PREFIX$LOG_DIR/slurmdbd.log" \
    "$PREFIX$LOG_DIR/slurmd-node001.log" "$LOGS/$1-slurmrestd.log"
}

# wait_cluster CLUSTER CHECK TIMEOUT DESCRIPTION
wait_cluster() {
  # shellcheck disable=SC2046
  wait_for "$1 $4" "$3" "$2" "$1" || fail_with_logs $(cluster_logs "$1")
}

cmd_up() {
  local t0=$SECONDS c
  [ "$(id -u)" -eq 0 ] || die "run as root"
  mkdir -p "$STACK" "$PIDS" "$LOGS" "$STACK/test-results"
  chmod 755 "$STACK"
  ensure_packages
  chroot_ensure
  ensure_users
  for c in "${CLUSTERS[@]}"; do slurm_configure "$c"; done

  mariadb_start
  postgres_start
  redis_start
  for c in "${CLUSTERS[@]}"; do munged_start "$c"; done
  mariadb_setup
  for c in "${CLUSTERS[@]}"; do
    wait_cluster "$c" munge_ready 30 munged
    slurmdbd_start "$c"
  done
  postgres_setup
  wait_for Redis 60 redis_ready || fail_with_logs "$LOGS/redis.log"
  for c in "${CLUSTERS[@]}"; do
    accounting_setup "$c"
    slurmctld_start "$c"
  done
  for c in "${CLUSTERS[@]}"; do
    wait_cluster "$c" slurmctld_ready 90 slurmctld
    slurmd_start_all "$c"
    slurmrestd_start "$c"
  done
  for c in "${CLUSTERS[@]}"; do
    wait_cluster "$c" nodes_ready 120 "nodes idle"
    wait_cluster "$c" slurmrestd_ready 60 "slurmrestd ping"
  done
  write_env
  log "stack up in $((SECONDS - t0)) s; environment in $STACK/stack.env"
}

all_daemons() {
  local c
  for c in "${CLUSTERS[@]}"; do cluster_daemons "$c"; done
  printf '%s\n' "${SERVICES[@]}"
}

cmd_status() {
  local quiet=${1:-} name pid all=0 mounts
  while read -r name; do
    if pid=$(pid_of "$name"); then
      [ -n "$quiet" ] || printf '%-22s up    (pid %s)\n' "$name" "$pid"
    else
      [ -n "$quiet" ] || printf '%-22s down\n' "$name"
      all=1
    fi
  done < <(all_daemons)
  mounts=$(findmnt -rn -o TARGET | grep -cF "$STACK/" || true)
  [ -n "$quiet" ] || printf '%-22s %s\n' "mounts under .stack" "$mounts"
  return $all
}

cmd_down() {
  local t0=$SECONDS c n left
  [ "$(id -u)" -eq 0 ] || die "run as root"
  local ctld=() slurmd=() dbd=()
  for c in "${CLUSTERS[@]}"; do
    ctld+=("$c-slurmrestd" "$c-slurmctld")
    for n in "${NODES[@]}"; do slurmd+=("$c-slurmd-$n"); done
    dbd+=("$c-slurmdbd")
  done
  # Controllers first: no job is launched while the nodes go down.
  stop_daemons "${ctld[@]}"
  stop_daemons "${slurmd[@]}"
  stop_daemons "${dbd[@]}"
  stop_daemons "${CLUSTERS[@]/%/-munged}" "${SERVICES[@]}"
  # Whatever our daemons started themselves (slurmstepd, job steps) or a killed stack left;
  # a few rounds, since a job step may still have been starting.
  for _ in 1 2 3; do
    mapfile -t left < <(stack_processes)
    [ ${#left[@]} -eq 0 ] && break
    log "stopping ${#left[@]} leftover process(es): ${left[*]}"
    kill -TERM "${left[@]}" 2>/dev/null || true
    for _ in $(seq 25); do
      mapfile -t left < <(stack_processes)
      [ ${#left[@]} -eq 0 ] && break
      sleep 0.2
    done
    [ ${#left[@]} -eq 0 ] || kill -KILL "${left[@]}" 2>/dev/null || true
    sleep 0.3
  done
  unmount_under "$STACK"
  if ! cmd_leftovers; then
    die "stack down left the above behind"
  fi
  log "stack down in $((SECONDS - t0)) s"
}

# leftovers: prints what of the stack still runs or is mounted; exit 0 when nothing is.
cmd_leftovers() {
  local procs mounts
  procs=$(stack_processes)
  mounts=$(findmnt -rn -o TARGET | grep -F "$STACK/" || true)
  if [ -n "$procs" ]; then
    echo "processes of the stack still running:"
    ps -o pid=,user=,args= -p "$(paste -sd, <<<"$procs")" | sed 's/^/  /'
  fi
  [ -z "$mounts" ] || printf 'mounts under .stack:\n%s\n' "$mounts"
  [ -z "$procs" ] && [ -z "$mounts" ]
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status "${2:-}" ;;
  leftovers) cmd_leftovers ;;
  *)
    echo "usage: $0 up|down|status [-q]|leftovers" >&2
    exit 2
    ;;
esac
