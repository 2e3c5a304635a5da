#!/usr/bin/env bash
# The JVM release: the native library for every JNA platform this machine can build, then ONE jar holding
# them all (plus -sources.jar, -javadoc.jar, the POM), deployed to a Maven repository directory.
#
#   bash scripts/release/jvm.sh          (normally through: bash scripts/release/build.sh jvm)
#
# Writes:
#   dist/jvm/native/<jna-prefix>/<library>   linux-x86-64, linux-aarch64 (glibc 2.17 symbols at most, through
#                                            cargo zigbuild), darwin-x86-64, darwin-aarch64 (zig), win32-x86-64
#                                            (x86_64-pc-windows-gnu through zig); SOURCES.sha256 stamps them
#   dist/jvm/native/BUILD.tsv                per library: target, result, seconds, size, note
#   dist/jvm/munity-secrets-<v>{.jar,-sources.jar,-javadoc.jar,.pom}
#   dist/maven/                              `mvn deploy` to file://: the repository test-jvm.sh installs from
# Environment:
#   MUNITY_JVM_TARGETS   space-separated JNA prefixes to build (default: all five)
#   MUNITY_JVM_PREBUILT  1: build nothing, take dist/jvm/native as it is (the release workflow puts the
#                        libraries built on native runners there first)
#   MUNITY_JVM_SKIP_TESTS 1: skip the JUnit suite in the jar build (it runs by default, on this machine's library)
# The Linux libraries are required; a macOS or Windows one that does not build here is reported and left to
# the release workflow, and the jar is made without it.
set -euo pipefail
# shellcheck source=scripts/release/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

jvm_dist="$DIST/jvm"
native="$jvm_dist/native"
logs="$jvm_dist/logs"
target_dir="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
case "$target_dir" in /*) ;; *) target_dir="$REPO_ROOT/$target_dir" ;; esac
version="$(sed -n '/^\[workspace.package\]/,/^\[/{s/^version *= *"\(.*\)"/\1/p}' "$REPO_ROOT/Cargo.toml")"

# JNA prefix -> Rust target, the target cargo zigbuild is given (glibc pinned), the library's file name.
declare -A RUST_TARGET=(
  [linux-x86-64]=x86_64-unknown-linux-gnu [linux-aarch64]=aarch64-unknown-linux-gnu
  [darwin-x86-64]=x86_64-apple-darwin [darwin-aarch64]=aarch64-apple-darwin
  [win32-x86-64]=x86_64-pc-windows-gnu
)
declare -A ZIG_TARGET=(
  [linux-x86-64]=x86_64-unknown-linux-gnu.2.17 [linux-aarch64]=aarch64-unknown-linux-gnu.2.17
  [darwin-x86-64]=x86_64-apple-darwin [darwin-aarch64]=aarch64-apple-darwin
  [win32-x86-64]=x86_64-pc-windows-gnu
)
declare -A LIB_FILE=(
  [linux-x86-64]=libmunity_secrets_kotlin.so [linux-aarch64]=libmunity_secrets_kotlin.so
  [darwin-x86-64]=libmunity_secrets_kotlin.dylib [darwin-aarch64]=libmunity_secrets_kotlin.dylib
  [win32-x86-64]=munity_secrets_kotlin.dll
)
ALL_PREFIXES=(linux-x86-64 linux-aarch64 darwin-x86-64 darwin-aarch64 win32-x86-64)
read -r -a prefixes <<<"${MUNITY_JVM_TARGETS:-${ALL_PREFIXES[*]}}"

build_one() {
  local prefix="$1" rust="${RUST_TARGET[$1]}" zig="${ZIG_TARGET[$1]}" file="${LIB_FILE[$1]}" started note=""
  started=$(date +%s)
  ensure_target "$rust"
  log "jvm: $prefix: cargo zigbuild --release --target $zig -p munity-secrets-kotlin"
  # aws-lc's Windows x86-64 assembly needs NASM; the crate ships the assembled objects (prebuilt-nasm).
  # (Set only there: a changed variable would rebuild aws-lc for the other targets.)
  local nasm=()
  [[ "$prefix" == win32-* ]] && nasm=(AWS_LC_SYS_PREBUILT_NASM=1)
  if ! env "${nasm[@]}" cargo zigbuild --release --locked --target "$zig" -p munity-secrets-kotlin \
    >"$logs/$prefix.log" 2>&1; then
    tail -n 15 "$logs/$prefix.log" >&2
    printf '%s\t%s\tfailed\t%s\t-\t%s\n' "$prefix" "$zig" "$(elapsed_since "$started")" \
      "did not build here (log: dist/jvm/logs/$prefix.log); built by the release workflow" >>"$native/BUILD.tsv"
    return 1
  fi
  mkdir -p "$native/$prefix"
  cp "$target_dir/$rust/release/$file" "$native/$prefix/$file"
  case "$prefix" in
    linux-*)
      # The glibc promise (2.17, as the manylinux2014 wheels) holds for the jar's Linux libraries too.
      note="needs $(check_glibc_max "$native/$prefix/$file" 2.17)" || die "jvm: $prefix: $note" ;;
    darwin-*) note="Mach-O, linked by zig without the macOS SDK" ;;
    win32-*) note="PE DLL for the GNU ABI (x86_64-pc-windows-gnu), linked by zig" ;;
  esac
  printf '%s\t%s\tbuilt\t%s\t%s\t%s\n' "$prefix" "$zig" "$(elapsed_since "$started")" \
    "$(stat -c %s "$native/$prefix/$file")" "$note" >>"$native/BUILD.tsv"
  log "jvm: $prefix: built in $(elapsed_since "$started") s ($note)"
}

command -v mvn >/dev/null || die "jvm: Maven (mvn) is needed for the jar"
command -v java >/dev/null || die "jvm: a JDK 17+ is needed for the jar"
mkdir -p "$jvm_dist" "$logs"

if [[ "${MUNITY_JVM_PREBUILT:-0}" == 1 ]]; then
  ls "$native"/*/*munity_secrets_kotlin.* >/dev/null 2>&1 || die "jvm: MUNITY_JVM_PREBUILT=1 but $native holds no library"
  log "jvm: taking the prebuilt libraries in $native: $(cd "$native" && ls -d -- */* | tr '\n' ' ')"
