#!/usr/bin/env bash
# Creates the Debian roots used to test release artifacts where no Rust and no C compiler exist.
#
#   bash scripts/release/roots.sh [bookworm-amd64|bookworm-arm64|bullseye-amd64]...   (no argument: all three)
#
# Each root is made only when missing, under $MUNITY_ROOTS (default /work/roots), with debootstrap --variant=minbase
# from the Debian source apt uses on this machine. It holds what a production host has: python3 + venv + pip,
# nodejs + npm, default-jdk-headless + maven, ca-certificates (plus this host's CA certificates, since the
# registries are reached through a CA only the host's bundle has, and resolv.conf). A root is marked complete with
# .munity-root-ok only after the check that no cargo, rustc, rustup, cc, gcc, c++, g++ or clang is inside it.
# bookworm-arm64 runs under qemu-user-static through binfmt_misc. bullseye-amd64 (glibc 2.31) backs the manylinux
# claim on an older glibc. Needs root (debootstrap, chroot, mount).
set -euo pipefail
# shellcheck source=scripts/release/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# debootstrap's own resolver cannot install npm's dependency tree (it leaves node-* packages unconfigured), so
# debootstrap makes the base with BASE_PACKAGES and apt-get inside the root installs ROOT_PACKAGES, without
# recommends (npm's node-gyp recommends build-essential, which a production host does not have).
BASE_PACKAGES="ca-certificates"
ROOT_PACKAGES="python3 python3-venv python3-pip nodejs npm default-jdk-headless maven ca-certificates"
FORBIDDEN_TOOLS=(cargo rustc rustup cc gcc c++ g++ clang)
ALL_ROOTS=(bookworm-amd64 bookworm-arm64 bullseye-amd64)

[[ $(id -u) == 0 ]] || die "roots.sh needs root (debootstrap, chroot)"

# The Debian archive URI apt uses here (deb822 .sources or one-line .list), not the security archive.
debian_mirror() {
  if [[ -n "${MUNITY_DEBIAN_MIRROR:-}" ]]; then
    echo "$MUNITY_DEBIAN_MIRROR"
    return
  fi
  local uri
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' |
    grep -E '/debian/?$' | head -n1 || true)
  if [[ -z "$uri" ]]; then
    uri=$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)
  fi
  [[ -n "$uri" ]] || die "no Debian archive found in /etc/apt/sources.list*; set MUNITY_DEBIAN_MIRROR"
  echo "$uri"
}

suite_served() {
  curl -fsSI --max-time 20 "$1/dists/$2/Release" >/dev/null 2>&1
}

need_host_tool() {
  command -v "$1" >/dev/null && return 0
  die "$1 is missing: apt-get install -y $2"
}

enable_qemu_aarch64() {
  need_host_tool qemu-aarch64-static "qemu-user-static binfmt-support"
  need_host_tool update-binfmts binfmt-support
  if [[ ! -e /proc/sys/fs/binfmt_misc/status ]]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || die "binfmt_misc has no qemu-aarch64 entry after update-binfmts"
}

# The host bundle, split into one file per certificate, so update-ca-certificates inside the root keeps them
# (for pip/npm through the PEM bundle, and for Java through ca-certificates-java's keystore hook).
install_host_cas() {
  local root="$1" dir="$1/usr/local/share/ca-certificates/munity-host"
  mkdir -p "$dir"
  awk -v dir="$dir" '
    /-----BEGIN CERTIFICATE-----/ { n++; file = sprintf("%s/host-%03d.crt", dir, n) }
    file { print > file }
    /-----END CERTIFICATE-----/ { close(file); file = "" }
  ' /etc/ssl/certs/ca-certificates.crt
  root_exec "$root" update-ca-certificates >/dev/null 2>&1 || warn "update-ca-certificates failed in $root"
  # Whatever update-ca-certificates did, the PEM bundle holds at least the host's authorities.
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
}

