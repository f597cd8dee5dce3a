# shellcheck shell=bash disable=SC2034
# Shared helpers of scripts/stack.sh: paths, logging, daemons started and stopped by pid.
#
# Every daemon is started detached (setsid, stdin from /dev/null, output to its log), with
# S9S_STACK=<state dir> in its environment. A pid file under .stack/pids records its pid
# and start time; a pid counts as ours only while both match, so a stale pid file left by
# a SIGKILL can never make us signal somebody else's process.

REPO=${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
STACK=$REPO/.stack
TEMPLATES=$REPO/scripts/stack/templates
PIDS=$STACK/pids
LOGS=$STACK/logs
MAIN_ROOT=$STACK/main/root
LEGACY_DIR=$STACK/legacy
HOST_NAME=$(hostname)
MARKER="S9S_STACK=$STACK"

log() { printf '[stack %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() {
  printf '[stack] ERROR: %s\n' "$*" >&2
  exit 1
}

# proc_start PID : the start time of a process (field 22 of /proc/PID/stat), empty for a
# zombie or a missing process. Together with the pid it names one process for good; the
# environment is no help for that, since redis and postgres overwrite it with their titles.
proc_start() {
  local stat rest fields
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  rest=${stat##*) }
  read -r -a fields <<<"$rest"
  [ "${fields[0]}" != Z ] || return 1
  printf '%s\n' "${fields[19]}"
}

# pid_of NAME -> prints the pid if the daemon NAME started by this stack is alive, else fails.
pid_of() {
  local file=$PIDS/$1.pid pid start now
  [ -s "$file" ] || return 1
  read -r pid start <"$file" || true
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  now=$(proc_start "$pid") || return 1
  [ "$now" = "$start" ] || return 1
  printf '%s\n' "$pid"
}

# is_ours PID : started by this stack (marker in its environment); used to find processes
# our daemons started themselves.
is_ours() {
  grep -qzxF "$MARKER" "/proc/$1/environ" 2>/dev/null
}

alive() { pid_of "$1" >/dev/null; }

# start_daemon NAME LOGFILE COMMAND... : the command must stay in the foreground and exec
# (no fork) so that $! is the daemon itself.
start_daemon() {
  local name=$1 logfile=$2
  shift 2
  mkdir -p "$PIDS" "$(dirname "$logfile")"
  printf '\n==== %(%F %T)T start %s\n' -1 "$name" >>"$logfile"
  setsid env "$MARKER" "$@" </dev/null >>"$logfile" 2>&1 &
  echo "$! $(proc_start $!)" >"$PIDS/$name.pid"
}

# stop_daemons NAME... : TERM all that are alive, wait up to 15 s, then KILL.
# PostgreSQL gets INT (fast shutdown): on TERM it would wait for its clients to leave.
stop_daemons() {
  local name pid pids=() i sig
  for name in "$@"; do
    if pid=$(pid_of "$name"); then
      sig=TERM
      [ "$name" = postgres ] && sig=INT
      kill -"$sig" "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  for ((i = 0; i < 150 && ${#pids[@]} > 0; i++)); do
    local still=()
    for pid in "${pids[@]}"; do proc_start "$pid" >/dev/null && still+=("$pid"); done
    pids=("${still[@]}")
    [ ${#pids[@]} -eq 0 ] || sleep 0.1
  done
  for pid in "${pids[@]}"; do
    log "pid $pid did not stop on TERM within 15 s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
  done
  for name in "$@"; do rm -f "$PIDS/$name.pid"; done
}

# stack_processes: every process of this stack, including those our daemons started
# themselves: marker in the environment, root inside the chroot, a Slurm program holding a
# file under .stack open (slurmstepd of legacy, which clears its environment), or a
# descendant of any of these (job steps); and every daemon of a pid file.
stack_processes() {
  local pid file
  local -A ours=()
  for file in "$PIDS"/*.pid; do
    [ -e "$file" ] || continue
    file=${file##*/}
    if pid=$(pid_of "${file%.pid}"); then ours[$pid]=1; fi
  done
  # A handful of processes scanned in bulk (one find/grep each, not one per process).
  while IFS=/ read -r _ _ pid _; do
    [ -n "$pid" ] && ours[$pid]=1
  done < <(
    # Processes come and go while we look: errors of find/grep are expected (no set -e here).
    set +e
    find /proc/[0-9]*/root -maxdepth 0 \( -lname "$MAIN_ROOT" -o -lname "$MAIN_ROOT/*" \) 2>/dev/null
    grep -lzxF "$MARKER" /proc/[0-9]*/environ 2>/dev/null
    find /proc/[0-9]*/exe -maxdepth 0 -lname '/usr/sbin/slurm*' 2>/dev/null |
      while IFS=/ read -r _ _ pid _; do
        find "/proc/$pid/fd" -mindepth 1 -lname "$STACK/*" -print -quit 2>/dev/null
      done
    true
  )
  unset "ours[$$]" "ours[$BASHPID]"
  # Descendants: repeat until no process is added (the tree is shallow).
  local changed=1 ppid tree
  tree=$(ps -e -o pid=,ppid=)
  while [ $changed -eq 1 ]; do
    changed=0
    while read -r pid ppid; do
      if [ -n "${ours[$ppid]:-}" ] && [ -z "${ours[$pid]:-}" ]; then
        ours[$pid]=1
        changed=1
      fi
    done <<<"$tree"
  done
  for pid in "${!ours[@]}"; do
    [ -d "/proc/$pid" ] && printf '%s\n' "$pid"
  done
  return 0
}

# wait_for DESCRIPTION TIMEOUT_S COMMAND... : poll COMMAND until it succeeds.
wait_for() {
  local what=$1 timeout=$2 start=$SECONDS
  shift 2
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS - start >= timeout)); then
      log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.3
  done
}

# install_file SOURCE DEST OWNER MODE : copy only when the content differs; returns 0 when
# the file changed, 1 when it was already up to date.
install_file() {
  local src=$1 dest=$2 owner=$3 mode=$4
  if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
    chown "$owner" "$dest"
    chmod "$mode" "$dest"
    return 1
  fi
  install -D -o "${owner%%:*}" -g "${owner##*:}" -m "$mode" "$src" "$dest"
  return 0
}

# render_to TEMPLATE DEST OWNER MODE (variables in the environment): returns 0 if changed.
render_to() {
  local tmp rc=1
  tmp=$(mktemp)
  "$REPO/scripts/stack/render.sh" "$TEMPLATES/$1" >"$tmp" || {
    rm -f "$tmp"
    die "cannot render $1"
  }
  install_file "$tmp" "$2" "$3" "$4" && rc=0
  rm -f "$tmp"
  return $rc
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# mint_jwt KEYFILE USER [LIFESPAN_S] : an HS256 token as slurmrestd's auth/jwt expects.
mint_jwt() {
  local key=$1 user=$2 ttl=${3:-300} now header payload hexkey sig
  now=$(date +%s)
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"exp":%d,"iat":%d,"sun":"%s"}' $((now + ttl)) "$now" "$user" | b64url)
  hexkey=$(od -An -v -tx1 "$key" | tr -d ' \n')
  sig=$(printf '%s.%s' "$header" "$payload" |
    openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | b64url)
  printf '%s.%s.%s\n' "$header" "$payload" "$sig"
}

# rest_get URL KEYFILE : GET with a fresh token for the SlurmUser; prints the body.
rest_get() {
  local token
  token=$(mint_jwt "$2" slurm 120)
  curl -fsS --max-time 10 -H "X-SLURM-USER-NAME: slurm" -H "X-SLURM-USER-TOKEN: $token" "$1"
}
