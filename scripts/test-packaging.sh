#!/usr/bin/env bash
# The packaging suite: one version for every package (Cargo workspace, pyproject, npm packages, pom, CHANGELOG),
# the license and the PyPI metadata (tests/packaging), and actionlint on the GitHub workflows.
# Quick (seconds once the tools are installed); needs Python 3 and registry access on first run.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/python-env.sh
source scripts/python-env.sh

echo "--- packaging: pytest tests/packaging"
python -m pytest tests/packaging -q -p no:cacheprovider

echo "--- packaging: actionlint .github/workflows"
# actionlint is a Go program; the PyPI wrapper downloads it from GitHub, which is not reachable here, so it is
# built through the Go module proxy once (about 2 minutes) into the release tool cache.
ACTIONLINT_VERSION=v1.7.12
tools="${MUNITY_RELEASE_HOME:-$HOME/.cache/munity-release}/bin"
actionlint="$tools/actionlint-$ACTIONLINT_VERSION"
if [ ! -x "$actionlint" ] && command -v go >/dev/null; then
  mkdir -p "$tools"
  GOBIN="$tools" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  mv "$tools/actionlint" "$actionlint"
fi
if [ -x "$actionlint" ]; then
  "$actionlint" .github/workflows/*.yml
  echo "actionlint $ACTIONLINT_VERSION: ok"
else
  echo "actionlint: NOT RUN (no Go toolchain to build it; install go or put actionlint on PATH)"
fi
echo "--- packaging: all passed"
