"""PyJWT as the external oracle of the wire format, through the command line.

Every mint vector and 1,000 random valid claim sets: our secret equals, byte for byte, what PyJWT's
`jwt.encode` writes for the same claims in the spec's order; PyJWT's `jwt.decode(..., algorithms=["RS256"])`
accepts ours; and our verifier accepts PyJWT's.
"""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from conftest import Cli, key_path

NOW = 1732752000
MAIN_PRIVATE = "main_private_pkcs8"
MAIN_PUBLIC = "main_public_spki"


DEFAULT_EXPIRES_IN = 3600  # a secret expires in one hour when the caller says nothing


def exp_of(options: dict[str, Any]) -> int | None:
    """The exp the contract writes: none when asked, expires_at as given, else now + expires_in (3600 by default)."""
    if options.get("no_expiry"):
        return None
    if "expires_at" in options:
        return options["expires_at"]
    return options["now"] + options.get("expires_in", DEFAULT_EXPIRES_IN)


def spec_payload(claims: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    payload: dict[str, Any] = {"customer_id": claims["customer_id"], "workspace_id": claims["workspace_id"].lower()}
    if claims.get("name") is not None:
        payload["name"] = claims["name"]
    if claims.get("integration_id") is not None:
        payload["integration_id"] = claims["integration_id"].lower()
    exp = exp_of(options)
    if exp is not None:
        payload["exp"] = exp
    return payload


def mint_args(claims: dict[str, Any], options: dict[str, Any]) -> list[str]:
    args = ["renew" if claims.get("integration_id") is not None else "connect",
            "--customer-id", claims["customer_id"], "--workspace-id", claims["workspace_id"]]
    if claims.get("name") is not None:
        args += ["--name", claims["name"]]
    if claims.get("integration_id") is not None:
        args += ["--integration-id", claims["integration_id"]]
    if options.get("no_expiry"):
        args += ["--no-expiry"]
    for name in ["expires_in", "expires_at", "now"]:
        if options.get(name) is not None:
            args += ["--" + name.replace("_", "-"), str(options[name])]
    if options.get("key_id") is not None:
        args += ["--key-id", options["key_id"]]
    return args


def test_every_valid_mint_vector_is_pyjwt_s_bytes(cli: Cli, vectors: dict[str, Any]) -> None:
    checked = 0
    for case in vectors["mint"]:
        if case["result"] != "valid":
            continue
        pem = key_path(vectors, case["key"]).read_text()
        headers = {"kid": case["options"]["key_id"]} if "key_id" in case["options"] else None
        expected = jwt.encode(spec_payload(case["claims"], case["options"]), pem, algorithm="RS256",
                              headers=headers)
        assert case["secret"] == expected, case["id"]
        assert case["expires_at"] == exp_of(case["options"]), case["id"]
        out = cli.run(*mint_args(case["claims"], case["options"]), "--certificate", str(key_path(vectors, case["key"])))
        assert out.returncode == 0, (case["id"], out.stderr)
        assert out.stdout.rstrip("\n") == expected, case["id"]
        checked += 1
    assert checked >= 20


def random_name(rng: random.Random) -> str:
    alphabet = ("abcdefghijklmnopqrstuvwxyz ABC \"\\/'" + "éüßçñ" + "日本語中文" + "\u00a0\u2028\u2029\ufeff"
                + "😀🚀𝄞")
    while True:
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        if not name.isspace():
            return name


def random_claims(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    claims: dict[str, Any] = {
        "customer_id": "".join(rng.choice(letters) for _ in range(rng.randint(1, 64))),
        "workspace_id": str(uuid.UUID(int=rng.getrandbits(128))),
    }
    if rng.random() < 0.3:
        claims["workspace_id"] = claims["workspace_id"].upper()
    if rng.random() < 0.6:
        claims["name"] = random_name(rng)
    if rng.random() < 0.4:
        claims["integration_id"] = str(uuid.UUID(int=rng.getrandbits(128)))
    options: dict[str, Any] = {"now": rng.randint(1_600_000_000, 1_900_000_000)}
    expiry = rng.random()
    if expiry < 0.2:
        options = {"no_expiry": True}
    elif expiry < 0.5:
        options["expires_in"] = rng.randint(1, 31536000)
    elif expiry < 0.7:
        options["expires_at"] = options["now"] + rng.randint(1, 31536000)
    # otherwise the default expiry, one hour
    if rng.random() < 0.3:
        options["key_id"] = rng.choice(["main-2026", "k1", "clé", "rotation/2026-11"])
    return claims, options


def test_random_claims_match_pyjwt_and_decode_both_ways(cli: Cli, vectors: dict[str, Any]) -> None:
    rng = random.Random(20261128)
    private_path = key_path(vectors, MAIN_PRIVATE)
    # A loaded key: PyJWT re-validates a PEM string at every call, which costs tens of milliseconds.
    pem = serialization.load_pem_private_key(private_path.read_bytes(), None)
    public = serialization.load_pem_public_key(key_path(vectors, MAIN_PUBLIC).read_bytes())
    for i in range(1000):
        claims, options = random_claims(rng)
        headers = {"kid": options["key_id"]} if "key_id" in options else None
        payload = spec_payload(claims, options)
        expected = jwt.encode(payload, pem, algorithm="RS256", headers=headers)
        out = cli.run(*mint_args(claims, options), "--certificate", str(private_path))
        assert out.returncode == 0, (i, claims, out.stderr)
        ours = out.stdout.rstrip("\n")
        assert ours == expected, (i, claims, options)
        decoded = jwt.decode(ours, public, algorithms=["RS256"], options={"verify_exp": False})
        assert decoded == payload


def test_our_verifier_accepts_pyjwt_secrets(cli: Cli, vectors: dict[str, Any]) -> None:
    rng = random.Random(7)
    pem = serialization.load_pem_private_key(key_path(vectors, MAIN_PRIVATE).read_bytes(), None)
    public_path = str(key_path(vectors, MAIN_PUBLIC))
    for i in range(100):
        claims, options = random_claims(rng)
        # PyJWT's own defaults, any member order, iat and nbf included
        payload = {**spec_payload(claims, {"no_expiry": True}), "iat": NOW - 5, "nbf": NOW - 5, "exp": NOW + 300}
        items = list(payload.items())
        rng.shuffle(items)
        secret = jwt.encode(dict(items), pem, algorithm="RS256")
        out = cli.run("verify", "--public-key", public_path, "--now", str(NOW), secret)
        assert out.returncode == 0, (i, out.stderr)
        verified = json.loads(out.stdout)
        assert verified["customer_id"] == claims["customer_id"]
        assert verified["workspace_id"] == claims["workspace_id"].lower()
        assert verified["name"] == claims.get("name")
        assert verified["kind"] == ("renew" if "integration_id" in claims else "connect")
        assert (verified["expires_at"], verified["issued_at"], verified["not_before"]) == (NOW + 300, NOW - 5, NOW - 5)


@pytest.mark.parametrize("algorithm", ["HS256", "RS384", "RS512", "PS256"])
def test_pyjwt_secrets_of_other_algorithms_are_refused(cli: Cli, vectors: dict[str, Any], algorithm: str) -> None:
    pem = key_path(vectors, MAIN_PRIVATE).read_text()
    key: Any = key_path(vectors, MAIN_PUBLIC).read_text() if algorithm == "HS256" else pem
    payload = {"customer_id": "c1", "workspace_id": "11111111-2222-3333-aaaa-eeeeeeeeeeee"}
    if algorithm == "HS256":
        # PyJWT itself refuses a PEM as an HMAC key; forge the classic confusion by hand.
        import base64
        import hashlib
        import hmac
        def b64(data: bytes) -> str:
            return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
        header = b64(b'{"alg":"HS256","typ":"JWT"}')
        signing_input = f"{header}.{b64(json.dumps(payload).encode())}"
        secret = f"{signing_input}.{b64(hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest())}"
    else:
        secret = jwt.encode(payload, key, algorithm=algorithm)
    out = cli.run("verify", "--public-key", str(key_path(vectors, MAIN_PUBLIC)), secret)
    assert out.returncode == 1
    assert out.stderr.startswith("error: UNSUPPORTED_ALGORITHM:"), out.stderr
