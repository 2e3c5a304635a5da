"""Shared fixtures of the munity_secrets tests: the repository's TEST-ONLY keys and vectors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import munity_secrets

ROOT = Path(__file__).resolve().parents[2]
VECTORS_DIR = ROOT / "tests" / "vectors"
WORKSPACE_ID = "11111111-2222-3333-aaaa-eeeeeeeeeeee"
INTEGRATION_ID = "99999999-8888-7777-bbbb-cccccccccccc"
NOW = 1732752000


def read_key(name: str) -> str:
    return (VECTORS_DIR / "keys" / f"TEST-ONLY-{name}").read_text()


@pytest.fixture(scope="session")
def private_pem() -> str:
    return read_key("main-private-pkcs8.pem")


@pytest.fixture(scope="session")
def public_pem() -> str:
    return read_key("main-public-spki.pem")


@pytest.fixture(scope="session")
def other_private_pem() -> str:
    return read_key("other-private-pkcs8.pem")


@pytest.fixture(scope="session")
def signer(private_pem: str) -> munity_secrets.Signer:
    return munity_secrets.Signer(private_pem)


@pytest.fixture(scope="session")
def verifier(public_pem: str) -> munity_secrets.Verifier:
    return munity_secrets.Verifier(public_pem)


def load_vectors() -> dict[str, Any]:
    path = VECTORS_DIR / "secrets.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: the conformance vectors are part of the repository", pytrace=False)
    data: dict[str, Any] = json.loads(path.read_text())
    return data
