#!/bin/sh
# Accounting objects of a stack cluster: the cluster, QOS high, accounts research and
# physics, users alice and bob (research, QOS normal+high) and carol (physics).
# Idempotent. Runs wherever the cluster's sacctmgr is on PATH and configured: on the host
# with SLURM_CONF (legacy), inside the chroot (main) and in the Docker image.
#   usage: accounting.sh CLUSTER
set -eu
c=$1

has() { [ -n "$(sacctmgr -n -P show "$@" 2>/dev/null)" ]; }
add() { sacctmgr -i add "$@" >/dev/null; }

has cluster "$c" format=cluster || add cluster "$c"
has qos high format=name || add qos high Priority=1000
for a in research physics; do
  has account "$a" format=account || add account "$a" Cluster="$c" Description="$a" Organization=s9s
done
for u in alice bob; do
  has association user="$u" format=user ||
    add user "$u" Account=research Cluster="$c" QOS=normal,high DefaultQOS=normal
done
has association user=carol format=user ||
  add user carol Account=physics Cluster="$c" QOS=normal DefaultQOS=normal
