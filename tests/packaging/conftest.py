"""Shared paths for the packaging tests (run by scripts/test-packaging.sh)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the suite's venv is 3.11+, this keeps 3.9/3.10 working
    import tomli as tomllib


def read_toml(path: Path) -> dict:
    return tomllib.loads(path.read_text())
