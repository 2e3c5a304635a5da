#!/usr/bin/env bash
# The core's throughput beside `openssl speed rsa2048`, from one run on this machine, with ratios.
# Usage: bash scripts/bench-core.sh [seconds per figure, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-3}"
cargo build --release --locked --quiet --bench secrets -p munity-secrets
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(openssl version); $(rustc --version)"
openssl_speed() { openssl speed -seconds "$seconds" rsa2048 2>/dev/null | grep '^rsa 2048'; }
# OpenSSL runs before and after ours and the two are averaged, so a burst of load on this shared,
# noisy machine weighs on both sides alike.
before=$(openssl_speed)
results=$(BENCH_SECONDS="$seconds" cargo bench --locked --quiet --bench secrets -p munity-secrets 2>/dev/null)
after=$(openssl_speed)
openssl_sign=$(printf '%s\n%s\n' "$before" "$after" | awk '{s += $(NF-1)} END {print s / 2}')
openssl_verify=$(printf '%s\n%s\n' "$before" "$after" | awk '{s += $NF} END {print s / 2}')
figure() { echo "$results" | awk -v k="$1" '$1 == k {print $2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf '%-34s %12s %10s\n' "operation (2048-bit key)" "ops/s" "ratio"
printf '%-34s %12.0f %10s\n' "openssl speed rsa2048 sign" "$openssl_sign" "1.00"
printf '%-34s %12.0f %10s\n' "munity-secrets sign (Signer)" "$(figure sign)" "$(ratio "$(figure sign)" "$openssl_sign")x openssl"
printf '%-34s %12.0f %10s\n' "jsonwebtoken 11 encode (aws-lc)" "$(figure jsonwebtoken_sign)" "$(ratio "$(figure jsonwebtoken_sign)" "$openssl_sign")x openssl"
printf '%-34s %12.0f %10s\n' "openssl speed rsa2048 verify" "$openssl_verify" "1.00"
printf '%-34s %12.0f %10s\n' "munity-secrets verify (all checks)" "$(figure verify)" "$(ratio "$(figure verify)" "$openssl_verify")x openssl"
printf '%-34s %12.0f %10s\n' "jsonwebtoken 11 decode (aws-lc)" "$(figure jsonwebtoken_verify)" "$(ratio "$(figure jsonwebtoken_verify)" "$openssl_verify")x openssl"
printf '%-34s %12.0f\n' "munity-secrets key load + checks" "$(figure key_load)"
