# Shared helpers for the release scripts. Source it; do not run it.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# What it gives:
#   REPO_ROOT            the checkout this file lives in
#   DIST                 where artifacts go (<repo>/dist, or $MUNITY_DIST)
#   MUNITY_RELEASE_HOME  toolchain cache outside the repo ($HOME/.cache/munity-release by default)
#   RELEASE_VENV         a virtualenv there with maturin, ziglang (zig), cargo-zigbuild, auditwheel, pypiserver
#   MUNITY_ROOTS         the Debian roots for no-Rust install tests (/work/roots by default)
#   log / warn / die     messages on stderr, prefixed with the time
#   use_release_venv     creates the venv when missing and puts its bin/ first on PATH
#                        (maturin finds zig through the Python it runs under, so this order matters)
#   ensure_target T      `rustup target add T` unless T is installed
#   root_path NAME       $MUNITY_ROOTS/NAME when that root is complete, else fails
#   root_exec ROOT CMD.. runs CMD inside a root (chroot, clean environment, /proc and /dev ready)
#   elapsed_since S      seconds since the epoch time S, for timing lines

# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIST="${MUNITY_DIST:-$REPO_ROOT/dist}"
MUNITY_RELEASE_HOME="${MUNITY_RELEASE_HOME:-$HOME/.cache/munity-release}"
RELEASE_VENV="$MUNITY_RELEASE_HOME/venv"
MUNITY_ROOTS="${MUNITY_ROOTS:-/work/roots}"

# Pinned so every helper and CI builds with the same toolchain. Bump together.
RELEASE_TOOLS=(
  "maturin==1.16.0"
  "ziglang==0.17.1"
  "cargo-zigbuild==0.24.1"
  "auditwheel==6.8.2"
  "pypiserver==2.4.2"
)

log() { printf '[release %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
warn() { printf '[release %s] WARNING: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[release %s] ERROR: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2
  exit 1
}

elapsed_since() { echo $(($(date +%s) - $1)); }

ensure_release_venv() {
  local stamp="$RELEASE_VENV/.munity-tools"
  local wanted="${RELEASE_TOOLS[*]}"
  if [[ -x "$RELEASE_VENV/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    return 0
  fi
  mkdir -p "$MUNITY_RELEASE_HOME"
  # One creator at a time: several helpers may call this at once.
  (
    flock 9
    if [[ -x "$RELEASE_VENV/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
      exit 0
    fi
    log "creating release venv at $RELEASE_VENV (${RELEASE_TOOLS[*]})"
    [[ -x "$RELEASE_VENV/bin/python" ]] || python3 -m venv "$RELEASE_VENV"
    "$RELEASE_VENV/bin/python" -m pip install --quiet --upgrade pip
    "$RELEASE_VENV/bin/python" -m pip install --quiet "${RELEASE_TOOLS[@]}"
    printf '%s' "$wanted" >"$stamp"
  ) 9>"$MUNITY_RELEASE_HOME/.venv.lock"
}

use_release_venv() {
  ensure_release_venv
  case ":$PATH:" in
    "$RELEASE_VENV/bin:"*) ;;
    *) export PATH="$RELEASE_VENV/bin:$PATH" ;;
  esac
}

ensure_target() {
  local target="$1"
  command -v rustup >/dev/null || die "rustup is needed to add the Rust target $target"
  if ! rustup target list --installed | grep -qx "$target"; then
    log "rustup target add $target"
    rustup target add "$target" >&2
  fi
}

# A root is complete when roots.sh wrote its stamp; half-made roots are never used.
root_path() {
  local root="$MUNITY_ROOTS/$1"
  [[ -f "$root/.munity-root-ok" ]] || return 1
  printf '%s\n' "$root"
}

# Make /proc and /dev usable inside a root. Mounts stay (other helpers use the same roots at the same time).
root_prepare() {
  local root="$1"
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  if [[ ! -c "$root/dev/null" || ! -c "$root/dev/urandom" ]]; then
    mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
  fi
  # The registries are reached through a CA only the host's bundle has; DNS from the host.
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
}

root_exec() {
  local root="$1"
  shift
  root_prepare "$root"
  chroot "$root" /usr/bin/env -i \
    HOME=/root LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    "$@"
}

# Artifact manifest: each package script records what it wrote to $DIST, so build.sh can make one SBOM per
# artifact and target:   record_artifact <kind> <file name in DIST> <cargo package> <rust target>
# A file with several native libraries (the jar) is recorded once per target.
ARTIFACTS_DIR="$DIST/.artifacts"
artifacts_reset() {
  mkdir -p "$ARTIFACTS_DIR"
  : >"$ARTIFACTS_DIR/$1.tsv"
}
record_artifact() {
  mkdir -p "$ARTIFACTS_DIR"
  printf '%s\t%s\t%s\n' "$2" "$3" "$4" >>"$ARTIFACTS_DIR/$1.tsv"
}

# Needed glibc symbol versions of an ELF file, one per line, sorted (for example GLIBC_2.17).
glibc_versions() {
  # readelf reads every architecture's ELF (the host objdump may not know aarch64).
  readelf -W --version-info "$1" 2>/dev/null | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sort -u -V
}

# Fails when an ELF file needs a glibc symbol newer than $2 (for example 2.17).
check_glibc_max() {
  local file="$1" max="$2" newest
  newest=$(glibc_versions "$file" | sed 's/^GLIBC_//' | sort -V | tail -n1)
  if [[ -z "$newest" ]]; then
    echo "none"
    return 0
  fi
  if [[ "$(printf '%s\n%s\n' "$newest" "$max" | sort -V | tail -n1)" != "$max" ]]; then
    echo "GLIBC_$newest (> GLIBC_$max)"
    return 1
  fi
  echo "GLIBC_$newest"
}
