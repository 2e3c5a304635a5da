#!/usr/bin/env bash
# Runs every cargo-fuzz target of the core for SECONDS each (libFuzzer, address sanitizer).
#
#   scripts/fuzz.sh SECONDS [TARGET...]        e.g. scripts/fuzz.sh 1200
#   FUZZ_JOBS=4 scripts/fuzz.sh 1200           the targets in parallel, up to 4 at once
#   nice -n 19 scripts/fuzz.sh 1200            on a shared machine: idle CPU only
#
# Targets: verify, verify_signed_payload, key_loading, claims (see fuzz/fuzz_targets/ and
# docs/security.md). Each starts from the committed seeds (fuzz/seeds/<target>, made by
# fuzz/make_seeds.py) plus the corpus it grew before (fuzz/corpus/<target>, not committed).
# Logs: fuzz/logs/<target>.log; crashes: fuzz/artifacts/<target>/. Exits non-zero on any finding.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(verify verify_signed_payload key_loading claims)
jobs="${FUZZ_JOBS:-1}"

cargo +nightly fuzz build   # every target, one cargo invocation
mkdir -p logs

run() {
  local target="$1"
  mkdir -p "corpus/$target"
  # -max_len: a secret is at most 8 KiB, a 4096-bit key's PEM about 3.3 KiB; -timeout: seconds per input.
  cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=10000 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"logs/$target.log" 2>&1
}

summary() {
  local target="$1" status="$2" log="logs/$1.log"
  local execs cov ft rate rss
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
  printf '%-22s %-6s execs=%s exec/s=%s cov=%s ft=%s peak_rss_mb=%s\n' \
    "$target" "$status" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${rss:-?}"
}

declare -A status
if [ "$jobs" -gt 1 ]; then
  declare -A pids
  for target in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
    run "$target" & pids[$target]=$!
  done
  for target in "${targets[@]}"; do
    if wait "${pids[$target]}"; then status[$target]=ok; else status[$target]=FAILED; fi
  done
else
  for target in "${targets[@]}"; do
    if run "$target"; then status[$target]=ok; else status[$target]=FAILED; fi
  done
fi

failed=0
echo "--- fuzz: ${seconds}s per target ---"
for target in "${targets[@]}"; do
  summary "$target" "${status[$target]}"
  if [ "${status[$target]}" != ok ]; then
    failed=1
    grep -E 'panicked|ERROR: AddressSanitizer|ERROR: libFuzzer|SUMMARY|Test unit written to' "logs/$target.log" | head -8 || true
  fi
done
exit "$failed"
