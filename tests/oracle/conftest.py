"""Shared fixtures of the oracle suite: the command line under test and the TEST-ONLY keys."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


class Cli:
    """Runs the munity-secrets binary; built by scripts/test-rust.sh (MUNITY_SECRETS_BIN)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def run(self, *args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("MUNITY_")}
        full_env.update(env or {})
        return subprocess.run([self.path, *args], capture_output=True, text=True, env=full_env, input=stdin,
                              timeout=60, check=False)


@pytest.fixture(scope="session")
def cli() -> Cli:
    path = os.environ.get("MUNITY_SECRETS_BIN", str(ROOT / "target" / "release" / "munity-secrets"))
    if not Path(path).is_file():
        pytest.fail(f"build the command line first: cargo build --release -p munity-secrets-cli ({path})")
    return Cli(path)


@pytest.fixture(scope="session")
def vectors() -> dict[str, Any]:
    return json.loads((VECTORS / "secrets.json").read_text())


def key_path(vectors: dict[str, Any], name: str) -> Path:
    return VECTORS / vectors["keys"][name]["file"]
