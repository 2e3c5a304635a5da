"""Runs every case of tests/vectors/secrets.json through an INSTALLED munity_secrets package and compares bytes.

    python vectors_check.py VECTORS_DIR

Standalone on purpose: it runs inside the Debian roots of scripts/release/test-python.sh, where only the wheel
pip chose is installed (no pytest, no checkout). It uses the stable public API only: Signer(...).connect_secret /
renew_secret and Verifier(...).verify with the options each case states, Signer(...).fingerprint,
Verifier(...).fingerprints, and the error fields `code` and `reason`. It fails when a case fails or goes unused,
and prints which wheel (tag) and platform it ran on.
"""

from __future__ import annotations

import base64
import datetime
import importlib.metadata
import json
import platform
import sys
from pathlib import Path
from typing import Any, Callable

import munity_secrets

TRANSFORMS: dict[str, Callable[[str], str]] = {
    "escaped_newlines": lambda t: t.replace("\n", "\\n"),
    "double_escaped_newlines": lambda t: t.replace("\n", "\\\\n"),
    "quoted": lambda t: f'"{t}"',
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "base64": lambda t: base64.b64encode(t.encode()).decode(),
    "surrounding_whitespace": lambda t: f"  \n{t}  \n",
}


class Vectors:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.data: dict[str, Any] = json.loads((directory / "secrets.json").read_text())

    def key_text(self, name: str) -> str:
        return (self.directory / self.data["keys"][name]["file"]).read_text()


def mint_options(options: dict[str, Any]) -> dict[str, Any]:
    """The case's options as keyword arguments (a secret that must not expire says so explicitly)."""
    kwargs = dict(options)
    if kwargs.pop("no_expiry", False):
        kwargs["expires_in"] = None
    return kwargs


def check_error(error: Exception, case: dict[str, Any]) -> str | None:
    if not isinstance(error, munity_secrets.MunitySecretError):
        return f"raised {type(error).__name__}, not a MunitySecretError"
    code = getattr(error, "code", None)
    if code != case["error"]:
        return f"code {code!r}, expected {case['error']!r}"
    if "reason" in case and getattr(error, "reason", None) != case["reason"]:
        return f"reason {getattr(error, 'reason', None)!r}, expected {case['reason']!r}"
    return None


def expect(case: dict[str, Any], run: Callable[[], Any], compare: Callable[[Any], str | None]) -> str | None:
    try:
        value = run()
    except Exception as error:  # every failure is reported, never swallowed
        if case["result"] == "valid":
            return f"raised {type(error).__name__}: {getattr(error, 'code', error)}"
        return check_error(error, case)
    if case["result"] != "valid":
        return f"returned {value!r}, expected error {case['error']}"
    return compare(value)


def as_timestamp(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return int(value.timestamp())
    return value


def run_mint(v: Vectors, case: dict[str, Any]) -> str | None:
    def run() -> str:
        signer = munity_secrets.Signer(v.key_text(case["key"]))
        method = signer.connect_secret if case["kind"] == "connect" else signer.renew_secret
        return method(**case["claims"], **mint_options(case["options"]))

    return expect(case, run, lambda secret: None if secret == case["secret"] else "secret bytes differ")


def run_verify(v: Vectors, case: dict[str, Any]) -> str | None:
    def run() -> Any:
        verifier = munity_secrets.Verifier([v.key_text(k) for k in case["keys"]])
        return verifier.verify(case["secret"], **case["options"])

    def compare(verified: Any) -> str | None:
        for field, expected in case["claims"].items():
            actual = as_timestamp(getattr(verified, field))
            if actual != expected:
                return f"{field} = {actual!r}, expected {expected!r}"
        return None

    return expect(case, run, compare)


def run_key_loading(v: Vectors, case: dict[str, Any]) -> str | None:
    text = v.key_text(case["key"])
    if "transform" in case:
        text = TRANSFORMS[case["transform"]](text)

    def run() -> str:
        if case["role"] == "signer":
            return munity_secrets.Signer(text).fingerprint
        return list(munity_secrets.Verifier(text).fingerprints)[0]

    return expect(case, run, lambda fp: None if fp == case["fingerprint"] else f"fingerprint {fp}")


RUNNERS = {"mint": run_mint, "verify": run_verify, "key_loading": run_key_loading}


def wheel_tag() -> str:
    wheel = importlib.metadata.distribution("munity-secrets").read_text("WHEEL") or ""
    return ",".join(line.split(":", 1)[1].strip() for line in wheel.splitlines() if line.startswith("Tag:"))


def main() -> int:
    v = Vectors(Path(sys.argv[1]))
    sections = [s for s in v.data if isinstance(v.data[s], list)]
    unknown = [s for s in sections if s not in RUNNERS]
    failures: list[str] = []
    used = 0
    for section in sections:
        for case in v.data[section] if section in RUNNERS else []:
            problem = RUNNERS[section](v, case)
            used += 1
            if problem:
                failures.append(f"{section}/{case['id']}: {problem}")
    total = sum(len(v.data[s]) for s in sections)
    for failure in failures:
        print("FAIL", failure)
    if unknown:
        print("FAIL sections this runner does not know (cases unused):", ", ".join(unknown))
    ok = not failures and not unknown and used == total
    print(
        f"{'ok' if ok else 'FAILED'}: {used - len(failures)}/{total} vector cases passed; "
        f"munity_secrets {munity_secrets.__version__} wheel {wheel_tag()} on {platform.machine()}, "
        f"Python {platform.python_version()}, {' '.join(platform.libc_ver())}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
