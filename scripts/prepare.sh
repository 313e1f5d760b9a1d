#!/usr/bin/env bash
# Makes this machine ready for the end-to-end tests and the demo: installs the Debian packages they use when
# missing, and starts the Docker engine when none answers. Quick and silent when all is there already.
set -euo pipefail

need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v docker-registry >/dev/null || need+=(docker-registry)
command -v skopeo >/dev/null || need+=(skopeo)
command -v podman >/dev/null || need+=(podman)
command -v buildah >/dev/null || need+=(buildah)
command -v ctr >/dev/null || need+=(containerd)
command -v kubectl >/dev/null || need+=(kubernetes-client)
command -v openssl >/dev/null || need+=(openssl)
command -v squid >/dev/null || [ -x /usr/sbin/squid ] || need+=(squid)
if [ ${#need[@]} -gt 0 ]; then
  echo "prepare: installing ${need[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "prepare: installing packages needs root; run as root or install: ${need[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  # The tests start their own squid on loopback; one the package may have started on all interfaces goes.
  if printf '%s\n' "${need[@]}" | grep -qx squid; then
    service squid stop >/dev/null 2>&1 || pkill -x squid || true
  fi
fi

if ! docker info >/dev/null 2>&1; then
  echo "prepare: starting dockerd (vfs storage, no iptables, no bridge)" >&2
  mkdir -p /var/log
  nohup dockerd --storage-driver vfs --iptables=false --bridge=none >/var/log/dockerd-rahti.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "prepare: dockerd did not start; see /var/log/dockerd-rahti.log" >&2; exit 1; }
fi

# Docker as users now run it: Docker 26 with the containerd image store, in a Debian trixie chroot of its own
# (made once, about a minute, from the Debian mirror this machine's apt uses), for the end-to-end cases that run
# against both stores. Elsewhere (GitHub's Ubuntu runners) there is no Debian mirror to make it from.
if [ "$(. /etc/os-release && echo "$ID")" = debian ]; then
  bash "$(dirname "$0")/docker-containerd.sh"
fi
