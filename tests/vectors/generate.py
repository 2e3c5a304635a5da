#!/usr/bin/env python3
"""Writes tests/vectors/secrets.json, the conformance vectors every front end runs.

Expected secrets come from PyJWT (the external reference the spec names), expected fingerprints from
an RFC 7638 computation written here over `cryptography`'s key numbers, and hostile secrets are signed
directly with `cryptography`. Nothing here calls this project's code. Expected errors are written by hand
from the contract, docs/format.md. Also writes tests/vectors/misuse.json (options, environment and key-text
misuse, see misuse_cases()).

    pip install -r tests/requirements.txt
    python3 tests/vectors/generate.py
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import cryptography
import jwt
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

HERE = Path(__file__).resolve().parent
KEYS = HERE / "keys"
NOW = 1732752000  # 2024-11-28T00:00:00Z: every case runs at this fixed clock
WS = "11111111-2222-3333-aaaa-eeeeeeeeeeee"
INTEGRATION = "99999999-8888-4777-a666-555555555555"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def uint_b64(value: int) -> str:
    return b64(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def thumbprint(public: rsa.RSAPublicKey) -> str:
    """RFC 7638: SHA-256 over the required members in lexicographic order, no white space."""
    numbers = public.public_numbers()
    canonical = json.dumps({"e": uint_b64(numbers.e), "kty": "RSA", "n": uint_b64(numbers.n)},
                           separators=(",", ":"), sort_keys=True)
    return b64(hashlib.sha256(canonical.encode()).digest())


def jwk(public: rsa.RSAPublicKey, kid: str | None) -> dict[str, str]:
    numbers = public.public_numbers()
    key = {"kty": "RSA", "n": uint_b64(numbers.n), "e": uint_b64(numbers.e)}
    if kid is not None:
        key["kid"] = kid
    return key


def read(name: str) -> bytes:
    return (KEYS / name).read_bytes()


MAIN = serialization.load_pem_private_key(read("TEST-ONLY-main-private-pkcs8.pem"), None)
OTHER = serialization.load_pem_private_key(read("TEST-ONLY-other-private-pkcs8.pem"), None)
RSA4096 = serialization.load_pem_private_key(read("TEST-ONLY-rsa4096-private.pem"), None)
assert isinstance(MAIN, rsa.RSAPrivateKey) and isinstance(OTHER, rsa.RSAPrivateKey)
assert isinstance(RSA4096, rsa.RSAPrivateKey)
MAIN_PEM = read("TEST-ONLY-main-private-pkcs8.pem").decode()
MAIN_FP = thumbprint(MAIN.public_key())
OTHER_FP = thumbprint(OTHER.public_key())


def write_json_keys() -> None:
    """The JWK files, derived from the PEM keys."""
    files = {
        "TEST-ONLY-main-public-jwk.json": jwk(MAIN.public_key(), "main-2026"),
        "TEST-ONLY-rotation-jwks.json": {"keys": [jwk(OTHER.public_key(), "other-2026"),
                                                  jwk(MAIN.public_key(), "main-2026")]},
        "TEST-ONLY-empty-jwks.json": {"keys": []},
        "TEST-ONLY-duplicate-kid-jwks.json": {"keys": [jwk(MAIN.public_key(), "same"),
                                                       jwk(OTHER.public_key(), "same")]},
    }
    ec_public = ec.derive_private_key(7, ec.SECP256R1()).public_key().public_numbers()
    files["TEST-ONLY-ec-public-jwk.json"] = {
        "kty": "EC", "crv": "P-256", "x": uint_b64(ec_public.x), "y": uint_b64(ec_public.y)}
    for name, value in files.items():
        (KEYS / name).write_text(json.dumps(value, indent=2) + "\n")
    (KEYS / "TEST-ONLY-not-a-key.txt").write_text("this is not a key\n")


KEY_FILES: dict[str, tuple[str, str | None]] = {
    # name: (file, fingerprint when usable)
    "main_private_pkcs8": ("TEST-ONLY-main-private-pkcs8.pem", MAIN_FP),
    "main_private_pkcs1": ("TEST-ONLY-main-private-pkcs1.pem", MAIN_FP),
    "main_public_spki": ("TEST-ONLY-main-public-spki.pem", MAIN_FP),
    "main_public_pkcs1": ("TEST-ONLY-main-public-pkcs1.pem", MAIN_FP),
    "main_certificate": ("TEST-ONLY-main-certificate.pem", MAIN_FP),
    "main_public_jwk": ("TEST-ONLY-main-public-jwk.json", MAIN_FP),
    "main_private_encrypted": ("TEST-ONLY-main-private-encrypted.pem", None),
    "other_private_pkcs8": ("TEST-ONLY-other-private-pkcs8.pem", OTHER_FP),
    "other_public_spki": ("TEST-ONLY-other-public-spki.pem", OTHER_FP),
    "rotation_jwks": ("TEST-ONLY-rotation-jwks.json", None),
    "empty_jwks": ("TEST-ONLY-empty-jwks.json", None),
    "duplicate_kid_jwks": ("TEST-ONLY-duplicate-kid-jwks.json", None),
    "ec_public_jwk": ("TEST-ONLY-ec-public-jwk.json", None),
    "rsa4096_private": ("TEST-ONLY-rsa4096-private.pem", thumbprint(RSA4096.public_key())),
    "rsa1024_private": ("TEST-ONLY-rsa1024-private.pem", None),
    "rsapss_private": ("TEST-ONLY-rsapss-private.pem", None),
    "ec_p256_private": ("TEST-ONLY-ec-p256-private.pem", None),
    "ed25519_private": ("TEST-ONLY-ed25519-private.pem", None),
    "two_private_keys": ("TEST-ONLY-two-private-keys.pem", None),
    "not_a_key": ("TEST-ONLY-not-a-key.txt", None),
}


# ---------------------------------------------------------------------------------------------- mint

DEFAULT_EXPIRES_IN = 3600  # spec section 3: a secret expires in one hour when the caller says nothing
MAX_EXPIRES_IN = 31536000
MAX_NUMERIC_DATE = 253402300799  # 9999-12-31T23:59:59Z
MAX_LEEWAY = 3600


def expiry_of(options: dict[str, Any]) -> str:
    """Which expiry a case asks for: "none", "expires_at", "expires_in" or "default"."""
    if options.get("no_expiry"):
        return "none"
    if "expires_at" in options:
        return "expires_at"
    if "expires_in" in options:
        return "expires_in"
    return "default"


def exp_of(options: dict[str, Any]) -> int | None:
    """The exp the spec writes for these options (None: no exp)."""
    expiry = expiry_of(options)
    if expiry == "none":
        return None
    if expiry == "expires_at":
        return int(options["expires_at"])
    return int(options["now"] + options.get("expires_in", DEFAULT_EXPIRES_IN))


def payload_of(claims: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """The payload in the spec's member order, UUIDs lowercased, exp unless no expiry is asked."""
    payload: dict[str, Any] = {"customer_id": claims["customer_id"],
                               "workspace_id": claims["workspace_id"].lower()}
    if "name" in claims:
        payload["name"] = claims["name"]
    if "integration_id" in claims:
        payload["integration_id"] = claims["integration_id"].lower()
    exp = exp_of(options)
    if exp is not None:
        payload["exp"] = exp
    return payload


def pyjwt_secret(key_pem: str, claims: dict[str, Any], options: dict[str, Any]) -> str:
    headers = {"kid": options["key_id"]} if "key_id" in options else None
    return jwt.encode(payload_of(claims, options), key_pem, algorithm="RS256", headers=headers)


mint: list[dict[str, Any]] = []


