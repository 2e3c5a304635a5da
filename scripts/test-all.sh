#!/usr/bin/env bash
# Runs every test suite of the project, installing what each needs from the package registries.
# This is the README's test command, and what CI (.ci/run) runs.
set -euo pipefail
cd "$(dirname "$0")/.."
suites=(rust python node kotlin sandbox hardening packaging)
for suite in "${suites[@]}"; do
  script="scripts/test-$suite.sh"
  if [ -f "$script" ]; then
    echo "=== $suite ==="
    bash "$script"
  fi
done
echo "=== all suites passed: ${suites[*]} ==="
