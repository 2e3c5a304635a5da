# Sourced by the test scripts: one virtualenv at .venv for every Python suite, created on first use
# from the registries (a fresh machine has none of it).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
# shellcheck disable=SC1091
. "$here/.venv/bin/activate"
python -m pip install --quiet --disable-pip-version-check -r "$here/tests/requirements.txt"
