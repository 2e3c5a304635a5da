#!/usr/bin/env bash
# Instructions per call of the Node binding, counted by valgrind's callgrind: deterministic, so it compares two
# builds on a loaded machine where wall-clock figures are noise. Each operation runs twice, W + N and W + 2N times
# (bench/instructions.js); the difference divided by N is the cost of one call in steady state: start-up and the
# W warm-up calls (interpreter, then optimized code) cancel out.
# Columns: all instructions of one call; the native callback napi-rs generates (argument conversion, core, result
# object); the core's mint or verify; aws-lc's RSA operation alone; and the rest (JavaScript wrapper, V8, the
# napi boundary), which is what the binding costs beyond the core.
# Usage: bash bench/instructions.sh [package directory, default bindings-node] [operations...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package="$(cd "${1:-$here}" && pwd)"
shift || true
operations=("${@:-sign verify mint verify-options verify-read verify-one-call}")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
count() { # operation n -> callgrind output file
  valgrind --tool=callgrind --callgrind-out-file="$out/$1.$2" node "$here/bench/instructions.js" "$1" "$2" "$package" \
    >/dev/null 2>&1
  echo "$out/$1.$2"
}
# Inclusive instructions of the functions matching an extended regex, summed (they do not call each other).
inclusive() {
  callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
    awk -v re="$2" '$0 ~ re { gsub(",", "", $1); sum += $1 } END { printf "%d\n", sum }'
}
total() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'; }
printf '%-16s %10s %10s %10s %10s %10s\n' operation total callback core rsa rest
for op in ${operations[*]}; do
  case "$op" in
    sign | mint) w=100 n=100 core='munity_secrets::signer::Signer::mint ' rsa='_RSA_sign ' ;;
    *) w=2000 n=2000 core='munity_secrets::verifier::Verifier::verify ' rsa='_RSA_verify ' ;;
  esac
  a="$(count "$op" $((w + n)))" b="$(count "$op" $((w + 2 * n)))"
  per() { echo $((($2 - $1) / n)); }
  t=$(per "$(total "$a")" "$(total "$b")")
  cb=$(per "$(inclusive "$a" 'munity_secrets_node::[a-z_:]*_c_callback ')" "$(inclusive "$b" 'munity_secrets_node::[a-z_:]*_c_callback ')")
  c=$(per "$(inclusive "$a" "$core")" "$(inclusive "$b" "$core")")
  r=$(per "$(inclusive "$a" "$rsa")" "$(inclusive "$b" "$rsa")")
  printf '%-16s %10d %10d %10d %10d %10d\n' "$op" "$t" "$cb" "$c" "$r" $((t - cb))
done