else
  use_release_venv
  rm -rf "$native"
  mkdir -p "$native"
  printf 'prefix\ttarget\tresult\tseconds\tbytes\tnote\n' >"$native/BUILD.tsv"
  for prefix in "${prefixes[@]}"; do
    [[ -n "${RUST_TARGET[$prefix]:-}" ]] || die "jvm: unknown JNA prefix '$prefix' (${ALL_PREFIXES[*]})"
    if ! build_one "$prefix"; then
      case "$prefix" in
        linux-*) die "jvm: the $prefix library must build here" ;;
        *) warn "jvm: $prefix did not build here; the jar is made without it (the release workflow builds it)" ;;
      esac
    fi
  done
fi
# Stamps the libraries with the sources they were built from; build-native.sh refuses a stale set.
bash "$REPO_ROOT/bindings-kotlin/build-native.sh" stamp >"$native/SOURCES.sha256"

# One jar from every library in dist/jvm/native (munity.native=dist), checked by check-artifacts.sh
# (MUNITY_EXPECT_PLATFORMS), then deployed to a repository directory as Central would receive it.
built_prefixes="$(cd "$native" && ls -d -- */ | tr -d / | tr '\n' ' ')"
expect="$built_prefixes"
# From the workflow's native runners, all five (or MUNITY_JVM_TARGETS) must be there.
[[ "${MUNITY_JVM_PREBUILT:-0}" == 1 ]] && expect="${prefixes[*]}"
repo="$DIST/maven"
rm -rf "$repo/com/munityapps/munity-secrets"
mvn_args=(-B -ntp -f "$REPO_ROOT/bindings-kotlin/pom.xml" -Dmunity.native=dist "-Dmunity.nativeDir=$native")
[[ "${MUNITY_JVM_SKIP_TESTS:-0}" == 1 ]] && mvn_args+=(-DskipTests)
started=$(date +%s)
log "jvm: mvn deploy (jar with: $built_prefixes) -> $repo"
MUNITY_EXPECT_PLATFORMS="$expect" mvn "${mvn_args[@]}" \
  "-DaltDeploymentRepository=local::file://$repo" clean deploy >"$logs/maven.log" 2>&1 ||
  { tail -n 40 "$logs/maven.log" >&2; die "jvm: mvn deploy failed (log: dist/jvm/logs/maven.log)"; }
grep -E 'Tests run:.*Fail|check-artifacts:' "$logs/maven.log" | tail -n 2 >&2 || true
log "jvm: jar built, tested and deployed in $(elapsed_since "$started") s"

artifact_dir="$repo/com/munityapps/munity-secrets/$version"
for suffix in .jar -sources.jar -javadoc.jar .pom; do
  cp "$artifact_dir/munity-secrets-$version$suffix" "$jvm_dist/"
done
jar="jvm/munity-secrets-$version.jar"
artifacts_reset jvm
for prefix in $built_prefixes; do
  record_artifact jvm "$jar" munity-secrets-kotlin "${RUST_TARGET[$prefix]}"
done
log "jvm: dist/$jar ($(stat -c %s "$DIST/$jar") bytes) with $built_prefixes"