check_no_toolchain() {
  local root="$1" tool found=0
  for tool in "${FORBIDDEN_TOOLS[@]}"; do
    if root_exec "$root" /bin/sh -c "command -v $tool" >/dev/null 2>&1; then
      warn "$root has $tool: $(root_exec "$root" /bin/sh -c "command -v $tool")"
      found=1
    fi
  done
  if compgen -G "$root/root/.cargo" >/dev/null || compgen -G "$root/root/.rustup" >/dev/null; then
    warn "$root has a Rust toolchain directory under /root"
    found=1
  fi
  return "$found"
}

make_root() {
  local name="$1" suite="${1%-*}" arch="${1##*-}"
  local root="$MUNITY_ROOTS/$name" partial="$MUNITY_ROOTS/.$name.partial"
  local mirror started
  if [[ -f "$root/.munity-root-ok" ]]; then
    log "$name: exists ($root)"
    check_no_toolchain "$root" || die "$name: a compiler or Rust toolchain is inside $root"
    return 0
  fi
  [[ -e "$root" ]] && die "$root exists but is not marked complete; move it away and run again"
  mirror=$(debian_mirror)
  if ! suite_served "$mirror" "$suite"; then
    warn "$name: $mirror does not serve $suite; skipped"
    return 0
  fi
  [[ "$arch" == arm64 ]] && enable_qemu_aarch64
  need_host_tool debootstrap debootstrap
  mkdir -p "$MUNITY_ROOTS"
  # A partial root from an interrupted run of this script is rebuilt from scratch.
  if [[ -e "$partial" ]]; then
    for m in proc dev sys; do mountpoint -q "$partial/$m" && umount -l "$partial/$m"; done
    rm -rf --one-file-system "$partial"
  fi
  started=$(date +%s)
  log "$name: debootstrap $suite $arch from $mirror (log: $MUNITY_ROOTS/.$name.log)"
  if ! debootstrap --arch="$arch" --variant=minbase --include="$BASE_PACKAGES" \
    "$suite" "$partial" "$mirror" >"$MUNITY_ROOTS/.$name.log" 2>&1; then
    tail -n 20 "$MUNITY_ROOTS/.$name.log" >&2
    die "$name: debootstrap failed"
  fi
  install_host_cas "$partial"
  log "$name: apt-get install $ROOT_PACKAGES"
  # shellcheck disable=SC2086
  if ! root_exec "$partial" /bin/sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends $ROOT_PACKAGES && apt-get clean" \
    >>"$MUNITY_ROOTS/.$name.log" 2>&1; then
    tail -n 20 "$MUNITY_ROOTS/.$name.log" >&2
    die "$name: apt-get install failed"
  fi
  install_host_cas "$partial"
  cat >"$partial/etc/munity-root" <<INFO
name=$name
suite=$suite
arch=$arch
mirror=$mirror
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
packages=$ROOT_PACKAGES (no recommends)
INFO
  check_no_toolchain "$partial" || die "$name: a compiler or Rust toolchain ended up inside the root"
  for m in proc dev sys; do mountpoint -q "$partial/$m" && umount -l "$partial/$m"; done
  mv "$partial" "$root"
  touch "$root/.munity-root-ok"
  log "$name: ready in $(elapsed_since "$started") s: $(root_exec "$root" python3 --version 2>&1)," \
    "node $(root_exec "$root" node --version 2>&1), $(root_exec "$root" /bin/sh -c 'ldd --version | head -n1' 2>&1)"
}

main() {
  local names=("$@")
  [[ ${#names[@]} -gt 0 ]] || names=("${ALL_ROOTS[@]}")
  for name in "${names[@]}"; do
    case "$name" in
      bookworm-amd64 | bookworm-arm64 | bullseye-amd64) make_root "$name" ;;
      *) die "unknown root $name (known: ${ALL_ROOTS[*]})" ;;
    esac
  done
}

main "$@"
