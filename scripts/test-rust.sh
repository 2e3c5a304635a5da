#!/usr/bin/env bash
# Rust: format and lints over the whole workspace (core, CLI, sandbox, the three bindings' Rust layers,
# uniffi-bindgen) and the fuzz crate, then the core's and the CLI's unit, property and vector tests
# (secrets.json and misuse.json, also through the command line), then the PyJWT oracle.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all --check
cargo fmt --manifest-path fuzz/Cargo.toml --check
cargo clippy --workspace --all-targets --locked -- -D warnings
packages=(-p munity-secrets -p munity-secrets-cli)
cargo test "${packages[@]}" --locked
cargo build --release --locked -p munity-secrets-cli
# shellcheck source=python-env.sh
source scripts/python-env.sh
MUNITY_SECRETS_BIN="$PWD/target/release/munity-secrets" python -m pytest tests/oracle -q -p no:cacheprovider
