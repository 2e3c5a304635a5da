#!/usr/bin/env bash
# The sandbox (sandbox/): its Rust integration tests, then the end-to-end test in headless Chromium
# (Debian's chromium package, driven by playwright-core; no browser download): the Express and Django
# examples' pages, the sandbox's sdk.js and the sandbox service. Needs Rust, Node 20+, npm, and apt as root when
# /usr/bin/chromium is missing. Normally run by scripts/test-all.sh after the node suite (which builds
# the Node addon and installs the Express example); builds those itself when they are missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

echo "--- sandbox: cargo test -p munity-secrets-sandbox"
cargo test -p munity-secrets-sandbox

echo "--- sandbox: cargo build --example serve"
cargo build -q -p munity-secrets-sandbox --example serve
target_dir="$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
export SANDBOX_BIN="$target_dir/debug/examples/serve"

if [ ! -x /usr/bin/chromium ]; then
  echo "--- sandbox: apt-get install chromium"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM=/usr/bin/chromium

# The Express example and the Node addon it uses (the node suite normally made them already).
if ! ls bindings-node/*.node >/dev/null 2>&1; then
  echo "--- sandbox: building the Node addon (bindings-node)"
  (cd bindings-node && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build)
fi
if [ ! -d examples/express/node_modules/express ]; then
  echo "--- sandbox: npm ci (examples/express)"
  (cd examples/express && npm ci --no-audit --no-fund --loglevel=error)
fi

# The Django example's Python: the wheel with munity_secrets.django, Django and uvicorn (the python suite
# normally made it).
if ! "$here/.venv/bin/python" -c 'import munity_secrets.django, django, uvicorn' >/dev/null 2>&1; then
  echo "--- sandbox: building and installing the Python wheel (bindings-python) for the Django example"
  (
    # shellcheck source=scripts/python-env.sh
    source scripts/python-env.sh
    python -m pip install --quiet --disable-pip-version-check -r bindings-python/requirements-dev.txt
    python -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps ./bindings-python
  )
fi
export PYTHON="$here/.venv/bin/python"

echo "--- sandbox: npm ci (sandbox/e2e)"
cd "$here/sandbox/e2e"
npm ci --no-audit --no-fund --loglevel=error

echo "--- sandbox: node --test (headless Chromium end to end)"
node --test test/
echo "--- sandbox: all passed"