def valid_mint(id: str, comment: str, flags: list[str], claims: dict[str, Any],
               options: dict[str, Any] | None = None, key: str = "main_private_pkcs8") -> None:
    """Without options, the default expiry at the fixed clock."""
    options = {"now": NOW} if options is None else options
    assert "now" in options or options.get("no_expiry"), id
    kind = "renew" if "integration_id" in claims else "connect"
    secret = pyjwt_secret(read(KEY_FILES[key][0]).decode(), claims, options)
    mint.append({"id": id, "comment": comment, "flags": [kind, *flags], "key": key, "kind": kind,
                 "claims": claims, "expiry": expiry_of(options), "options": options, "result": "valid",
                 "secret": secret, "expires_at": exp_of(options)})


def invalid_mint(id: str, comment: str, claims: dict[str, Any], error: str, reason: str,
                 options: dict[str, Any] | None = None, kind: str | None = None) -> None:
    options = {"now": NOW} if options is None else options
    kind = kind or ("renew" if "integration_id" in claims else "connect")
    mint.append({"id": id, "comment": comment, "flags": [kind, "invalid-input"],
                 "key": "main_private_pkcs8", "kind": kind, "claims": claims, "expiry": expiry_of(options),
                 "options": options, "result": "invalid", "error": error, "reason": reason})


def minted_exp(id: str) -> int | None:
    return next(case["expires_at"] for case in mint if case["id"] == id)


def base(**extra: Any) -> dict[str, Any]:
    return {"customer_id": "customer1234", "workspace_id": WS, **extra}


def mint_cases() -> None:
    valid_mint("connect-minimal", "the two required claims only, no expiry asked for explicitly: the bytes of "
               "the documented PyJWT snippet", ["no-expiry"], base(), {"no_expiry": True})
    valid_mint("connect-default-expiry", "nothing said about expiry: exp = now + 3600",
               ["exp", "default-expiry"], base())
    valid_mint("connect-no-expiry-with-now", "no expiry with an explicit clock: still no exp",
               ["no-expiry"], base(), {"no_expiry": True, "now": NOW})
    valid_mint("connect-expires-at", "an absolute expires_at writes exp as given (the bytes of connect-exp)",
               ["exp", "expires-at"], base(), {"expires_at": NOW + 600, "now": NOW})
    valid_mint("connect-expires-at-next-second", "expires_at one second after now",
               ["exp", "expires-at", "limits"], base(), {"expires_at": NOW + 1, "now": NOW})
    valid_mint("connect-expires-at-max", "expires_at exactly a year ahead",
               ["exp", "expires-at", "limits"], base(), {"expires_at": NOW + MAX_EXPIRES_IN, "now": NOW})
    valid_mint("connect-expires-in-min", "the shortest lifetime, 1 s",
               ["exp", "limits"], base(), {"expires_in": 1, "now": NOW})
    valid_mint("connect-now-epoch", "now at the epoch, default expiry",
               ["exp", "limits"], base(), {"now": 0})
    valid_mint("connect-exp-last-numeric-date", "exp on the last NumericDate, 9999-12-31T23:59:59Z",
               ["exp", "limits"], base(), {"expires_in": 3600, "now": MAX_NUMERIC_DATE - 3600})
    valid_mint("renew-no-expiry", "a renew secret without expiry",
               ["no-expiry"], base(integration_id=INTEGRATION), {"no_expiry": True})
    valid_mint("connect-name-ascii", "an ASCII name", ["name"], base(name="optional name"))
    valid_mint("connect-name-quotes-backslashes", "quotes and backslashes are escaped, '/' is not",
               ["name", "escaping"], base(name='Zoe "the boss" \\ admin/owner'))
    valid_mint("connect-name-non-ascii", "BMP characters become lowercase \\uXXXX escapes",
               ["name", "escaping", "non-ascii"], base(name="Zoë Ünïcødé 日本語 Ω"))
    valid_mint("connect-name-astral", "characters beyond U+FFFF become UTF-16 surrogate pairs",
               ["name", "escaping", "astral"], base(name="rocket 🚀 and grin 😀"))
    valid_mint("connect-name-separators", "U+2028, U+00A0 and U+FEFF are not Cc: allowed, escaped",
               ["name", "escaping"], base(name="a\u2028b\u00a0c\ufeffd"))
    valid_mint("connect-name-max-length", "255 astral characters is the longest name",
               ["name", "limits"], base(name="😀" * 255))
    valid_mint("connect-customer-max-length", "255 letters and digits is the longest customer_id",
               ["limits"], base(customer_id="a1" * 127 + "Z"))
    valid_mint("connect-uppercase-workspace", "an uppercase UUID is accepted and written lowercase",
               ["uuid-case"], {"customer_id": "customer1234", "workspace_id": WS.upper()})
    valid_mint("connect-exp", "expires_in writes exp = now + expires_in",
               ["exp"], base(), {"expires_in": 600, "now": NOW})
    valid_mint("connect-exp-max", "the longest lifetime, 365 days",
               ["exp", "limits"], base(), {"expires_in": 31536000, "now": NOW})
    valid_mint("connect-kid", "a key id goes in the header, members sorted: alg, kid, typ",
               ["kid"], base(), {"key_id": "main-2026", "now": NOW})
    valid_mint("connect-kid-non-ascii", "a key id is escaped like any string",
               ["kid", "escaping"], base(), {"key_id": "clé \"1\"", "now": NOW})
    valid_mint("connect-everything", "name, exp and kid together",
               ["name", "exp", "kid"], base(name="Ada Lovelace"),
               {"expires_in": 3600, "now": NOW, "key_id": "main-2026"})
    valid_mint("connect-pkcs1-key", "the PKCS#1 form of the key signs the same bytes",
               ["pkcs1"], base(), key="main_private_pkcs1")
    valid_mint("connect-rsa4096", "a 4096-bit key", ["rsa4096"], base(name="big key"),
               key="rsa4096_private")
    valid_mint("renew-minimal", "a renew secret: integration_id after the connect claims",
               [], base(integration_id=INTEGRATION))
    valid_mint("renew-name", "name comes before integration_id",
               ["name"], base(name="optional name", integration_id=INTEGRATION))
    valid_mint("renew-uppercase-integration", "integration_id is written lowercase",
               ["uuid-case"], base(integration_id=INTEGRATION.upper()))
    valid_mint("renew-everything", "every claim and option",
               ["name", "exp", "kid"], base(name="Grace 😀", integration_id=INTEGRATION),
               {"expires_in": 600, "now": NOW, "key_id": "main-2026"})

    claim = "INVALID_CLAIM/"
    for id, value, reason in [
        ("empty", "", "empty"),
        ("underscore", "customer_1234", "invalid_character"),
        ("hyphen", "customer-1234", "invalid_character"),
        ("space", "customer 1234", "invalid_character"),
        ("non-ascii", "clïent", "invalid_character"),
        ("fullwidth-digit", "customer１", "invalid_character"),
        ("newline", "customer\n", "invalid_character"),
        ("too-long", "a" * 256, "too_long"),
    ]:
        invalid_mint(f"invalid-customer-id-{id}", f"customer_id {id}",
                     base(customer_id=value), claim + "customer_id", reason)
    for id, value, reason in [
        ("empty", "", "empty"),
        ("braces", "{" + WS + "}", "invalid_uuid"),
        ("urn", "urn:uuid:" + WS, "invalid_uuid"),
        ("32-hex", WS.replace("-", ""), "invalid_uuid"),
        ("not-hex", WS[:-1] + "g", "invalid_uuid"),
        ("short", WS[:-1], "invalid_uuid"),
        ("trailing-space", WS + " ", "invalid_uuid"),
        ("misplaced-hyphen", "1111111-12222-3333-aaaa-eeeeeeeeeeee", "invalid_uuid"),
    ]:
        invalid_mint(f"invalid-workspace-id-{id}", f"workspace_id {id}",
                     base(workspace_id=value), claim + "workspace_id", reason)
    invalid_mint("invalid-integration-id", "integration_id must be a UUID",
                 base(integration_id="integration-1"), claim + "integration_id", "invalid_uuid")
    invalid_mint("invalid-integration-id-empty", "integration_id must not be empty",
                 base(integration_id=""), claim + "integration_id", "empty")
    for id, value, reason in [
        ("empty", "", "empty"),
        ("blank", " \u3000 ", "blank"),
        ("newline", "line\nbreak", "invalid_character"),
        ("tab", "a\tb", "invalid_character"),
        ("nul", "a\u0000b", "invalid_character"),
        ("del", "a\u007fb", "invalid_character"),
        ("c1-control", "a\u0085b", "invalid_character"),
        ("too-long", "😀" * 256, "too_long"),
    ]:
        invalid_mint(f"invalid-name-{id}", f"name {id}", base(name=value), claim + "name", reason)
    for id, value in [("zero", 0), ("negative", -1), ("over-a-year", 31536001)]:
        invalid_mint(f"invalid-expires-in-{id}", f"expires_in {id}", base(),
                     claim + "expires_in", "out_of_range", {"expires_in": value, "now": NOW})
    invalid_mint("invalid-now-negative", "now before the epoch", base(), claim + "now",
                 "out_of_range", {"expires_in": 60, "now": -1})
    invalid_mint("invalid-now-negative-no-expiry", "now is checked also without expiry", base(), claim + "now",
                 "out_of_range", {"no_expiry": True, "now": -1})
    invalid_mint("invalid-now-after-9999", "now after the last NumericDate", base(), claim + "now",
                 "out_of_range", {"now": MAX_NUMERIC_DATE + 1})
    invalid_mint("invalid-exp-after-9999", "now + the default hour after the last NumericDate", base(),
                 claim + "exp", "out_of_range", {"now": MAX_NUMERIC_DATE - 10})
    for id, value in [("now", NOW), ("past", NOW - 1), ("over-a-year", NOW + MAX_EXPIRES_IN + 1),
                      ("negative", -1), ("after-9999", MAX_NUMERIC_DATE + 1)]:
        invalid_mint(f"invalid-expires-at-{id}", f"expires_at {id}", base(),
                     claim + "expires_at", "out_of_range", {"expires_at": value, "now": NOW})
    invalid_mint("invalid-key-id-empty", "an empty key id", base(), claim + "kid", "empty",
                 {"key_id": "", "now": NOW})
    invalid_mint("invalid-key-id-control", "a key id with a control character", base(),
                 claim + "kid", "invalid_character", {"key_id": "k\n1", "now": NOW})


