#!/usr/bin/env bash
# Installs the munity-secrets wheel that pip picks from a directory, into the Python on PATH, and tests it there:
# every case of tests/vectors/secrets.json (vectors_check.py), then the binding's pytest suite.
#
#   bash scripts/release/test-wheel-here.sh DIST_DIR
#
# Used by .github/workflows/release.yml on each native runner (Linux, macOS, Windows) and in Alpine (musl) before
# anything is published. --only-binary keeps pip from building the sdist instead.
set -euo pipefail
dist="${1:?usage: test-wheel-here.sh DIST_DIR}"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
python="$(command -v python3 || command -v python)"
"$python" -m pip install --disable-pip-version-check --force-reinstall --no-index --find-links "$dist" \
  --only-binary :all: munity-secrets
"$python" scripts/release/vectors_check.py tests/vectors
"$python" -m pip install --disable-pip-version-check --quiet -r tests/requirements.txt
"$python" -m pytest bindings-python/tests -q -p no:cacheprovider
