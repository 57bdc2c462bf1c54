#!/usr/bin/env bash
# Run the README's test command (scripts/install-deps.sh, then `make test`) on another
# Debian release, inside a debootstrap root file system on this machine.
#
#   bash scripts/other-debian.sh [bookworm|trixie]     (default: the release this host is not)
#
# The root lives in /var/cache/druktemeter-ci/<codename> (DRUKTEMETER_CI_ROOTS overrides the
# parent) and is reused once complete: a stamp file marks a finished debootstrap, so a root
# left half-built by an interrupted run is removed and built again. /proc, /sys, /dev,
# /dev/pts and a fresh /dev/shm are mounted for the run and unmounted on every exit path.
# The working tree (tracked and untracked, not ignored) is copied to /srv/druktemeter/p
# inside; ../shared, when present, is bind-mounted read-only beside it, the same layout the
# tests expect. The venv lives outside the copy (/srv/druktemeter/venv), so it never
# collides with the host's .venv and is reused between runs. Needs root.
# Exit status: that of `make test` inside (or of the first setup step that failed).
set -euo pipefail

MIRROR=${DRUKTEMETER_CI_MIRROR:-http://deb.debian.org/debian}
ROOTS=${DRUKTEMETER_CI_ROOTS:-/var/cache/druktemeter-ci}
STAMP_NAME=.druktemeter-ci-debootstrap-complete
# The CA bundle pip uses on the host (a TLS-inspecting proxy's CA is in it, not in a fresh root's).
HOST_CA=${PIP_CERT:-${REQUESTS_CA_BUNDLE:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}}
INSIDE=/srv/druktemeter

say() { printf '== other-debian: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

host_codename() { (. /etc/os-release && echo "${VERSION_CODENAME:-}"); }

other_release() {
  case "$1" in
    bookworm) echo trixie ;;
    trixie) echo bookworm ;;
    *) die "host release '$1' is not a supported Debian release (bookworm or trixie)" ;;
  esac
}

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot and mounts); try: sudo $0 $*"
REPO=$(cd "$(dirname "$0")/.." && pwd)
CODENAME=${1:-$(other_release "$(host_codename)")}
case "$CODENAME" in bookworm | trixie) ;; *) die "unsupported release '$CODENAME'" ;; esac
ROOT=$ROOTS/$CODENAME
mkdir -p "$ROOTS"

# One run per root at a time: a second run waits instead of unmounting under the first.
exec 9>"$ROOTS/$CODENAME.lock"
flock 9

MOUNTED=()
unmount_all() {
  local i
  for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
    umount "${MOUNTED[$i]}" 2>/dev/null || umount -l "${MOUNTED[$i]}" || say "could not unmount ${MOUNTED[$i]}"
  done
  MOUNTED=()
}
trap unmount_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Mounts left behind by a run that was killed outright (the lock says none is running).
unmount_stale() {
  local target
  awk -v root="$ROOT/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | while read -r target; do
    say "unmounting stale $target"
    umount -l "$target"
  done
}

mount_into_root() { # mount_into_root <options...> <target>
  local target=${*: -1}
  mkdir -p "$target"
  mount "${@:1:$#-1}" "$target"
  MOUNTED+=("$target")
}

elapsed() { echo "$(($(date +%s) - $1))s"; }

ensure_root() {
  if [ -f "$ROOT/$STAMP_NAME" ]; then
    say "reusing $ROOT (Debian $CODENAME)"
    return
  fi
  command -v debootstrap >/dev/null || {
    say "installing debootstrap on the host"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
  }
  if [ -e "$ROOT" ]; then
    say "removing half-built $ROOT"
    rm -rf --one-file-system "$ROOT"
  fi
  local started
  started=$(date +%s)
  say "debootstrap --variant=minbase $CODENAME $ROOT $MIRROR (a few minutes)"
  debootstrap --variant=minbase "$CODENAME" "$ROOT" "$MIRROR" >"$ROOTS/$CODENAME.debootstrap.log" 2>&1 || {
    tail -20 "$ROOTS/$CODENAME.debootstrap.log" >&2
    die "debootstrap failed (log: $ROOTS/$CODENAME.debootstrap.log)"
  }
  touch "$ROOT/$STAMP_NAME"
  say "debootstrap took $(elapsed "$started")"
}

# Daemons must not start inside the root; name resolution and the CA bundle come from the host
# (pip inside fails with "self-signed certificate in certificate chain" without the host's bundle).
prepare_root() {
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
  mkdir -p "$ROOT/usr/local/share/druktemeter-ci"
  if [ -f "$HOST_CA" ]; then cp -L "$HOST_CA" "$ROOT/usr/local/share/druktemeter-ci/host-ca.crt"; fi
}

