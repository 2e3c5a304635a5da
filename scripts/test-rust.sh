#!/usr/bin/env bash
# The core and the command line: format, lints, unit/property/vector tests, then the PyJWT oracle.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(-p munity-secrets -p munity-secrets-cli)
cargo fmt --check "${packages[@]}"
cargo clippy "${packages[@]}" --all-targets --locked -- -D warnings
cargo test "${packages[@]}" --locked
cargo build --release --locked -p munity-secrets-cli
# shellcheck source=python-env.sh
source scripts/python-env.sh
MUNITY_SECRETS_BIN="$PWD/target/release/munity-secrets" python -m pytest tests/oracle -q -p no:cacheprovider
