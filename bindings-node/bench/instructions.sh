#!/usr/bin/env bash
# Instructions per call, counted by valgrind's callgrind: deterministic, so it compares two builds on a loaded
# machine where wall-clock figures are noise (and this VM exposes no hardware counters to `perf stat`).
# Each workload runs twice, W + N and W + 2N calls; the difference divided by N is one call in steady state
# (start-up and the W warm-up calls, interpreter then optimized code, cancel out). Columns:
#   node      one call through the package (bench/instructions.js: JS wrapper, napi, core, result)
#   core      the same call on the core from Rust (bench/core_ops.rs: same key, claims and options)
#   rsa       aws-lc's RSA operation alone (inclusive cost of RSA_sign / RSA_verify in the core run)
#   binding   node - core: what the binding adds to a call
# The operations without a core counterpart (mint, verify-options, ...) are compared with sign or verify.
# GC and background compilation make a count move by a few thousand instructions per call from run to run;
# larger N (environment: N=8000) averages more of them.
# Usage: [W=warm-up calls] [N=calls] bash bench/instructions.sh [package directory, default bindings-node] [operations...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package="$(cd "${1:-$here}" && pwd)"
shift || true
operations=("${@:-sign verify mint verify-options verify-read verify-one-call}")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo build --release --quiet --example core_ops -p munity-secrets-node --manifest-path "$here/Cargo.toml"
core_ops="$(cd "$here/.." && cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')/release/examples/core_ops"
callgrind() { # output file, command...
  local file="$1"
  shift
  valgrind --tool=callgrind --callgrind-out-file="$file" "$@" >/dev/null 2>&1
}
total() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'; }
inclusive() { # file, extended regex of one function -> its inclusive instructions
  callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
    awk -v re="$2" '$0 ~ re { gsub(",", "", $1); sum += $1 } END { printf "%d\n", sum }'
}
printf '%-16s %10s %10s %10s %10s %8s\n' operation node core rsa binding "binding%"
declare -A core_cost rsa_cost
for op in ${operations[*]}; do
  case "$op" in
    sign | mint) base=sign w=${W:-100} n=${N:-100} ;;
    *) base=verify w=${W:-2000} n=${N:-2000} ;;
  esac
  if [ -z "${core_cost[$base]:-}" ]; then
    callgrind "$out/core.a" "$core_ops" "$base" $((w + n))
    callgrind "$out/core.b" "$core_ops" "$base" $((w + 2 * n))
    core_cost[$base]=$((($(total "$out/core.b") - $(total "$out/core.a")) / n))
    re="_RSA_${base} "
    rsa_cost[$base]=$((($(inclusive "$out/core.b" "$re") - $(inclusive "$out/core.a" "$re")) / n))
  fi
  callgrind "$out/node.a" node "$here/bench/instructions.js" "$op" $((w + n)) "$package"
  callgrind "$out/node.b" node "$here/bench/instructions.js" "$op" $((w + 2 * n)) "$package"
  node_cost=$((($(total "$out/node.b") - $(total "$out/node.a")) / n))
  binding=$((node_cost - core_cost[$base]))
  printf '%-16s %10d %10d %10d %10d %7.1f%%\n' "$op" "$node_cost" "${core_cost[$base]}" "${rsa_cost[$base]}" "$binding" \
    "$(awk -v b="$binding" -v t="$node_cost" 'BEGIN { print 100 * b / t }')"
done