mount_system() {
  mount_into_root -t proc proc "$ROOT/proc"
  mount_into_root -t sysfs sysfs "$ROOT/sys"
  mount_into_root --bind /dev "$ROOT/dev"
  mount_into_root --bind /dev/pts "$ROOT/dev/pts"
  mount_into_root -t tmpfs -o mode=1777,nosuid,nodev shm "$ROOT/dev/shm"
}

# A clean /tmp for every run (no stale X locks or pytest folders from the last one).
clear_tmp() {
  find "$ROOT/tmp" -xdev -mindepth 1 -delete
}

# The tree as the host sees it (committed or not), without .venv, caches or build output.
copy_tree() {
  rm -rf --one-file-system "$ROOT$INSIDE/p" "$ROOT$INSIDE/home"
  mkdir -p "$ROOT$INSIDE/p" "$ROOT$INSIDE/home"
  if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$REPO" && git ls-files -z --cached --others --exclude-standard |
      tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$ROOT$INSIDE/p"
  else
    tar -C "$REPO" --exclude=./.venv --exclude=./dist --exclude='*.pyc' -cf - . | tar -xf - -C "$ROOT$INSIDE/p"
  fi
}

mount_shared() {
  local shared="$REPO/../shared"
  if [ ! -d "$shared" ]; then
    say "no ../shared beside the checkout: tests that need it will skip"
    return
  fi
  mount_into_root --bind "$(readlink -f "$shared")" "$ROOT$INSIDE/shared"
  mount -o remount,bind,ro "$ROOT$INSIDE/shared"
}

# Brings up the loopback interface of a fresh network namespace (Python: the root has no iproute2).
LOOPBACK_UP='import fcntl, socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
flags = struct.unpack("16sH14s", fcntl.ioctl(s, 0x8913, struct.pack("16sH14s", b"lo", 0, b"")))[1]
fcntl.ioctl(s, 0x8914, struct.pack("16sH14s", b"lo", flags | 1, b""))'

run_inside() { # run_inside [--isolated] <shell command>
  local isolate=()
  if [ "$1" = --isolated ]; then
    # Own network namespace: only loopback, so the suite's servers and Xvfb's abstract X socket
    # cannot meet those of test runs on the host (xvfb-run -a only sees this root's /tmp).
    isolate=(unshare --net)
    set -- "python3 -c '$LOOPBACK_UP' && $2"
  fi
  local env=(
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    HOME="$INSIDE/home" LANG=C.UTF-8 CI="${CI:-true}" DEBIAN_FRONTEND=noninteractive
    PIP_DISABLE_PIP_VERSION_CHECK=1
  )
  if [ -f "$ROOT/usr/local/share/druktemeter-ci/host-ca.crt" ]; then
    local ca=/usr/local/share/druktemeter-ci/host-ca.crt
    env+=(PIP_CERT=$ca REQUESTS_CA_BUNDLE=$ca SSL_CERT_FILE=$ca)
  fi
  local name
  for name in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    [ -n "${!name:-}" ] && env+=("$name=${!name}")
  done
  "${isolate[@]}" chroot "$ROOT" /usr/bin/env -i "${env[@]}" /bin/bash -c "cd $INSIDE/p && $1" </dev/null
}

main() {
  local started status
  unmount_stale
  ensure_root
  prepare_root
  mount_system
  clear_tmp
  copy_tree
  mount_shared
  say "Debian $CODENAME: $(. "$ROOT/etc/os-release" && echo "$PRETTY_NAME")"

  started=$(date +%s)
  local deps_log=$ROOTS/$CODENAME.install-deps.log
  # dpkg --configure -a: finishes an install a killed run left half done, so a reused root heals.
  run_inside "dpkg --configure -a && bash scripts/install-deps.sh" >"$deps_log" 2>&1 || {
    tail -30 "$deps_log" >&2
    die "scripts/install-deps.sh failed inside Debian $CODENAME (log: $deps_log)"
  }
  say "install-deps inside Debian $CODENAME took $(elapsed "$started") (log: $deps_log)"

  started=$(date +%s)
  status=0
  run_inside "make venv translations VENV=$INSIDE/venv" &&
    run_inside --isolated "make test VENV=$INSIDE/venv" || status=$?
  say "make test inside Debian $CODENAME took $(elapsed "$started"), exit status $status"
  return "$status"
}

main
