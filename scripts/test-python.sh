#!/usr/bin/env bash
# The Python suite: builds the munity-secrets wheel (release, abi3) from this checkout, installs it
# into .venv, and runs its pytest suite (vectors, PyJWT oracle, errors, hostile input, threads, README),
# the Django example's tests, mypy --strict and stubtest. Needs only Python 3, Rust and registry access.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

# shellcheck source=scripts/python-env.sh
source scripts/python-env.sh
python -m pip install --quiet --disable-pip-version-check -r bindings-python/requirements-dev.txt

echo "--- python: building and installing the wheel (maturin, release)"
# --no-build-isolation: the pinned maturin of requirements-dev.txt; --force-reinstall: the version
# stays the same between builds, the code does not.
python -m pip install --quiet --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./bindings-python
python - <<'PY'
import munity_secrets, sys
assert "site-packages" in munity_secrets.__file__, munity_secrets.__file__
print("munity_secrets", munity_secrets.__version__, "from", munity_secrets.__file__, "on Python", sys.version.split()[0])
PY

echo "--- python: pytest bindings-python/tests"
# Run from the repository root so that the installed package, not the source tree, is imported.
python -m pytest bindings-python/tests -q -p no:cacheprovider -rs

echo "--- python: pytest examples/django (munity_secrets.django: test client, checks, uvicorn and waitress)"
(cd examples/django && python -m pytest -q -rs)

echo "--- python: mypy --strict (typed usage file, Django app and example) and stubtest"
MYPYPATH="$root/examples/django" python -m mypy --config-file bindings-python/mypy.ini \
  bindings-python/typing/usage.py bindings-python/munity_secrets/django examples/django
(cd "$(mktemp -d)" && python -m mypy.stubtest munity_secrets)
python bindings-python/typing/usage.py

echo "--- python: all passed"
