#!/usr/bin/env bash
# Docker as users now run it, for the end-to-end tests: Docker 26 from Debian trixie with the containerd image
# store (`"features": {"containerd-snapshotter": true}`), beside the classic engine that scripts/prepare.sh
# starts. Debian 12 has no Docker new enough, so it runs in a trixie chroot made by debootstrap, with a
# socket and a data root of its own. Quick and silent when the chroot is made and its engine answers.
#
#   bash scripts/docker-containerd.sh          make the chroot when missing, start its engine when not running
#   bash scripts/docker-containerd.sh stop     stop the engine (the chroot stays for the next start)
#   bash scripts/docker-containerd.sh engine DIR [CA_FILE...]
#                                              an engine of the caller's own in the foreground (the tests' way:
#                                              one per emulator, trusting its CA), until SIGTERM
#   bash scripts/docker-containerd.sh env      prints RAHTI_TRIXIE_ROOT=<the chroot> and DOCKER_HOST=<its engine>
#
# The machine's engine answers on unix:///run/rahti-push/trixie-2/docker.sock. Each engine runs in a mount
# namespace of its own, so the chroot's mounts (its root bound onto itself, /proc, /sys with the cgroups, /dev,
# a fresh /run) vanish with it and never pile up on the host. RAHTI_TRIXIE_ROOT and RAHTI_RUN_DIR move the paths.
set -euo pipefail

# The chroot's generation: bump it with any change to how the chroot is made. Each generation has a root and a
# run directory of its own, so that branches of this repository built on one machine, each with its own
# generation, never remake or stop each other's chroot and engine.
GENERATION=2
PACKAGES=(docker.io containerd docker-buildx skopeo ca-certificates)
RECIPE="trixie minbase ${PACKAGES[*]} generation $GENERATION"
ROOT=${RAHTI_TRIXIE_ROOT:-/var/lib/rahti-push/trixie-$GENERATION}
RUN_DIR=${RAHTI_RUN_DIR:-/run/rahti-push/trixie-$GENERATION}
SOCK=$RUN_DIR/docker.sock
LOG=$RUN_DIR/dockerd.log
PIDFILE=$RUN_DIR/dockerd.pid
STAMP=$ROOT/etc/rahti-push-chroot

say() { printf 'docker-containerd: %s\n' "$*" >&2; }
fail() {
  say "$*"
  exit 1
}
# Whatever else fails says where, instead of ending the script silently.
set -E
trap 'fail "stopped: \"$BASH_COMMAND\" failed (line $LINENO)"' ERR

answers() { docker -H "unix://$SOCK" info >/dev/null 2>&1; }

stop_engine() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$PIDFILE" "$SOCK"
}

# The Debian archive this machine already uses: the first source (one-line or deb822) whose suite is this
# release's own codename, so the chroot comes from the same mirror and no host name lives in the repository.
debian_mirror() {
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || return 1
  shopt -s nullglob
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [options] URI suite components...
    awk -v c="$codename" '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i + 1) == c) { print $i; exit } }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    # Stanzas separated by blank lines; a stanza of type deb whose Suites list the codename.
    awk -v c="$codename" '
      function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " c " ") && uri != "") { print uri; found = 1 } types = suites = uri = "" }
      /^[ \t]*$/ { flush(); if (found) exit; next }
      /^Types:/ { sub(/^Types:[ \t]*/, ""); types = $0 }
      /^URIs:/ { sub(/^URIs:[ \t]*/, ""); split($0, u, /[ \t]+/); uri = u[1] }
      /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0 }
      END { if (!found) flush() }' "$f"
  done
}

# Unmounts whatever a failed earlier make left under a directory (deepest first), then removes it without
# crossing into another file system.
remove_tree() {
  local dir=$1 m
  [ -e "$dir" ] || return 0
  for m in $(findmnt -rn -o TARGET | grep -E "^$dir(/|$)" | sort -r); do umount -l "$m" || true; done
  rm -rf --one-file-system "$dir"
}

