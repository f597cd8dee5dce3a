#!/usr/bin/env bash
# Render a template of scripts/stack/templates to stdout: every @@NAME@@ becomes the value
# of the environment variable NAME. An unset variable is an error, so a template and its
# caller cannot drift apart silently. Used by scripts/stack.sh and docker/slurm/Dockerfile.
#   usage: NAME=value ... render.sh TEMPLATE
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: render.sh TEMPLATE" >&2; exit 2; }
exec perl -pe 's/\@\@([A-Z0-9_]+)\@\@/exists $ENV{$1} ? $ENV{$1} : die "render.sh: $1 is not set ($ARGV)\n"/ge' "$1"
