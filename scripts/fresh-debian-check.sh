#!/usr/bin/env bash
# Runs the README's two quick-start commands on a fresh Debian 12 (bookworm) made with debootstrap,
# from a clean clone of this repository's HEAD: proof that setup installs everything it needs.
# Needs root, debootstrap and Debian's package mirror; not part of CI. Usage:
#   scripts/fresh-debian-check.sh [WORK_DIR]      (default /tmp/nashr-fresh; reused on later runs)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/nashr-fresh}
root=$work/root
mkdir -p "$work"
if [[ ! -x $root/bin/bash ]]; then
  command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log"
fi
cleanup() { umount "$root/proc" 2>/dev/null || true; }
trap cleanup EXIT
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
rm -rf "$root/repo"
git clone -q "$repo" "$root/repo"
echo "== quick start, command 1" >&2
chroot "$root" /bin/bash -c 'cd /repo && scripts/quickstart.sh'
echo "== quick start, command 2" >&2
chroot "$root" /bin/bash -c 'cd /repo && scripts/test.sh'
echo "fresh-debian-check: both README commands passed on a fresh Debian 12" >&2
