#!/usr/bin/env bash
# Tests the Python release artifacts in dist/ the way users install them, where no Rust is installed.
#
#   bash scripts/release/test-python.sh        (normally through scripts/test-release.sh)
#
# - Serves dist/'s Python artifacts with pypiserver (a real PyPI-style "simple" index) on 127.0.0.1:18701.
# - In each Debian root of scripts/release/roots.sh (bookworm-amd64, bookworm-arm64 under qemu, bullseye-amd64 with
#   glibc 2.31): checks that no cargo/rustc/cc/gcc is inside, makes a fresh venv, and runs
#   `pip install --only-binary :all: munity-secrets` against that index. pip picks the wheel itself; --only-binary
#   keeps it from ever building the sdist. Then vectors_check.py runs every case of tests/vectors/secrets.json
#   through the installed package.
# - The sdist: in the amd64 root (no Rust) `pip install --no-binary munity-secrets` must fail and say that Rust is
#   needed; on this host (Rust present) a wheel built from the sdist must pass the vectors.
# - musllinux and macOS wheels cannot run here (no musl userland with Python, no Mac): they get the static checks.
# Prints one line per artifact to stdout: RESULT <artifact> <tag>: <where it ran or why not>. Exits 1 on a failure.
set -euo pipefail
# shellcheck source=scripts/release/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT="${MUNITY_PYPI_PORT:-18701}"
INDEX="http://127.0.0.1:$PORT/simple/"
failures=0
result() { printf 'python  %-74s %s\n' "$1" "$2"; }
fail() {
  result "$1" "FAILED: $2"
  failures=$((failures + 1))
}

use_release_venv
cd "$REPO_ROOT"
shopt -s nullglob
wheels=("$DIST"/munity_secrets-*.whl)
sdists=("$DIST"/munity_secrets-*.tar.gz)
[[ ${#wheels[@]} -gt 0 ]] || die "no Python wheels in $DIST; run: bash scripts/release/build.sh python"

# --- static checks of every Linux wheel (auditwheel tag, glibc symbol versions / musl libraries)
static_log=$(mktemp)
python scripts/release/check_artifacts.py "$DIST" >"$static_log" || true
static_ok() { # wheel file name -> 0 when every static line about it is ok
  grep -F " $1" "$static_log" | grep -q . && ! grep -F " $1" "$static_log" | grep -q '^FAIL'
}

# --- the index: only the Python artifacts, so nothing else in dist/ is mistaken for a package
index_dir=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$index_dir" "$static_log"
  for dir in "${work_dirs[@]}"; do rm -rf "$dir"; done
}
work_dirs=()
trap cleanup EXIT
cp "${wheels[@]}" "${sdists[@]}" "$index_dir/"
if curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1; then
  die "something already listens on 127.0.0.1:$PORT (set MUNITY_PYPI_PORT)"
fi
pypi-server run -i 127.0.0.1 -p "$PORT" --disable-fallback -a . -P . "$index_dir" >"$index_dir.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  curl -fs "$INDEX" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "${INDEX}munity-secrets/" >/dev/null || die "pypiserver did not start: $(cat "$index_dir.log")"
log "index: $INDEX serves $(curl -fs "${INDEX}munity-secrets/" | grep -c '<a ') files"

# tests/vectors (secrets.json and its key files) and the runner, copied into a root's work dir.
stage_into() {
  local root="$1" work
  work=$(mktemp -d "$root/tmp/rel-python-XXXXXX")
  work_dirs+=("$work")
  cp -r tests/vectors "$work/vectors"
  cp scripts/release/vectors_check.py "$work/"
  echo "$work"
}

declare -A ran_in=()
run_in_root() {
  local name="$1" label="$2" root work inner out chosen
  if ! root=$(root_path "$name"); then
    log "$name: no root at $MUNITY_ROOTS/$name (bash scripts/release/roots.sh $name)"
    return 1
  fi
  if root_exec "$root" /bin/sh -c 'command -v cargo || command -v rustc || command -v cc || command -v gcc' >/dev/null; then
    die "$name has a Rust toolchain or C compiler; it cannot back a no-Rust claim"
  fi
  work=$(stage_into "$root")
  inner="/tmp/$(basename "$work")"
  local started
  started=$(date +%s)
  root_exec "$root" python3 -m venv "$inner/venv"
  if ! out=$(root_exec "$root" "$inner/venv/bin/pip" install --no-cache-dir --index-url "$INDEX" \
    --only-binary :all: munity-secrets 2>&1); then
    echo "$out" >&2
    ran_in["$name"]="FAILED: pip install: $(echo "$out" | tail -n1)"
    return 0
  fi
  chosen=$(echo "$out" | grep -oE 'munity_secrets-[^ /]+\.whl' | head -n1)
  if out=$(root_exec "$root" "$inner/venv/bin/python" "$inner/vectors_check.py" "$inner/vectors" 2>&1); then
    ran_in["$name"]="$chosen|ok|$label: pip chose it from the index, $(echo "$out" | tail -n1 |
      sed -E 's/^ok: ([0-9]+\/[0-9]+) vector cases passed.*(Python [0-9.]+), (glibc [0-9.]+).*/\1 vectors, \2, \3/'), no Rust ($(elapsed_since "$started") s)"
  else
    echo "$out" >&2
    ran_in["$name"]="$chosen|FAILED|$label: $(echo "$out" | tail -n1)"
  fi
  rm -rf "$work"
}

for spec in "bookworm-amd64|amd64 root" "bookworm-arm64|arm64 root under qemu" "bullseye-amd64|old-glibc root (bullseye)"; do
  name="${spec%%|*}"
  log "$name: pip install munity-secrets from $INDEX"
  run_in_root "$name" "${spec#*|}" || ran_in["$name"]="||no root $name"
done

# --- one line per wheel
for wheel in "${wheels[@]}"; do
  file=$(basename "$wheel")
  tag=$(echo "${file%.whl}" | cut -d- -f3-)
  lines=()
  for name in bookworm-amd64 bookworm-arm64 bullseye-amd64; do
    IFS='|' read -r chosen status where <<<"${ran_in[$name]:-}"
    [[ "$chosen" == "$file" ]] || continue
    [[ "$status" == ok ]] || fail "$tag" "$where"
    [[ "$status" == ok ]] && lines+=("$where")
  done
  if ! static_ok "$file"; then
    fail "$tag" "static checks: $(grep -F " $file" "$static_log" | grep '^FAIL' | head -n1)"
    continue
  fi
  case "$file" in
    *manylinux*)
      if [[ ${#lines[@]} -gt 0 ]]; then
        for l in "${lines[@]}"; do result "$tag" "$l"; done
        result "$tag" "auditwheel + GLIBC <= 2.17: ok"
      else
        fail "$tag" "no root of its architecture chose it"
      fi
      ;;
    *musllinux*) result "$tag" "not run: no musl userland with Python is reachable here; auditwheel musllinux_1_2 + musl-only libraries: ok" ;;
    *macosx*) result "$tag" "built here, not run: no Mac reachable (release workflow runs it on macOS runners)" ;;
    *) result "$tag" "built here, not run: no runner for this platform here" ;;
  esac
