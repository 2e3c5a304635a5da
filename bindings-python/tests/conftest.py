"""Shared fixtures of the munity_secrets tests: the repository's TEST-ONLY keys and vectors."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any, Callable

import pytest

import munity_secrets

ROOT = Path(__file__).resolve().parents[2]
VECTORS_DIR = ROOT / "tests" / "vectors"
WORKSPACE_ID = "11111111-2222-3333-aaaa-eeeeeeeeeeee"
INTEGRATION_ID = "99999999-8888-7777-bbbb-cccccccccccc"
NOW = 1732752000

# The exception class of each error kind (the `kind` field, the first part of `code`).
ERROR_CLASSES: dict[str, type[munity_secrets.MunitySecretError]] = {
    "INVALID_KEY": munity_secrets.InvalidKeyError,
    "INVALID_CLAIM": munity_secrets.InvalidClaimError,
    "MALFORMED_SECRET": munity_secrets.MalformedSecretError,
    "UNSUPPORTED_ALGORITHM": munity_secrets.UnsupportedAlgorithmError,
    "BAD_SIGNATURE": munity_secrets.BadSignatureError,
    "UNKNOWN_KEY": munity_secrets.UnknownKeyError,
    "EXPIRED": munity_secrets.ExpiredSecretError,
    "NOT_YET_VALID": munity_secrets.NotYetValidError,
}

# How a vector case alters a key file's text first (key text as it arrives from environment variables).
TRANSFORMS: dict[str, Callable[[str], str]] = {
    "escaped_newlines": lambda t: t.replace("\n", "\\n"),
    "double_escaped_newlines": lambda t: t.replace("\n", "\\\\n"),
    "quoted": lambda t: f'"{t}"',
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "base64": lambda t: base64.b64encode(t.encode()).decode(),
    "surrounding_whitespace": lambda t: f"  \n{t}  \n",
}


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