# -------------------------------------------------------------------------------------------- verify

verify: list[dict[str, Any]] = []


def signed(header: Any, payload: Any, key: rsa.RSAPrivateKey = MAIN, raw: bool = False) -> str:
    """A secret signed with `key` over any header and payload (dicts are written compactly)."""
    def part(value: Any) -> str:
        if isinstance(value, bytes):
            return b64(value)
        return b64(json.dumps(value, separators=(",", ":")).encode())
    signing_input = f"{part(header)}.{part(payload)}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64(signature)}"


RS256 = {"alg": "RS256", "typ": "JWT"}


def claims_of(kind: str = "connect", customer_id: str = "customer1234", workspace_id: str = WS,
              name: str | None = None, integration_id: str | None = None, expires_at: int | None = None,
              issued_at: int | None = None, not_before: int | None = None, key_id: str | None = None,
              fingerprint: str = MAIN_FP) -> dict[str, Any]:
    return {"kind": kind, "customer_id": customer_id, "workspace_id": workspace_id, "name": name,
            "integration_id": integration_id, "expires_at": expires_at, "issued_at": issued_at,
            "not_before": not_before, "key_id": key_id, "fingerprint": fingerprint}


def valid_verify(id: str, comment: str, flags: list[str], secret: str, claims: dict[str, Any],
                 keys: list[str] | None = None, **options: Any) -> None:
    verify.append({"id": id, "comment": comment, "flags": flags, "keys": keys or ["main_public_spki"],
                   "secret": secret, "options": {"now": NOW, **options}, "result": "valid",
                   "claims": claims})


def invalid_verify(id: str, comment: str, flags: list[str], secret: str, error: str,
                   keys: list[str] | None = None, reason: str | None = None, **options: Any) -> None:
    case = {"id": id, "comment": comment, "flags": flags, "keys": keys or ["main_public_spki"],
            "secret": secret, "options": {"now": NOW, **options}, "result": "invalid", "error": error}
    if reason is not None:
        case["reason"] = reason
    verify.append(case)


def minted(id: str) -> str:
    return next(case["secret"] for case in mint if case["id"] == id)


def pyjwt(payload: dict[str, Any], key: rsa.RSAPrivateKey = MAIN, **headers: Any) -> str:
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return jwt.encode(payload, pem, algorithm="RS256", headers=headers or None)


