#!/usr/bin/env bash
# Runs every test suite of the project, installing what each needs from the package registries.
# This is the README's test command, and what CI (.ci/run) runs. A missing suite script is an error:
# a suite that silently does not run is a suite that silently passes.
set -euo pipefail
cd "$(dirname "$0")/.."
suites=(rust python node kotlin sandbox hardening)
for suite in "${suites[@]}"; do
  script="scripts/test-$suite.sh"
  if [ ! -f "$script" ]; then
    echo "error: the $suite suite's script $script is missing" >&2
    exit 1
  fi
done
for suite in "${suites[@]}"; do
  echo "=== $suite ==="
  bash "scripts/test-$suite.sh"
done
echo "=== all suites passed: ${suites[*]} ==="
