# shellcheck shell=bash disable=SC2034
# The Debian 13 "trixie" chroot that runs Slurm 24.11 (cluster main).
#
# Only /proc is mounted into it; /dev holds the few device nodes debootstrap creates, so a
# forgotten mount can never expose the host's /dev to an `rm -rf` of the checkout.
# The fully installed chroot is cached outside the repository and restored when present.

CHROOT_PACKAGES=(slurmctld slurmd slurmdbd slurmrestd slurm-client munge
  slurm-wlm-jwt-plugin slurm-wlm-mysql-plugin)
CHROOT_MIRROR=${S9S_DEBIAN_MIRROR:-http://deb.debian.org/debian}
CHROOT_CACHE=${S9S_CHROOT_CACHE:-/var/cache/s9s/trixie-slurm.tar.zst}
# Bump the recipe number whenever the way the chroot is built changes.
CHROOT_STAMP="trixie-minbase recipe=1 packages=${CHROOT_PACKAGES[*]}"

chroot_stamp_ok() { [ -f "$1" ] && [ "$(<"$1")" = "$CHROOT_STAMP" ]; }

# unmount_under DIR : unmount every mount at or below DIR, deepest first, until none is left.
unmount_under() {
  local dir=$1 round target
  for round in 1 2 3 4 5 6 7 8 9 10; do
    mapfile -t targets < <(findmnt -rn -o TARGET | awk -v d="$dir" \
      'index($0, d "/") == 1 || $0 == d { print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-)
    [ ${#targets[@]} -eq 0 ] && return 0
    for target in "${targets[@]}"; do
      target=$(printf '%b' "$target") # findmnt -r writes \x20 for a space
      if [ "$round" -lt 5 ]; then
        umount "$target" 2>/dev/null || true
      else
        umount -l "$target" 2>/dev/null || true
      fi
    done
    sleep 0.2
  done
  findmnt -rn -o TARGET | grep -qF "$dir" && die "mounts left under $dir"
  return 0
}

chroot_mount() {
  mountpoint -q "$MAIN_ROOT/proc" || mount -t proc proc "$MAIN_ROOT/proc"
}

chroot_build() {
  local tmp=$STACK/main/root.build
  log "building the trixie chroot (debootstrap + Slurm 24.11; cached afterwards)"
  unmount_under "$tmp"
  rm -rf --one-file-system "$tmp"
  mkdir -p "$STACK/main"
  debootstrap --variant=minbase trixie "$tmp" "$CHROOT_MIRROR" >"$LOGS/debootstrap.log" 2>&1 ||
    die "debootstrap failed, see $LOGS/debootstrap.log"
  # Package scripts must not start daemons inside the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod 755 "$tmp/usr/sbin/policy-rc.d"
  cp /etc/hosts "$tmp/etc/hosts"
  mount -t proc proc "$tmp/proc"
  if ! chroot "$tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive sh -c "apt-get update -q && apt-get install -y -q \
      --no-install-recommends ${CHROOT_PACKAGES[*]} && apt-get clean" \
    >>"$LOGS/debootstrap.log" 2>&1; then
    umount "$tmp/proc"
    die "package installation in the chroot failed, see $LOGS/debootstrap.log"
  fi
  umount "$tmp/proc"
  rm -rf "$tmp/var/lib/apt/lists/"*
  printf '%s\n' "$CHROOT_STAMP" >"$tmp/etc/s9s-chroot.stamp"
  mv "$tmp" "$MAIN_ROOT"
  chroot_save_cache
}

chroot_save_cache() {
  log "caching the chroot as $CHROOT_CACHE"
  mkdir -p "$(dirname "$CHROOT_CACHE")"
  tar -C "$MAIN_ROOT" --numeric-owner -cpf - . | zstd -q -T0 -3 -o "$CHROOT_CACHE.tmp" -f
  printf '%s\n' "$CHROOT_STAMP" >"$CHROOT_CACHE.stamp"
  mv -f "$CHROOT_CACHE.tmp" "$CHROOT_CACHE"
}

chroot_restore() {
  log "restoring the chroot from $CHROOT_CACHE"
  mkdir -p "$MAIN_ROOT.restore"
  if ! zstd -q -dc "$CHROOT_CACHE" | tar -C "$MAIN_ROOT.restore" --numeric-owner -xpf -; then
    rm -rf --one-file-system "$MAIN_ROOT.restore"
    return 1
  fi
  mv "$MAIN_ROOT.restore" "$MAIN_ROOT"
}

# chroot_ensure : a chroot with the right packages at $MAIN_ROOT, /proc mounted.
chroot_ensure() {
  if ! chroot_stamp_ok "$MAIN_ROOT/etc/s9s-chroot.stamp"; then
    unmount_under "$STACK/main"
    rm -rf --one-file-system "$MAIN_ROOT" "$MAIN_ROOT.restore"
    if ! { chroot_stamp_ok "$CHROOT_CACHE.stamp" && [ -f "$CHROOT_CACHE" ] && chroot_restore; }; then
      chroot_build
    fi
  fi
  cp /etc/hosts "$MAIN_ROOT/etc/hosts"
  chmod 1777 "$MAIN_ROOT/tmp"
  chroot_mount
}

# chroot_sync_user NAME : the host's passwd/group entries of NAME, same uid/gid, in the chroot.
chroot_sync_user() {
  local name=$1 pw gr
  pw=$(getent passwd "$name") || die "no host user $name"
  gr=$(getent group "$name") || die "no host group $name"
  sync_line "$MAIN_ROOT/etc/passwd" "$name" "$pw"
  sync_line "$MAIN_ROOT/etc/group" "$name" "$gr"
  sync_line "$MAIN_ROOT/etc/shadow" "$name" "$name:!:19000:0:99999:7:::"
}

# sync_line FILE NAME LINE : FILE holds exactly LINE for NAME.
sync_line() {
  local file=$1 name=$2 line=$3
  grep -qxF "$line" "$file" && return 0
  grep -v "^$name:" "$file" >"$file.s9s" || true
  printf '%s\n' "$line" >>"$file.s9s"
  cat "$file.s9s" >"$file"
  rm -f "$file.s9s"
}