def flip(secret: str, part: int) -> str:
    """Re-encodes one part with a changed byte, keeping the base64url canonical."""
    parts = secret.split(".")
    raw = bytearray(base64.urlsafe_b64decode(parts[part] + "=" * (-len(parts[part]) % 4)))
    raw[len(raw) // 2] ^= 0x01
    parts[part] = b64(bytes(raw))
    return ".".join(parts)


def verify_cases() -> None:
    connect = {"customer_id": "customer1234", "workspace_id": WS}
    # -- accepted
    valid_verify("valid-connect-minimal", "a minimal connect secret", ["connect"],
                 minted("connect-minimal"), claims_of())
    valid_verify("valid-connect-name-astral", "a name with astral characters",
                 ["connect", "name"], minted("connect-name-astral"),
                 claims_of(name="rocket 🚀 and grin 😀", expires_at=minted_exp("connect-name-astral")))
    valid_verify("valid-renew", "a renew secret", ["renew"], minted("renew-name"),
                 claims_of("renew", name="optional name", integration_id=INTEGRATION,
                           expires_at=minted_exp("renew-name")))
    valid_verify("valid-default-expiry", "a secret minted with the default expiry, verified at once",
                 ["exp", "default-expiry"], minted("connect-default-expiry"), claims_of(expires_at=NOW + 3600))
    valid_verify("valid-default-expiry-last-second", "the default-expiry secret 3659 s later, inside the leeway",
                 ["exp", "default-expiry", "leeway"], minted("connect-default-expiry"),
                 claims_of(expires_at=NOW + 3600), now=NOW + 3659)
    valid_verify("valid-exp-max-leeway", "exp 3599 s ago with the largest leeway, 3600 s",
                 ["exp", "leeway", "limits"], pyjwt({**connect, "exp": NOW - 3599}),
                 claims_of(expires_at=NOW - 3599), leeway=MAX_LEEWAY)
    valid_verify("valid-numeric-date-limits", "exp on the last NumericDate, nbf and iat at the epoch",
                 ["exp", "nbf", "iat", "limits"], pyjwt({**connect, "exp": MAX_NUMERIC_DATE, "nbf": 0, "iat": 0}),
                 claims_of(expires_at=MAX_NUMERIC_DATE, not_before=0, issued_at=0))
    valid_verify("valid-exp-future", "exp in the future", ["exp"], minted("connect-exp"),
                 claims_of(expires_at=NOW + 600))
    valid_verify("valid-exp-within-leeway", "exp 59 s ago, inside the default 60 s leeway",
                 ["exp", "leeway"], pyjwt({**connect, "exp": NOW - 59}), claims_of(expires_at=NOW - 59))
    valid_verify("valid-exp-custom-leeway", "exp 200 s ago with a 300 s leeway",
                 ["exp", "leeway"], pyjwt({**connect, "exp": NOW - 200}),
                 claims_of(expires_at=NOW - 200), leeway=300)
    valid_verify("valid-nbf-within-leeway", "nbf 60 s ahead, inside the leeway",
                 ["nbf", "leeway"], pyjwt({**connect, "nbf": NOW + 60}), claims_of(not_before=NOW + 60))
    valid_verify("valid-iat-accepted", "iat is accepted (never written by us)",
                 ["iat"], pyjwt({**connect, "iat": NOW - 10}), claims_of(issued_at=NOW - 10))
    valid_verify("valid-iat-in-future", "an iat ahead of the clock is not a reason to refuse",
                 ["iat"], pyjwt({**connect, "iat": NOW + 3600}), claims_of(issued_at=NOW + 3600))
    valid_verify("valid-kid-jwks-main", "a kid selects the matching key of a JWK Set",
                 ["kid", "jwks"], minted("connect-kid"), claims_of(key_id="main-2026", expires_at=minted_exp("connect-kid")),
                 keys=["rotation_jwks"])
    valid_verify("valid-kid-jwks-other", "the other key of the set",
                 ["kid", "jwks"], pyjwt(connect, OTHER, kid="other-2026"),
                 claims_of(key_id="other-2026", fingerprint=OTHER_FP), keys=["rotation_jwks"])
    valid_verify("valid-no-kid-several-keys", "without kid, each key is tried",
                 ["rotation"], minted("connect-minimal"), claims_of(),
                 keys=["other_public_spki", "main_public_spki"])
    valid_verify("valid-no-kid-jwks", "without kid, each key of a JWK Set is tried",
                 ["rotation", "jwks"], minted("connect-minimal"), claims_of(), keys=["rotation_jwks"])
    valid_verify("valid-uppercase-uuids", "UUIDs in any case come back lowercase",
                 ["uuid-case"], pyjwt({"customer_id": "c1", "workspace_id": WS.upper(),
                                      "integration_id": INTEGRATION.upper()}),
                 claims_of("renew", customer_id="c1", integration_id=INTEGRATION))
    valid_verify("valid-json-whitespace", "white space inside the JSON is not an error",
                 ["json"], signed({"alg": "RS256", "typ": "JWT"},
                                  b'{ "customer_id" : "customer1234",\n "workspace_id": "' + WS.encode() + b'" }'),
                 claims_of())
    valid_verify("valid-no-typ", "typ is optional", ["header"],
                 signed({"alg": "RS256"}, connect), claims_of())
    valid_verify("valid-expect-connect", "a connect secret where one is expected", ["expect"],
                 minted("connect-minimal"), claims_of(), expect="connect")
    valid_verify("valid-expect-renew", "a renew secret where one is expected", ["expect"],
                 minted("renew-minimal"), claims_of("renew", integration_id=INTEGRATION,
                                                    expires_at=minted_exp("renew-minimal")),
                 expect="renew")
    for key in ["main_public_pkcs1", "main_certificate", "main_private_pkcs8", "main_public_jwk"]:
        valid_verify(f"valid-key-form-{key}", f"verified with {key}", ["key-form"],
                     minted("connect-minimal"), claims_of(), keys=[key])
    valid_verify("valid-rsa4096", "a 4096-bit key", ["rsa4096"], minted("connect-rsa4096"),
                 claims_of(name="big key", fingerprint=KEY_FILES["rsa4096_private"][1] or "",
                           expires_at=minted_exp("connect-rsa4096")),
                 keys=["rsa4096_private"])
    valid_verify("valid-every-claim", "every claim", ["renew", "exp", "kid"],
                 minted("renew-everything"),
                 claims_of("renew", name="Grace 😀", integration_id=INTEGRATION, expires_at=NOW + 600,
                           key_id="main-2026"), keys=["main_public_jwk"])

    # -- time
    invalid_verify("expired-past-leeway", "exp 60 s ago: now >= exp + leeway", ["exp"],
                   pyjwt({**connect, "exp": NOW - 60}), "EXPIRED")
    invalid_verify("expired-zero-leeway", "exp == now with no leeway", ["exp", "leeway"],
                   pyjwt({**connect, "exp": NOW}), "EXPIRED", leeway=0)
    invalid_verify("expired-default-expiry", "the default-expiry secret an hour and a minute later", ["exp", "default-expiry"],
                   minted("connect-default-expiry"), "EXPIRED", now=NOW + 3660)
    invalid_verify("expired-long-ago", "exp a day ago", ["exp"], minted("connect-exp"), "EXPIRED",
                   now=NOW + 86400)
    invalid_verify("not-yet-valid", "nbf 61 s ahead", ["nbf"],
                   pyjwt({**connect, "nbf": NOW + 61}), "NOT_YET_VALID")
    invalid_verify("not-yet-valid-zero-leeway", "nbf 1 s ahead, no leeway", ["nbf", "leeway"],
                   pyjwt({**connect, "nbf": NOW + 1}), "NOT_YET_VALID", leeway=0)

    # -- signature
    good = minted("connect-minimal")
    invalid_verify("bad-signature-wrong-key", "signed by another key", ["signature"],
                   pyjwt(connect, OTHER), "BAD_SIGNATURE")
    invalid_verify("bad-signature-tampered-payload", "one payload byte changed", ["signature", "tamper"],
                   flip(good, 1), "BAD_SIGNATURE")
    invalid_verify("bad-signature-tampered-signature", "one signature byte changed",
                   ["signature", "tamper"], flip(good, 2), "BAD_SIGNATURE")
    invalid_verify("bad-signature-swapped-payload", "another secret's payload",
                   ["signature", "tamper"],
                   ".".join([good.split(".")[0], minted("renew-minimal").split(".")[1], good.split(".")[2]]),
                   "BAD_SIGNATURE")
    sig = base64.urlsafe_b64decode(good.split(".")[2] + "==")
    head = good.rsplit(".", 1)[0]
    for id, raw in [("empty", b""), ("one-byte", b"\x01"), ("short", sig[:-1]), ("long", sig + b"\x00"),
                    ("zeros", bytes(len(sig))), ("all-ones", b"\xff" * len(sig))]:
        invalid_verify(f"bad-signature-{id}", f"a signature of the wrong length or value ({id})",
                       ["signature"], f"{head}.{b64(raw)}", "BAD_SIGNATURE")
    n = MAIN.public_key().public_numbers().n
    for id, value in [("n", n), ("n-minus-1", n - 1), ("zero-int", 0), ("one-int", 1)]:
        invalid_verify(f"bad-signature-value-{id}", f"signature integer {id}", ["signature"],
                       f"{head}.{b64(value.to_bytes(256, 'big'))}", "BAD_SIGNATURE")
    invalid_verify("bad-signature-other-key-with-kid", "kid selects a key, which does not match",
                   ["signature", "kid"], pyjwt(connect, OTHER, kid="main-2026"), "BAD_SIGNATURE",
                   keys=["rotation_jwks"])
    invalid_verify("unknown-key-kid", "a kid no key has", ["kid"],
                   pyjwt(connect, kid="retired-2020"), "UNKNOWN_KEY", keys=["rotation_jwks"])
    invalid_verify("unknown-key-kid-no-ids", "a kid where no key has an id", ["kid"],
                   minted("connect-kid"), "UNKNOWN_KEY")

    # -- algorithm (refused before any key is touched)
    public_pem = read("TEST-ONLY-main-public-spki.pem")
    def unsigned(alg: Any) -> str:
        return f"{b64(json.dumps({'alg': alg, 'typ': 'JWT'}, separators=(',', ':')).encode())}.{b64(json.dumps(connect).encode())}."
    for spelling in ["none", "None", "NONE", "nOnE"]:
        invalid_verify(f"alg-{spelling}", f"alg {spelling}, no signature", ["alg", "alg-none"],
                       unsigned(spelling), "UNSUPPORTED_ALGORITHM")
    hs_input = f"{b64(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')).encode())}.{b64(json.dumps(connect).encode())}"
    invalid_verify("alg-hs256-public-key-as-secret", "HMAC keyed with the public key PEM (key confusion)",
                   ["alg", "key-confusion"],
                   f"{hs_input}.{b64(hmac.new(public_pem, hs_input.encode(), hashlib.sha256).digest())}",
                   "UNSUPPORTED_ALGORITHM")
    for alg in ["RS384", "RS512", "PS256", "ES256", "EdDSA", "rs256", "RS256 ", ""]:
        invalid_verify(f"alg-other-{alg.strip().lower() or 'empty'}{'-space' if alg.endswith(' ') else ''}",
                       f"alg {alg!r}", ["alg"], signed({"alg": alg, "typ": "JWT"}, connect),
                       "UNSUPPORTED_ALGORITHM")
    invalid_verify("alg-number", "alg as a number", ["alg"], signed({"alg": 256}, connect),
                   "UNSUPPORTED_ALGORITHM")
    invalid_verify("alg-null", "alg null", ["alg"], signed({"alg": None}, connect), "UNSUPPORTED_ALGORITHM")

    # -- shape and base64url
    for id, secret in [
        ("empty", ""),
        ("one-part", good.replace(".", "")),
        ("two-parts", good.rsplit(".", 1)[0]),
        ("four-parts", good + ".AAAA"),
        ("five-parts", good + ".AAAA.AAAA"),
        ("padding", good + "=="),
        ("padding-header", good.split(".")[0] + "=." + ".".join(good.split(".")[1:])),
        ("standard-alphabet", good.replace("-", "+").replace("_", "/") if ("-" in good or "_" in good) else good[:-1] + "+"),
        ("leading-space", " " + good),
        ("trailing-newline", good + "\n"),
        ("inner-space", good[:20] + " " + good[20:]),
        ("non-canonical-trailing-bits", non_canonical(good)),
        ("too-long", good.split(".")[0] + "." + "A" * 8192 + "." + good.split(".")[2]),
        ("non-ascii", good.split(".")[0] + ".é." + good.split(".")[2]),
    ]:
        invalid_verify(f"malformed-{id}", f"malformed: {id}", ["shape"], secret, "MALFORMED_SECRET")
    for id, header in [
        ("not-json", b"not json"),
        ("array", b'["RS256"]'),
        ("duplicate-alg", b'{"alg":"RS256","alg":"RS256"}'),
        ("duplicate-alg-escaped", b'{"alg":"RS256","\\u0061lg":"RS256"}'),
        ("crit", b'{"alg":"RS256","crit":["exp"],"exp":1}'),
        ("jwk", json.dumps({"alg": "RS256", "jwk": jwk(MAIN.public_key(), None)}).encode()),
        ("jku", b'{"alg":"RS256","jku":"https://attacker.example/jwks.json"}'),
        ("x5u", b'{"alg":"RS256","x5u":"https://attacker.example/cert.pem"}'),
        ("x5c", b'{"alg":"RS256","x5c":["MIIB"]}'),
        ("enc", b'{"alg":"RS256","enc":"A256GCM"}'),
        ("cty", b'{"alg":"RS256","cty":"JWT"}'),
        ("typ-other", b'{"alg":"RS256","typ":"at+jwt"}'),
        ("typ-number", b'{"alg":"RS256","typ":1}'),
        ("kid-number", b'{"alg":"RS256","kid":1}'),
        ("no-alg", b'{"typ":"JWT"}'),
        ("bom", b'\xef\xbb\xbf{"alg":"RS256"}'),
    ]:
        invalid_verify(f"malformed-header-{id}", f"header: {id}", ["header"], signed(header, connect),
                       "MALFORMED_SECRET")
    for id, payload in [
        ("not-json", b"customer1234"),
        ("array", b'["customer1234"]'),
        ("bom", b'\xef\xbb\xbf' + json.dumps(connect).encode()),
        ("utf16", json.dumps(connect).encode("utf-16")),
        ("invalid-utf8", b'{"customer_id":"customer1234","workspace_id":"' + WS.encode() + b'","name":"\xff"}'),
        ("duplicate-customer-id", b'{"customer_id":"a1","customer_id":"customer1234","workspace_id":"' + WS.encode() + b'"}'),
        ("duplicate-escaped", b'{"customer_id":"customer1234","customer\\u005fid":"evil","workspace_id":"' + WS.encode() + b'"}'),
        ("lone-surrogate", b'{"customer_id":"customer1234","workspace_id":"' + WS.encode() + b'","name":"\\ud800"}'),
        ("deep-nesting", b'{"customer_id":"customer1234","workspace_id":"' + WS.encode() + b'","name":' + b"[" * 200 + b"]" * 200 + b"}"),
        ("trailing-data", json.dumps(connect).encode() + b"{}"),
    ]:
        invalid_verify(f"malformed-payload-{id}", f"payload: {id} (correctly signed)", ["payload"],
                       signed(RS256, payload), "MALFORMED_SECRET")

    # -- claims (correctly signed)
    def claim_case(id: str, payload: Any, claim: str, reason: str, **options: Any) -> None:
        invalid_verify(f"invalid-claim-{id}", f"claim: {id} (correctly signed)", ["claims"],
                       signed(RS256, payload), f"INVALID_CLAIM/{claim}", reason=reason, **options)
    claim_case("unknown", {**connect, "admin": True}, "admin", "unknown")
    claim_case("unknown-sub", {**connect, "sub": "x"}, "sub", "unknown")
    claim_case("missing-customer-id", {"workspace_id": WS}, "customer_id", "missing")
    claim_case("missing-workspace-id", {"customer_id": "c1"}, "workspace_id", "missing")
    claim_case("customer-id-number", {**connect, "customer_id": 1234}, "customer_id", "wrong_type")
    claim_case("customer-id-null", {**connect, "customer_id": None}, "customer_id", "wrong_type")
    claim_case("customer-id-underscore", {**connect, "customer_id": "customer_1234"}, "customer_id",
               "invalid_character")
    claim_case("customer-id-empty", {**connect, "customer_id": ""}, "customer_id", "empty")
    claim_case("workspace-id-braces", {**connect, "workspace_id": "{" + WS + "}"}, "workspace_id",
               "invalid_uuid")
    claim_case("name-control", {**connect, "name": "a\nb"}, "name", "invalid_character")
    claim_case("name-blank", {**connect, "name": "   "}, "name", "blank")
    claim_case("name-too-long", {**connect, "name": "x" * 256}, "name", "too_long")
    claim_case("name-nested", {**connect, "name": [[["x"]]]}, "name", "wrong_type")
    claim_case("integration-id-bad", {**connect, "integration_id": "abc"}, "integration_id", "invalid_uuid")
    claim_case("exp-string", {**connect, "exp": str(NOW + 600)}, "exp", "wrong_type")
    claim_case("exp-float", {**connect, "exp": NOW + 600.5}, "exp", "wrong_type")
    claim_case("exp-null", {**connect, "exp": None}, "exp", "wrong_type")
    claim_case("exp-huge", {**connect, "exp": 2 ** 64}, "exp", "out_of_range")
    # NumericDates outside 0..=253402300799 (the epoch to 9999-12-31T23:59:59Z) are out of range, so every
    # binding can hold each accepted one in its date type.
    claim_case("exp-after-9999", {**connect, "exp": MAX_NUMERIC_DATE + 1}, "exp", "out_of_range")
    claim_case("exp-negative", {**connect, "exp": -1}, "exp", "out_of_range")
    claim_case("exp-i64-max", {**connect, "exp": 2 ** 63 - 1}, "exp", "out_of_range")
    claim_case("nbf-negative", {**connect, "nbf": -1}, "nbf", "out_of_range")
    claim_case("nbf-after-9999", {**connect, "nbf": MAX_NUMERIC_DATE + 1}, "nbf", "out_of_range")
    claim_case("iat-negative", {**connect, "iat": -1}, "iat", "out_of_range")
    claim_case("iat-after-9999", {**connect, "iat": MAX_NUMERIC_DATE + 1}, "iat", "out_of_range")
    claim_case("iat-string", {**connect, "iat": "now"}, "iat", "wrong_type")
    claim_case("nbf-bool", {**connect, "nbf": True}, "nbf", "wrong_type")
    invalid_verify("invalid-claim-expect-connect-got-renew", "a renew secret where a connect one is expected",
                   ["expect"], minted("renew-minimal"), "INVALID_CLAIM/integration_id",
                   reason="wrong_kind", expect="connect")
    invalid_verify("invalid-claim-expect-renew-got-connect", "a connect secret where a renew one is expected",
                   ["expect"], minted("connect-minimal"), "INVALID_CLAIM/integration_id",
                   reason="wrong_kind", expect="renew")


def non_canonical(secret: str) -> str:
    """The signature's last character changed so that its unused trailing bits are not zero."""
    rest, signature = secret.rsplit(".", 1)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    unused_bits = {2: 4, 3: 2}[len(signature) % 4]
    last = alphabet.index(signature[-1])
    return f"{rest}.{signature[:-1]}{alphabet[last | (1 << unused_bits) - 1]}"


# --------------------------------------------------------------------------------------- key loading

key_loading: list[dict[str, Any]] = []


def key_case(id: str, comment: str, role: str, key: str, error: str | None = None,
             transform: str | None = None, flags: list[str] | None = None) -> None:
    case: dict[str, Any] = {"id": id, "comment": comment, "flags": flags or [], "role": role, "key": key}
    if transform:
        case["transform"] = transform
    if error:
        case.update(result="invalid", error=error)
    else:
        fingerprint = KEY_FILES[key][1]
        assert fingerprint, key
        case.update(result="valid", fingerprint=fingerprint)
    key_loading.append(case)


def key_loading_cases() -> None:
    for key in ["main_private_pkcs8", "main_private_pkcs1", "rsa4096_private"]:
        key_case(f"signer-{key}", f"a signer from {key}", "signer", key)
    for transform in ["escaped_newlines", "double_escaped_newlines", "quoted", "crlf", "base64",
                      "surrounding_whitespace"]:
        key_case(f"signer-transform-{transform}", f"certificate text as env vars hold it: {transform}",
                 "signer", "main_private_pkcs8", transform=transform, flags=["normalisation"])
    key_case("signer-pkcs1-escaped", "PKCS#1 with escaped newlines", "signer", "main_private_pkcs1",
             transform="escaped_newlines", flags=["normalisation"])
    for key, error, comment in [
        ("rsa1024_private", "INVALID_KEY/too_small", "an RSA key under 2048 bits"),
        ("ec_p256_private", "INVALID_KEY/not_rsa", "an EC key"),
        ("ed25519_private", "INVALID_KEY/not_rsa", "an Ed25519 key"),
        ("rsapss_private", "INVALID_KEY/not_rsa", "an RSA-PSS-restricted key"),
        ("main_private_encrypted", "INVALID_KEY/encrypted", "an encrypted PKCS#8 key"),
        ("two_private_keys", "INVALID_KEY/multiple_keys", "two keys in one PEM"),
        ("main_public_spki", "INVALID_KEY/not_private", "a public key handed to the signer"),
        ("main_public_pkcs1", "INVALID_KEY/not_private", "a PKCS#1 public key handed to the signer"),
        ("main_certificate", "INVALID_KEY/not_private", "an X.509 certificate handed to the signer"),
        ("not_a_key", "INVALID_KEY/malformed", "text that is not a key"),
        ("main_public_jwk", "INVALID_KEY/malformed", "a JWK handed to the signer"),
    ]:
        key_case(f"signer-refuses-{key}", comment, "signer", key, error)
    for key in ["main_public_spki", "main_public_pkcs1", "main_certificate", "main_private_pkcs8",
                "main_private_pkcs1", "main_public_jwk", "other_public_spki"]:
        key_case(f"verifier-{key}", f"a verifier from {key}", "verifier", key)
    key_case("verifier-transform-escaped", "public key with escaped newlines", "verifier",
             "main_public_spki", transform="escaped_newlines", flags=["normalisation"])
    key_case("verifier-transform-base64", "base64-wrapped public key", "verifier",
             "main_public_spki", transform="base64", flags=["normalisation"])
    for key, error, comment in [
        ("rsa1024_private", "INVALID_KEY/too_small", "an RSA key under 2048 bits"),
        ("ec_p256_private", "INVALID_KEY/not_rsa", "an EC key"),
        ("ec_public_jwk", "INVALID_KEY/not_rsa", "an EC JWK"),
        ("main_private_encrypted", "INVALID_KEY/encrypted", "an encrypted key"),
        ("empty_jwks", "INVALID_KEY/no_key", "an empty JWK Set"),
        ("duplicate_kid_jwks", "INVALID_KEY/duplicate_key_id", "two keys with one kid"),
        ("not_a_key", "INVALID_KEY/malformed", "text that is not a key"),
    ]:
        key_case(f"verifier-refuses-{key}", comment, "verifier", key, error)


# -------------------------------------------------------------------------------------------- misuse

misuse: list[dict[str, Any]] = []
OTHER_WS = "11111111-2222-3333-aaaa-ffffffffffff"
CERT_ENV, WS_ENV, PUBLIC_ENV = "MUNITY_CERTIFICATE", "MUNITY_WORKSPACE_ID", "MUNITY_PUBLIC_KEY"


def misuse_case(id: str, comment: str, flags: list[str], entry: str, error: str | None = None,
                reason: str | None = None, float_only: bool = False, **fields: Any) -> None:
    """One case; `error` None means valid, with the expected results in fields."""
    case: dict[str, Any] = {"id": id, "comment": comment, "flags": flags, "entry": entry}
    expected = {k: fields.pop(k) for k in list(fields) if k.startswith("expect_")}
    case.update(fields)
    if float_only:
        case["float_only"] = True
    if error is None:
        assert expected, id
        case.update(result="valid", expected={k[len("expect_"):]: v for k, v in expected.items()})
    else:
        kind, _, detail = error.partition("/")
        case.update(result="invalid", error=error, kind=kind,
                    claim=detail if kind == "INVALID_CLAIM" else None, reason=reason)
        assert reason is not None or kind not in ("INVALID_CLAIM", "INVALID_KEY"), id
        if kind == "INVALID_KEY":
            assert reason == detail, id
    misuse.append(case)


def mint_misuse(id: str, comment: str, flags: list[str], options: dict[str, Any], error: str | None = None,
                reason: str | None = None, request: dict[str, Any] | None = None, bound: str | None = None,
                float_only: bool = False) -> None:
    request = {"customer_id": "customer1234", "workspace_id": WS} if request is None else request
    signer = {"key": "main_private_pkcs8", **({"workspace_id": bound} if bound else {})}
    expected: dict[str, Any] = {}
    if error is None:
        claims = {**request, "workspace_id": request.get("workspace_id", bound)}
        expected = {"expect_secret": pyjwt_secret(MAIN_PEM, claims, options),
                    "expect_kind": "renew" if "integration_id" in request else "connect",
                    "expect_expires_at": exp_of(options)}
    misuse_case(id, comment, ["mint", *flags], "mint", error, reason, float_only, signer=signer,
                request=request, options=options, **expected)


def verify_misuse(id: str, comment: str, flags: list[str], options: dict[str, Any], error: str | None = None,
                  reason: str | None = None, secret: str | None = None, float_only: bool = False) -> None:
    secret = secret if secret is not None else minted("connect-exp")
    expected = {} if error is not None else {"expect_expires_at": NOW + 600}
    misuse_case(id, comment, ["verify", *flags], "verify", error, reason, float_only,
                verifier={"keys": ["main_public_spki"]}, secret=secret, options=options, **expected)


def misuse_cases() -> None:
    claim = "INVALID_CLAIM/"
    # -- minting options: right type, broken rule
    for id, value, reason, float_only in [
        ("fractional", 1.5, "fractional", False),
        ("half-second", 0.5, "fractional", False),
        ("zero", 0, "out_of_range", False),
        ("negative", -60, "out_of_range", False),
        ("over-a-year", MAX_EXPIRES_IN + 1, "out_of_range", False),
        ("huge", 10 ** 12, "out_of_range", False),
        ("beyond-i64", 10 ** 20, "out_of_range", True),
        ("nan", "NaN", "out_of_range", True),
        ("infinity", "Infinity", "out_of_range", True),
        ("negative-infinity", "-Infinity", "out_of_range", True),
    ]:
        mint_misuse(f"mint-expires-in-{id}", f"expires_in {value}", ["expires-in"],
                    {"expires_in": value, "now": NOW}, claim + "expires_in", reason, float_only=float_only)
    for id, value, reason in [
        ("now", NOW, "out_of_range"),
        ("past", NOW - 3600, "out_of_range"),
        ("over-a-year", NOW + MAX_EXPIRES_IN + 1, "out_of_range"),
        ("negative", -1, "out_of_range"),
        ("after-9999", MAX_NUMERIC_DATE + 1, "out_of_range"),
        ("fractional", NOW + 600.5, "fractional"),
    ]:
        mint_misuse(f"mint-expires-at-{id}", f"expires_at {value} at now {NOW}", ["expires-at"],
                    {"expires_at": value, "now": NOW}, claim + "expires_at", reason)
    for id, value, reason in [
        ("negative", -1, "out_of_range"),
        ("after-9999", MAX_NUMERIC_DATE + 1, "out_of_range"),
        ("fractional", NOW + 0.25, "fractional"),
    ]:
        mint_misuse(f"mint-now-{id}", f"now {value}", ["now"], {"now": value}, claim + "now", reason)
    mint_misuse("mint-exp-after-9999", "now + the default hour after the last NumericDate", ["now", "exp"],
                {"now": MAX_NUMERIC_DATE - 1}, claim + "exp", "out_of_range")
    # -- minting options at their limits (valid)
    mint_misuse("mint-expires-in-whole-float", "expires_in 600.0: a whole float is whole seconds",
                ["expires-in"], {"expires_in": 600.0, "now": NOW})
    mint_misuse("mint-expires-at-max", "expires_at exactly a year ahead", ["expires-at", "limits"],
                {"expires_at": NOW + MAX_EXPIRES_IN, "now": NOW})
    mint_misuse("mint-default-expiry", "nothing said: one hour", ["default-expiry"], {"now": NOW})
    mint_misuse("mint-no-expiry", "no expiry, explicitly", ["no-expiry"], {"no_expiry": True, "now": NOW})
    # -- the bound signer
    mint_misuse("mint-bound-other-workspace", "a bound signer refuses another workspace", ["bound"],
                {"now": NOW}, claim + "workspace_id", "other_workspace",
                request={"customer_id": "customer1234", "workspace_id": OTHER_WS}, bound=WS)
    mint_misuse("mint-bound-invalid-workspace", "a bound signer still checks a given workspace", ["bound"],
                {"now": NOW}, claim + "workspace_id", "invalid_uuid",
                request={"customer_id": "customer1234", "workspace_id": "nope"}, bound=WS)
    mint_misuse("mint-bound-implicit-workspace", "a bound signer writes its workspace", ["bound"],
                {"now": NOW}, request={"customer_id": "customer1234"}, bound=WS)
    mint_misuse("mint-bound-same-workspace-uppercase", "the bound workspace named again, in upper case",
                ["bound"], {"now": NOW}, request={"customer_id": "customer1234", "workspace_id": WS.upper()},
                bound=WS)
    mint_misuse("mint-bound-renew", "a bound signer mints renew secrets too", ["bound", "renew"],
                {"expires_in": 600, "now": NOW}, request={"customer_id": "customer1234",
                                                          "integration_id": INTEGRATION}, bound=WS.upper())
    mint_misuse("mint-unbound-missing-workspace", "an unbound signer needs a workspace", ["unbound"],
                {"now": NOW}, claim + "workspace_id", "missing", request={"customer_id": "customer1234"})
    misuse_case("signer-bound-invalid-workspace", "a signer cannot be bound to a non-UUID", ["bound"],
                "signer", claim + "workspace_id", "invalid_uuid",
                key_text={"key": "main_private_pkcs8"}, workspace_id="{" + WS + "}")
    misuse_case("signer-bound-empty-workspace", "a signer cannot be bound to an empty workspace", ["bound"],
                "signer", claim + "workspace_id", "empty", key_text={"key": "main_private_pkcs8"}, workspace_id="")
    misuse_case("signer-bound", "a bound signer reports its workspace, lowercase", ["bound"], "signer",
                key_text={"key": "main_private_pkcs8"}, workspace_id=WS.upper(),
                expect_fingerprint=MAIN_FP, expect_workspace_id=WS)

    # -- verification options
    for id, value, reason, float_only in [
        ("negative", -1, "out_of_range", False),
        ("over-max", MAX_LEEWAY + 1, "out_of_range", False),
        ("a-day", 86400, "out_of_range", False),
        ("fractional", 1.5, "fractional", False),
        ("beyond-i64", 10 ** 20, "out_of_range", True),
        ("nan", "NaN", "out_of_range", True),
        ("infinity", "Infinity", "out_of_range", True),
    ]:
        verify_misuse(f"verify-leeway-{id}", f"leeway {value}", ["leeway"], {"leeway": value, "now": NOW},
                      claim + "leeway", reason, float_only=float_only)
    verify_misuse("verify-leeway-checked-first", "a bad leeway is reported whatever the secret", ["leeway"],
                  {"leeway": -1, "now": NOW}, claim + "leeway", "out_of_range", secret="not a secret")
    for id, value, reason in [
        ("negative", -1, "out_of_range"),
        ("after-9999", MAX_NUMERIC_DATE + 1, "out_of_range"),
        ("fractional", NOW + 0.5, "fractional"),
    ]:
        verify_misuse(f"verify-now-{id}", f"now {value}", ["now"], {"now": value}, claim + "now", reason)
    verify_misuse("verify-leeway-zero", "leeway 0", ["leeway", "limits"], {"leeway": 0, "now": NOW})
    verify_misuse("verify-leeway-max", "leeway 3600, the largest", ["leeway", "limits"],
                  {"leeway": MAX_LEEWAY, "now": NOW + 600 + MAX_LEEWAY - 1})
    verify_misuse("verify-leeway-whole-float", "leeway 30.0: a whole float is whole seconds", ["leeway"],
                  {"leeway": 30.0, "now": NOW})

    # -- key text
    for id, text in [("empty", ""), ("blank", "  \n\t "), ("empty-quotes", '""')]:
        misuse_case(f"signer-key-text-{id}", f"certificate text {id}", ["key-text"], "signer",
                    "INVALID_KEY/no_key", "no_key", key_text={"text": text})
        misuse_case(f"verifier-key-text-{id}", f"public key text {id}", ["key-text"], "verifier",
                    "INVALID_KEY/no_key", "no_key", key_text={"text": text})
    misuse_case("verifier-texts-empty-list", "a verifier from no key text at all", ["key-list"],
                "verifier_from_texts", "INVALID_KEY/no_key", "no_key", key_texts=[])
    misuse_case("verifier-texts-one-blank", "one blank text among good ones", ["key-list"],
                "verifier_from_texts", "INVALID_KEY/no_key", "no_key",
                key_texts=[{"key": "main_public_spki"}, {"text": " "}])
    misuse_case("verifier-texts-one-not-a-key", "one text that is not a key", ["key-list"],
                "verifier_from_texts", "INVALID_KEY/malformed", "malformed",
                key_texts=[{"key": "main_public_spki"}, {"key": "not_a_key"}])
    misuse_case("verifier-texts-duplicate-kid", "the same kid in two texts", ["key-list"],
                "verifier_from_texts", "INVALID_KEY/duplicate_key_id", "duplicate_key_id",
                key_texts=[{"key": "rotation_jwks"}, {"key": "main_public_jwk"}])
    misuse_case("verifier-texts-rotation", "two texts, two keys, in order", ["key-list"],
                "verifier_from_texts", key_texts=[{"key": "other_public_spki"}, {"key": "main_public_jwk"}],
                expect_fingerprints=[OTHER_FP, MAIN_FP], expect_key_ids=[None, "main-2026"])
    misuse_case("verifier-texts-one", "one text in a list", ["key-list"], "verifier_from_texts",
                key_texts=[{"key": "rotation_jwks"}], expect_fingerprints=[OTHER_FP, MAIN_FP],
                expect_key_ids=["other-2026", "main-2026"])
    misuse_case("verifier-jwks", "a JWK Set: fingerprints and key ids in order", ["key-text"], "verifier",
                key_text={"key": "rotation_jwks"}, expect_fingerprints=[OTHER_FP, MAIN_FP],
                expect_key_ids=["other-2026", "main-2026"])
    main_jwk = json.loads((KEYS / "TEST-ONLY-main-public-jwk.json").read_text())
    duplicate_member = ('{"kty":"RSA","kid":"a","kid":"b","n":"' + main_jwk["n"] + '","e":"AQAB"}')
    misuse_case("verifier-jwk-duplicate-member", "a JWK with a member twice is malformed, not last-wins",
                ["key-text", "jwk"], "verifier", "INVALID_KEY/malformed", "malformed",
                key_text={"text": duplicate_member})
    misuse_case("verifier-jwks-duplicate-member", "a JWK Set key with a member twice is malformed",
                ["key-text", "jwk"], "verifier", "INVALID_KEY/malformed", "malformed",
                key_text={"text": '{"keys":[' + duplicate_member + ']}'})
    misuse_case("generate-key-pair-2048", "the default size of a test key pair", ["keygen"],
                "generate_key_pair", bits=2048, expect_bits=2048)
    misuse_case("generate-key-pair-1024", "a test key pair of 1024 bits is refused", ["keygen"],
                "generate_key_pair", "INVALID_KEY/malformed", "malformed", bits=1024)

    # -- environment
    good_cert = {"key": "main_private_pkcs8", "transform": "escaped_newlines"}
    for id, env, error, reason, expected in [
        ("certificate-unset", {CERT_ENV: None, WS_ENV: None}, "INVALID_KEY/no_key", "no_key", {}),
        ("certificate-empty", {CERT_ENV: "", WS_ENV: None}, "INVALID_KEY/no_key", "no_key", {}),
        ("certificate-blank", {CERT_ENV: "  \n", WS_ENV: None}, "INVALID_KEY/no_key", "no_key", {}),
        ("certificate-public-key", {CERT_ENV: {"key": "main_public_spki"}, WS_ENV: None},
         "INVALID_KEY/not_private", "not_private", {}),
        ("unbound", {CERT_ENV: good_cert, WS_ENV: None}, None, None,
         {"expect_fingerprint": MAIN_FP, "expect_workspace_id": None}),
        ("workspace-empty", {CERT_ENV: good_cert, WS_ENV: ""}, None, None,
         {"expect_fingerprint": MAIN_FP, "expect_workspace_id": None}),
        ("bound", {CERT_ENV: good_cert, WS_ENV: WS.upper()}, None, None,
         {"expect_fingerprint": MAIN_FP, "expect_workspace_id": WS}),
        ("workspace-invalid", {CERT_ENV: good_cert, WS_ENV: "workspace-1"}, "INVALID_CLAIM/workspace_id",
         "invalid_uuid", {}),
    ]:
        misuse_case(f"signer-from-env-{id}", f"Signer from the environment: {id}", ["env"], "signer_from_env",
                    error, reason, env=env, **expected)
    for id, env, error, reason, expected in [
        ("unset", {PUBLIC_ENV: None}, "INVALID_KEY/no_key", "no_key", {}),
        ("empty", {PUBLIC_ENV: ""}, "INVALID_KEY/no_key", "no_key", {}),
        ("not-a-key", {PUBLIC_ENV: {"key": "not_a_key"}}, "INVALID_KEY/malformed", "malformed", {}),
        ("jwks", {PUBLIC_ENV: {"key": "rotation_jwks"}}, None, None,
         {"expect_fingerprints": [OTHER_FP, MAIN_FP], "expect_key_ids": ["other-2026", "main-2026"]}),
        ("quoted-pem", {PUBLIC_ENV: {"key": "main_public_spki", "transform": "quoted"}}, None, None,
         {"expect_fingerprints": [MAIN_FP], "expect_key_ids": [None]}),
    ]:
        misuse_case(f"verifier-from-env-{id}", f"Verifier from the environment: {id}", ["env"],
                    "verifier_from_env", error, reason, env=env, **expected)


def main() -> None:
    write_json_keys()
    mint_cases()
    verify_cases()
    key_loading_cases()
    misuse_cases()
    ids = [case["id"] for group in (mint, verify, key_loading, misuse) for case in group]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, duplicates
    document = {
        "schema": "munity-secrets-vectors/1",
        "generated_by": f"python3 tests/vectors/generate.py (PyJWT {jwt.__version__}, "
                        f"cryptography {cryptography.__version__})",
        "keys": {name: {"file": f"keys/{file}", **({"fingerprint": fp} if fp else {})}
                 for name, (file, fp) in KEY_FILES.items()},
        "mint": mint,
        "verify": verify,
        "key_loading": key_loading,
    }
    (HERE / "secrets.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    misuse_document = {
        "schema": "munity-secrets-misuse/1",
        "generated_by": document["generated_by"],
        "keys": document["keys"],
        "environment_variables": [CERT_ENV, WS_ENV, PUBLIC_ENV],
        "cases": misuse,
    }
    (HERE / "misuse.json").write_text(json.dumps(misuse_document, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(mint)} mint, {len(verify)} verify, {len(key_loading)} key_loading cases, "
          f"{len(misuse)} misuse cases")


if __name__ == "__main__":
    main()