make_chroot() {
  [ "$(id -u)" -eq 0 ] || fail "making the trixie chroot needs root; run as root: bash scripts/docker-containerd.sh"
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
      fail "could not install debootstrap (apt-get install debootstrap)"
  fi
  local mirror
  mirror=$(debian_mirror | head -n1)
  [ -n "$mirror" ] || fail "found no Debian archive for this release in /etc/apt/sources.list*: add one, or make $ROOT by hand"
  local partial=$ROOT.partial started=$SECONDS
  say "making a Debian trixie chroot with Docker 26 at $ROOT from $mirror (once; about a minute)"
  remove_tree "$partial"
  remove_tree "$ROOT"
  mkdir -p "$(dirname "$ROOT")"
  local blog=$ROOT.log
  debootstrap --variant=minbase trixie "$partial" "$mirror" >"$blog" 2>&1 ||
    fail "debootstrap of trixie from $mirror failed; the last lines of $blog say why: $(tail -n 3 "$blog" | tr '\n' ' ')"
  # Services must not start inside the chroot while packages install; this engine is started below.
  printf '#!/bin/sh\nexit 101\n' >"$partial/usr/sbin/policy-rc.d"
  chmod 755 "$partial/usr/sbin/policy-rc.d"
  # apt in its own mount namespace with /proc and /dev, so nothing stays mounted if it fails.
  unshare --mount --propagation private -- sh -c '
    set -e
    root=$1
    shift
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    chroot "$root" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get install -y -qq --no-install-recommends "$@"
    chroot "$root" apt-get clean
  ' sh "$partial" "${PACKAGES[@]}" >>"$blog" 2>&1 ||
    fail "installing ${PACKAGES[*]} in the chroot failed; the last lines of $blog say why: $(tail -n 3 "$blog" | tr '\n' ' ')"
  write_daemon_json "$partial"
  echo "$RECIPE" >"$partial/etc/rahti-push-chroot"
  mv "$partial" "$ROOT"
  say "chroot made in $((SECONDS - started)) s: $(chroot "$ROOT" dpkg-query -W -f '${Package} ${Version}\n' docker.io containerd docker-buildx skopeo | paste -sd, | sed 's/,/, /g')"
}

# The snapshotter: overlayfs where the kernel and the file system under the data root allow it (as on GitHub's
# runners), else native (full copies, like the classic engine's vfs here).
pick_snapshotter() {
  local root=$1 probe
  probe=$(mktemp -d "$root/var/tmp/overlay-probe.XXXXXX")
  mkdir -p "$probe"/{lower,upper,work,merged}
  if unshare --mount -- mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
    echo overlayfs
  else
    echo native
  fi
  rm -rf "$probe"
}

# What every engine in the chroot shares; the socket, data root and trust are each engine's own (see launch).
# No iptables and no bridge, as the classic engine here: the tests build FROM scratch and push over loopback.
write_daemon_json() {
  local root=$1
  mkdir -p "$root/etc/docker" "$root/var/lib/docker"
  cat >"$root/etc/docker/daemon.json" <<EOF
{
  "features": { "containerd-snapshotter": true },
  "storage-driver": "$(pick_snapshotter "$root")",
  "iptables": false,
  "ip6tables": false,
  "bridge": "none"
}
EOF
}

