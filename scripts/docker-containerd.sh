#!/usr/bin/env bash
# Docker as users now run it, for the end-to-end tests: Docker 26 from Debian trixie with the containerd image
# store (`"features": {"containerd-snapshotter": true}`), beside the classic engine that scripts/prepare.sh
# starts. Debian 12 has no Docker new enough, so it runs in a trixie chroot made by debootstrap, with a
# socket and a data root of its own. Quick and silent when the chroot is made and its engine answers.
#
#   bash scripts/docker-containerd.sh          make the chroot when missing, start its engine when not running
#   bash scripts/docker-containerd.sh stop     stop the engine (the chroot stays for the next start)
#
# The engine answers on unix:///run/rahti-push/docker-containerd.sock. It runs in a mount namespace of its
# own, so the chroot's mounts (its root bound onto itself, /proc, /sys with the cgroups, /dev, a fresh /run)
# vanish with it and never pile up on the host. Paths can be moved with RAHTI_TRIXIE_ROOT and RAHTI_RUN_DIR
# (the test harness reads the same variables).
set -euo pipefail

ROOT=${RAHTI_TRIXIE_ROOT:-/var/lib/rahti-push/trixie}
RUN_DIR=${RAHTI_RUN_DIR:-/run/rahti-push}
SOCK=$RUN_DIR/docker-containerd.sock
LOG=$RUN_DIR/docker-containerd.log
# The packages and the recipe the chroot was made with; a chroot whose stamp differs is made again.
PACKAGES=(docker.io containerd docker-buildx skopeo ca-certificates)
RECIPE="trixie minbase ${PACKAGES[*]} v1"
STAMP=$ROOT/etc/rahti-push-chroot

say() { printf 'docker-containerd: %s\n' "$*" >&2; }
fail() {
  say "$*"
  exit 1
}

answers() { docker -H "unix://$SOCK" info >/dev/null 2>&1; }

stop_engine() {
  local pid
  pid=$(cat "$RUN_DIR/docker-containerd.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$RUN_DIR/docker-containerd.pid" "$SOCK"
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
  say "making a Debian trixie chroot with Docker 26 at $ROOT (once; a few minutes)"
  remove_tree "$partial"
  remove_tree "$ROOT"
  mkdir -p "$(dirname "$ROOT")"
  local blog=$(dirname "$ROOT")/debootstrap.log
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
  echo "$RECIPE" >"$partial/etc/rahti-push-chroot"
  mv "$partial" "$ROOT"
  say "chroot made in $((SECONDS - started)) s: $(chroot "$ROOT" dpkg-query -W -f '${Package} ${Version}, ' docker.io containerd docker-buildx skopeo)"
}

# The snapshotter: overlayfs where the kernel and the file system under the data root allow it (as on GitHub's
# runners), else native (full copies, like the classic engine's vfs here).
pick_snapshotter() {
  local probe
  probe=$(mktemp -d "$ROOT/var/tmp/overlay-probe.XXXXXX")
  mkdir -p "$probe"/{lower,upper,work,merged}
  if unshare --mount -- mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
    echo overlayfs
  else
    echo native
  fi
  rm -rf "$probe"
}

start_engine() {
  [ "$(id -u)" -eq 0 ] || fail "starting the containerd-store Docker engine needs root"
  stop_engine
  local snapshotter
  snapshotter=$(pick_snapshotter)
  mkdir -p "$ROOT/etc/docker" "$ROOT/var/lib/docker"
  # No iptables and no bridge, as the classic engine here: the tests build FROM scratch and push over loopback.
  cat >"$ROOT/etc/docker/daemon.json" <<EOF
{
  "features": { "containerd-snapshotter": true },
  "storage-driver": "$snapshotter",
  "hosts": ["unix://$SOCK"],
  "data-root": "/var/lib/docker",
  "exec-root": "/run/docker",
  "pidfile": "/run/docker.pid",
  "iptables": false,
  "ip6tables": false,
  "bridge": "none"
}
EOF
  # The chroot's root is bound onto itself (containerd and runc want / to be a mount point), /proc, /sys with
  # its cgroups and /dev come from the host, /run is fresh (no stale pid files) with the host's $RUN_DIR
  # inside it, so the socket appears on the host.
  # shellcheck disable=SC2016
  setsid unshare --mount --propagation private -- sh -c '
    set -e
    root=$1 run=$2
    mount --bind "$root" "$root"
    mount -t proc proc "$root/proc"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=755 tmpfs "$root/run"
    mkdir -p "$root$run"
    mount --bind "$run" "$root$run"
    exec chroot "$root" dockerd --config-file /etc/docker/daemon.json
  ' sh "$ROOT" "$RUN_DIR" >"$LOG" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/docker-containerd.pid"
  for _ in $(seq 1 120); do
    answers && break
    kill -0 "$(cat "$RUN_DIR/docker-containerd.pid")" 2>/dev/null || break
    sleep 0.5
  done
  answers || fail "the containerd-store Docker engine did not start; its log is $LOG: $(tail -n 3 "$LOG" | tr '\n' ' ')"
  say "Docker $(docker -H "unix://$SOCK" version --format '{{.Server.Version}}') with the containerd image store ($snapshotter) at unix://$SOCK"
}

mkdir -p "$RUN_DIR"
case "${1:-}" in
  stop)
    stop_engine
    exit 0
    ;;
  "") ;;
  *) fail "unknown argument '$1'; give nothing (make and start) or 'stop'" ;;
esac

# The quick path, without the lock: made and running.
if [ "$(cat "$STAMP" 2>/dev/null)" = "$RECIPE" ] && answers; then exit 0; fi

# One maker at a time: other jobs on this machine may run this at once.
exec 9>"$RUN_DIR/docker-containerd.lock"
flock 9
if [ "$(cat "$STAMP" 2>/dev/null)" != "$RECIPE" ]; then
  stop_engine
  make_chroot
fi
answers || start_engine
