# shellcheck shell=bash disable=SC2034
# The two clusters of the stack. Names, ports and paths are a contract the gateway's
# configuration and tests code against (see .stack/stack.env).
#   legacy: Slurm 22.05 from this machine's packages, configuration under .stack/legacy/etc
#   main:   Slurm 24.11 in the Debian 13 chroot .stack/main/root, configuration in its /etc/slurm

CLUSTERS=(main legacy)
NODES=(node001 node002 node003 node004 gpu001 gpu002)

# cluster_vars CLUSTER : exports the template variables and sets PREFIX (host path of the
# cluster's filesystem root: empty for legacy, the chroot for main) and ETC_DIR (as seen by
# the cluster's own daemons).
cluster_vars() {
  export CLUSTER=$1 CTLD_HOST=$HOST_NAME DB_HOST=127.0.0.1 DB_PORT=3307 DB_USER=slurm DB_PASS=slurm
  case $1 in
    legacy)
      PREFIX=
      ETC_DIR=$LEGACY_DIR/etc
      export CTLD_PORT=6817 SLURMD_PORT=6818 DBD_PORT=6819 REST_PORT=6820
      export CPU_PORTS=17001-17004 GPU_PORTS=17005-17006
      export STATE_DIR=$LEGACY_DIR/state SPOOL_DIR=$LEGACY_DIR/spool LOG_DIR=$LEGACY_DIR/log
      export RUN_DIR=$LEGACY_DIR/run GPU_DIR=$LEGACY_DIR/gpu JWT_KEY=$LEGACY_DIR/etc/jwt.key
      export CGROUP_PLUGIN=autodetect
      REST_PLUGINS=openapi/v0.0.38,openapi/dbv0.0.38
      REST_PING=/slurm/v0.0.38/ping
      ;;
    main)
      PREFIX=$MAIN_ROOT
      ETC_DIR=/etc/slurm
      export CTLD_PORT=7817 SLURMD_PORT=7818 DBD_PORT=7819 REST_PORT=7820
      export CPU_PORTS=7821-7824 GPU_PORTS=7825-7826
      export STATE_DIR=/var/lib/slurm/state SPOOL_DIR=/var/spool/slurmd LOG_DIR=/var/log/slurm
      export RUN_DIR=/run/slurm GPU_DIR=/var/lib/slurm/gpu JWT_KEY=/etc/slurm/jwt.key
      export CGROUP_PLUGIN=disabled
      REST_PLUGINS=openapi/slurmctld,openapi/slurmdbd
      REST_PING=/slurm/v0.0.42/ping/
      ;;
    *) die "unknown cluster '$1' (main or legacy)" ;;
  esac
  REST_URL=http://127.0.0.1:$REST_PORT
}

# cluster_prefix CLUSTER : sets in_cluster_prefix, the command prefix that runs a program
# with the cluster's Slurm (chroot for main, SLURM_CONF for legacy). Every part execs, so a
# daemon started behind it keeps the pid start_daemon records.
cluster_prefix() {
  case $1 in
    legacy) in_cluster_prefix=(env "SLURM_CONF=$LEGACY_DIR/etc/slurm.conf") ;;
    main) in_cluster_prefix=(env -u SLURM_CONF chroot "$MAIN_ROOT") ;;
    *) die "unknown cluster '$1' (main or legacy)" ;;
  esac
}

# in_cluster CLUSTER COMMAND... : run a Slurm command of the cluster as root.
in_cluster() {
  cluster_prefix "$1"
  shift
  "${in_cluster_prefix[@]}" "$@"
}

# as_user USER COMMAND... : run as USER (name resolved on the host) without forking.
as_user() {
  local user=$1
  shift
  setpriv --reuid="$user" --regid="$user" --init-groups "$@"
}
