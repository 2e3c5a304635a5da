#!/usr/bin/env bash
# The Node package (bindings-node) and the Express example: installs from the npm registry, builds the
# addon with napi-rs (release), checks the committed TypeScript declarations and JS loader match a
# fresh build, then runs both test suites with node's built-in runner. Needs Node 20+, npm and Rust.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here/bindings-node"

if cargo fmt --version >/dev/null 2>&1; then
  echo "--- node: rustfmt check"
  cargo fmt -p munity-secrets-node --check
fi

echo "--- node: npm ci (bindings-node)"
npm ci --no-audit --no-fund --loglevel=error

echo "--- node: napi build --release"
committed="$(mktemp -d)"
trap 'rm -rf "$committed"' EXIT
cp index.d.ts index.d.mts index.mjs binding.js "$committed/"
npm run --silent build
for file in index.d.ts index.d.mts index.mjs binding.js; do
  if ! diff -u "$committed/$file" "$file"; then
    echo "error: bindings-node/$file differs from a fresh build: run 'npm run build' in bindings-node and commit it" >&2
    exit 1
  fi
done

echo "--- node: node --test (bindings-node)"
node --test __test__/

echo "--- node: Express example"
cd "$here/examples/express"
npm ci --no-audit --no-fund --loglevel=error
node --test test/
echo "--- node: all passed"