# Replaces this process with a dockerd in the chroot, in a mount namespace of its own: the chroot's root is bound
# onto itself (containerd and runc want / to be a mount point), /proc, /sys with its cgroups and /dev come from
# the host, /run is a fresh tmpfs (no stale pid files, and the managed containerd's socket is this engine's
# alone). The host directory $1 appears inside as /run/engine and holds the socket $2; $3 is bound as the data
# root; $4, when given, replaces the system trust bundle (/etc/ssl/certs/ca-certificates.crt) for this engine.
launch() {
  # shellcheck disable=SC2016
  exec unshare --mount --propagation private -- sh -c '
    set -e
    root=$1 sockdir=$2 sock=$3 data=$4 bundle=$5
    mount --bind "$root" "$root"
    mount -t proc proc "$root/proc"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=755 tmpfs "$root/run"
    mkdir -p "$root/run/engine"
    mount --bind "$sockdir" "$root/run/engine"
    mount --bind "$data" "$root/var/lib/docker"
    [ -z "$bundle" ] || mount --bind "$bundle" "$root/etc/ssl/certs/ca-certificates.crt"
    exec chroot "$root" dockerd --config-file /etc/docker/daemon.json -H "unix:///run/engine/$sock"
  ' sh "$ROOT" "$1" "$2" "$3" "${4:-}"
}

start_engine() {
  [ "$(id -u)" -eq 0 ] || fail "starting the containerd-store Docker engine needs root"
  stop_engine
  # In a session of its own, so that the end of the shell or job that started it does not stop it.
  # It must not hold the maker's lock (fd 9).
  setsid bash "$0" shared-engine >"$LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 120); do
    answers && break
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || break
    sleep 0.5
  done
  answers || fail "the containerd-store Docker engine did not start; its log is $LOG: $(tail -n 3 "$LOG" | tr '\n' ' ')"
  say "Docker $(docker -H "unix://$SOCK" version --format '{{.Server.Version}}') with the containerd image store ($(sed -n 's/.*"storage-driver": "\([a-z]*\)".*/\1/p' "$ROOT/etc/docker/daemon.json")) at unix://$SOCK"
}

# An engine of the caller's own, in the foreground until it gets SIGTERM (the process becomes dockerd): the socket
# $dir/docker.sock, the data root $dir/data, and the system trust of the chroot plus the given CA files, as on a
# runner whose CA was added to the system trust before Docker started. dockerd reads the system trust once, at
# its first TLS handshake, so a CA added later is not seen until it restarts; an engine per CA set is what lets
# several emulators (each with its own CA) run at once.
run_private_engine() {
  local dir=$1
  shift
  [ "$(cat "$STAMP" 2>/dev/null)" = "$RECIPE" ] || fail "the trixie chroot at $ROOT is not made yet: run bash scripts/docker-containerd.sh"
  [ -d "$dir" ] || fail "no directory $dir for the engine"
  mkdir -p "$dir/data"
  local ca
  cat "$ROOT/etc/ssl/certs/ca-certificates.crt" >"$dir/ca-certificates.crt"
  for ca in "$@"; do
    [ -r "$ca" ] || fail "cannot read the CA file $ca"
    cat "$ca" >>"$dir/ca-certificates.crt"
  done
  launch "$dir" docker.sock "$dir/data" "$dir/ca-certificates.crt"
}

mkdir -p "$RUN_DIR"
case "${1:-}" in
  stop)
    stop_engine
    exit 0
    ;;
  shared-engine)
    launch "$RUN_DIR" docker.sock "$ROOT/var/lib/docker"
    ;;
  engine)
    [ $# -ge 2 ] || fail "usage: bash scripts/docker-containerd.sh engine DIR [CA_FILE...]"
    shift
    run_private_engine "$@"
    ;;
  env)
    printf 'RAHTI_TRIXIE_ROOT=%s\nDOCKER_HOST=unix://%s\n' "$ROOT" "$SOCK"
    exit 0
    ;;
  "") ;;
  *) fail "unknown argument '$1'; give nothing (make and start), 'stop', 'env', or 'engine DIR [CA_FILE...]'" ;;
esac

# The quick path, without the lock: made and running.
if [ "$(cat "$STAMP" 2>/dev/null)" = "$RECIPE" ] && answers; then exit 0; fi

# One maker at a time: other jobs on this machine may run this at once.
exec 9>"$RUN_DIR/make.lock"
flock 9
if [ "$(cat "$STAMP" 2>/dev/null)" != "$RECIPE" ]; then
  stop_engine
  make_chroot
fi
answers || start_engine
