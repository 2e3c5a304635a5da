"""Every case of tests/vectors/misuse.json (options, environment and key-text misuse, shared by every
suite) through the installed package, with the expected kind, claim and reason. The last test fails
if any case went unused."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_private_key

import munity_secrets as ms
from conftest import ERROR_CLASSES, TRANSFORMS, VECTORS_DIR

MISUSE: dict[str, Any] = json.loads((VECTORS_DIR / "misuse.json").read_text())
CASES: list[dict[str, Any]] = MISUSE["cases"]
USED: set[str] = set()
# JSON has no NaN or infinities: the vectors spell them as strings (float_only cases); Python has them.
FLOATS = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


def text_of(ref: dict[str, Any]) -> str:
    """A key text: {"text": ...} as is, or {"key": name, "transform"?: ...} read from the key's file."""
    if "text" in ref:
        text: str = ref["text"]
        return text
    text = (VECTORS_DIR / MISUSE["keys"][ref["key"]]["file"]).read_text()
    return TRANSFORMS[ref["transform"]](text) if "transform" in ref else text


def options_of(case: dict[str, Any]) -> dict[str, Any]:
    options = {name: FLOATS.get(value, value) if isinstance(value, str) else value
               for name, value in case.get("options", {}).items()}
    if options.pop("no_expiry", False):
        options["expires_in"] = None
    return options


def set_env(monkeypatch: pytest.MonkeyPatch, env: dict[str, Any]) -> None:
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value if isinstance(value, str) else text_of(value))


def run_mint(case: dict[str, Any]) -> dict[str, Any]:
    signer = ms.Signer(text_of(case["signer"]), workspace_id=case["signer"].get("workspace_id"))
    minted = signer.mint(**case["request"], **options_of(case))
    assert (minted.expires_at is None) == (minted.as_dict()["expires_at"] is None)
    return minted.as_dict()


def run_verify(case: dict[str, Any]) -> dict[str, Any]:
    verifier = ms.Verifier([text_of({"key": key}) for key in case["verifier"]["keys"]])
    return {"expires_at": verifier.verify(case["secret"], **options_of(case)).as_dict()["expires_at"]}


def run_signer(case: dict[str, Any]) -> dict[str, Any]:
    signer = ms.Signer(text_of(case["key_text"]), workspace_id=case.get("workspace_id"))
    return {"fingerprint": signer.fingerprint, "workspace_id": signer.workspace_id}


def keys_of(verifier: ms.Verifier) -> dict[str, Any]:
    return {"fingerprints": verifier.fingerprints, "key_ids": verifier.key_ids}


def run_verifier(case: dict[str, Any]) -> dict[str, Any]:
    return keys_of(ms.Verifier(text_of(case["key_text"])))


def run_verifier_from_texts(case: dict[str, Any]) -> dict[str, Any]:
    return keys_of(ms.Verifier([text_of(ref) for ref in case["key_texts"]]))


def run_generate_key_pair(case: dict[str, Any]) -> dict[str, Any]:
    private_pem, public_pem = ms.generate_key_pair(case["bits"])
    assert ms.Signer(private_pem).verifier().fingerprints == ms.Verifier(public_pem).fingerprints
    return {"bits": load_pem_private_key(private_pem.encode(), password=None).key_size}  # type: ignore[union-attr]


def run_signer_from_env(case: dict[str, Any]) -> dict[str, Any]:
    signer = ms.Signer.from_env()
    return {"fingerprint": signer.fingerprint, "workspace_id": signer.workspace_id}


def run_verifier_from_env(case: dict[str, Any]) -> dict[str, Any]:
    return keys_of(ms.Verifier.from_env())


ENTRIES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "mint": run_mint,
    "verify": run_verify,
    "signer": run_signer,
    "verifier": run_verifier,
    "verifier_from_texts": run_verifier_from_texts,
    "generate_key_pair": run_generate_key_pair,
    "signer_from_env": run_signer_from_env,
    "verifier_from_env": run_verifier_from_env,
}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_misuse(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in MISUSE["environment_variables"]:  # every case starts from a clean environment
        monkeypatch.delenv(name, raising=False)
    set_env(monkeypatch, case.get("env", {}))
    run = ENTRIES[case["entry"]]
    if case["result"] == "valid":
        assert run(case) == case["expected"]
    else:
        with pytest.raises(ms.MunitySecretError) as raised:
            run(case)
        err = raised.value
        assert type(err) is ERROR_CLASSES[case["kind"]]
        assert (err.code, err.kind, err.claim, err.reason) == (case["error"], case["kind"], case["claim"],
                                                               case["reason"])
    USED.add(case["id"])


def test_every_misuse_case_was_used() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert len(ids) > 0
    missing = sorted(set(ids) - USED)
    assert not missing, f"{len(missing)} misuse cases never ran: {missing[:10]}"