done

# --- the sdist
for sdist in "${sdists[@]}"; do
  file=$(basename "$sdist")
  # 1. Where Rust is missing it must fail and say so.
  if root=$(root_path bookworm-amd64); then
    work=$(stage_into "$root")
    inner="/tmp/$(basename "$work")"
    root_exec "$root" python3 -m venv "$inner/venv"
    if out=$(root_exec "$root" "$inner/venv/bin/pip" install --no-cache-dir --index-url "$INDEX" \
      --extra-index-url https://pypi.org/simple/ --no-binary munity-secrets munity-secrets 2>&1); then
      fail "sdist $file" "installed in a root without Rust?"
    elif echo "$out" | grep -qiE 'rust|cargo'; then
      result "sdist $file" "amd64 root without Rust: refused, says: $(echo "$out" | grep -iE 'rust|cargo' | head -n1 | cut -c1-110)"
    else
      echo "$out" >&2
      fail "sdist $file" "failed without naming Rust/cargo: $(echo "$out" | tail -n1)"
    fi
    rm -rf "$work"
  fi
  # 2. Where Rust is present it builds a wheel that passes the vectors.
  started=$(date +%s)
  build_dir=$(mktemp -d)
  work_dirs+=("$build_dir")
  python3 -m venv "$build_dir/venv"
  if CARGO_TARGET_DIR="$REPO_ROOT/target/sdist-check" "$build_dir/venv/bin/pip" install --quiet \
    --disable-pip-version-check --no-cache-dir "$sdist" >"$build_dir/log" 2>&1 &&
    out=$("$build_dir/venv/bin/python" scripts/release/vectors_check.py tests/vectors 2>&1); then
    result "sdist $file" "built from source on this host (Rust present) and installed: $(echo "$out" | tail -n1 |
      cut -d';' -f1) ($(elapsed_since "$started") s)"
  else
    tail -n 20 "$build_dir/log" >&2
    fail "sdist $file" "build from source on this host: $(echo "${out:-}" | tail -n1)"
  fi
done

[[ $failures -eq 0 ]] || die "python: $failures artifact check(s) failed"
