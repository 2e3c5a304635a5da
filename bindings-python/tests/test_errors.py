"""Every error kind maps to its class and code; the hierarchy is the documented one. Asserts
classes and codes, never message text."""

from __future__ import annotations

import base64
import json
import pickle
import re
from datetime import datetime, timezone

import jwt
import pytest

import munity_secrets as ms
from conftest import INTEGRATION_ID, NOW, ROOT, WORKSPACE_ID, read_key


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_hierarchy() -> None:
    for cls in (ms.InvalidKeyError, ms.InvalidClaimError, ms.InvalidSecretError):
        assert issubclass(cls, ms.MunitySecretError)
    assert issubclass(ms.InvalidClaimError, ValueError)
    assert not issubclass(ms.InvalidKeyError, ValueError)
    for cls in (ms.MalformedSecretError, ms.UnsupportedAlgorithmError, ms.BadSignatureError,
                ms.UnknownKeyError, ms.ExpiredSecretError, ms.NotYetValidError):
        assert issubclass(cls, ms.InvalidSecretError)
    assert issubclass(ms.MunitySecretError, Exception)


def test_invalid_key(private_pem: str) -> None:
    with pytest.raises(ms.InvalidKeyError) as raised:
        ms.Signer(read_key("rsa1024-private.pem"))
    assert raised.value.code == "INVALID_KEY/too_small" and raised.value.reason == "too_small"
    with pytest.raises(ms.InvalidKeyError) as raised:
        ms.Signer(read_key("main-public-spki.pem"))
    assert raised.value.reason == "not_private"
    with pytest.raises(ms.InvalidKeyError) as raised:
        ms.Verifier("not a key")
    assert raised.value.code == "INVALID_KEY/malformed"
    with pytest.raises(ms.InvalidKeyError) as raised:
        ms.Verifier([])
    assert raised.value.code == "INVALID_KEY/no_key"
    # The message never echoes key material.
    with pytest.raises(ms.InvalidKeyError) as raised:
        ms.Signer(private_pem[:-200])
    assert private_pem[40:100] not in str(raised.value)


def test_invalid_claim(signer: ms.Signer) -> None:
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(customer_id="customer-1", workspace_id=WORKSPACE_ID)
    err = raised.value
    assert (err.code, err.claim, err.reason) == ("INVALID_CLAIM/customer_id", "customer_id", "invalid_character")
    assert isinstance(err, ValueError)
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.renew_secret(customer_id="c1", workspace_id=WORKSPACE_ID, integration_id="{x}")
    assert raised.value.claim == "integration_id" and raised.value.reason == "invalid_uuid"
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, expires_in=0)
    assert raised.value.code == "INVALID_CLAIM/expires_in" and raised.value.reason == "out_of_range"
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, now=-1)
    assert raised.value.code == "INVALID_CLAIM/now" and raised.value.reason == "out_of_range"
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, key_id="a\nb")
    assert raised.value.code == "INVALID_CLAIM/kid"


def test_wrong_kind(signer: ms.Signer, verifier: ms.Verifier) -> None:
    renew = signer.renew_secret(customer_id="c1", workspace_id=WORKSPACE_ID, integration_id=INTEGRATION_ID)
    with pytest.raises(ms.InvalidClaimError) as raised:
        verifier.verify(renew, expect="connect")
    assert (raised.value.code, raised.value.reason) == ("INVALID_CLAIM/integration_id", "wrong_kind")
    assert verifier.verify(renew, expect="renew").kind == "renew"
    with pytest.raises(ValueError):
        verifier.verify(renew, expect="other")


def test_secret_errors(signer: ms.Signer, verifier: ms.Verifier, other_private_pem: str) -> None:
    good = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID)
    with pytest.raises(ms.MalformedSecretError) as malformed:
        verifier.verify("a.b")
    assert malformed.value.code == "MALFORMED_SECRET" and malformed.value.kind == "MALFORMED_SECRET"
    header = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    with pytest.raises(ms.UnsupportedAlgorithmError) as alg:
        verifier.verify(header + "." + good.split(".")[1] + ".")
    assert alg.value.code == "UNSUPPORTED_ALGORITHM" and alg.value.algorithm == "none"
    with pytest.raises(ms.BadSignatureError) as bad:
        verifier.verify(ms.Signer(other_private_pem).connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID))
    assert bad.value.code == "BAD_SIGNATURE"
    with_kid = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, key_id="k2")
    with pytest.raises(ms.UnknownKeyError) as unknown:
        verifier.verify(with_kid)
    assert unknown.value.code == "UNKNOWN_KEY" and unknown.value.key_id == "k2"


def test_time_errors(signer: ms.Signer, verifier: ms.Verifier) -> None:
    secret = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, expires_in=600, now=NOW)
    with pytest.raises(ms.ExpiredSecretError) as expired:
        verifier.verify(secret, now=NOW + 660)
    err = expired.value
    assert err.code == "EXPIRED"
    assert err.expires_at == datetime.fromtimestamp(NOW + 600, timezone.utc)
    assert err.expires_at.tzinfo is not None
    assert err.now == datetime.fromtimestamp(NOW + 660, timezone.utc) and err.leeway == 60
    assert verifier.verify(secret, now=NOW + 659).customer_id == "c1"
    assert verifier.verify(secret, now=NOW + 700, leeway=120).customer_id == "c1"
    # nbf comes only from other issuers: build one with PyJWT.
    import jwt
    future = jwt.encode({"customer_id": "c1", "workspace_id": WORKSPACE_ID, "nbf": NOW + 3600},
                        read_key("main-private-pkcs8.pem"), algorithm="RS256")
    with pytest.raises(ms.NotYetValidError) as early:
        verifier.verify(future, now=NOW)
    assert early.value.code == "NOT_YET_VALID"
    assert early.value.not_before == datetime.fromtimestamp(NOW + 3600, timezone.utc)


@pytest.mark.parametrize("make", [
    lambda: ms.Signer("nope"),
    lambda: ms.connect_secret(read_key("main-private-pkcs8.pem"), customer_id="-", workspace_id=WORKSPACE_ID),
    lambda: ms.verify_secret(read_key("main-public-spki.pem"), "x.y.z"),
])
def test_errors_pickle_and_keep_their_attributes(make: object) -> None:
    with pytest.raises(ms.MunitySecretError) as raised:
        make()  # type: ignore[operator]
    copy = pickle.loads(pickle.dumps(raised.value))
    assert type(copy) is type(raised.value)
    assert copy.code == raised.value.code and str(copy) == str(raised.value)
    assert vars(copy) == vars(raised.value)


def test_every_error_has_the_common_fields(signer: ms.Signer, verifier: ms.Verifier, other_private_pem: str) -> None:
    """code, kind, claim, reason: the same four fields, with the same meaning, in every binding."""
    good = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, now=NOW)
    cases: list[tuple[object, tuple[str, str, object, object]]] = [
        (lambda: ms.Signer(read_key("rsa1024-private.pem")), ("INVALID_KEY/too_small", "INVALID_KEY", None, "too_small")),
        (lambda: signer.connect_secret(customer_id="c-1", workspace_id=WORKSPACE_ID),
         ("INVALID_CLAIM/customer_id", "INVALID_CLAIM", "customer_id", "invalid_character")),
        (lambda: verifier.verify("a.b"), ("MALFORMED_SECRET", "MALFORMED_SECRET", None, None)),
        (lambda: verifier.verify(b64(b'{"alg":"none"}') + "." + good.split(".")[1] + "."),
         ("UNSUPPORTED_ALGORITHM", "UNSUPPORTED_ALGORITHM", None, None)),
        (lambda: verifier.verify(ms.Signer(other_private_pem).connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID)),
         ("BAD_SIGNATURE", "BAD_SIGNATURE", None, None)),
        (lambda: verifier.verify(signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, key_id="k9")),
         ("UNKNOWN_KEY", "UNKNOWN_KEY", None, None)),
        (lambda: verifier.verify(good, now=NOW + 3660), ("EXPIRED", "EXPIRED", None, None)),
        (lambda: verifier.verify(jwt.encode({"customer_id": "c1", "workspace_id": WORKSPACE_ID, "nbf": NOW + 600},
                                            read_key("main-private-pkcs8.pem"), algorithm="RS256"), now=NOW),
         ("NOT_YET_VALID", "NOT_YET_VALID", None, None)),
    ]
    documented = documented_python_classes()
    for make, expected in cases:
        with pytest.raises(ms.MunitySecretError) as raised:
            make()  # type: ignore[operator]
        err = raised.value
        assert (err.code, err.kind, err.claim, err.reason) == expected
        assert type(err).__name__ == documented.pop(err.kind, type(err).__name__), err.kind
        copy = pickle.loads(pickle.dumps(err))
        assert (copy.code, copy.kind, copy.claim, copy.reason) == expected
    assert not documented, f"kinds of docs/errors.md never raised here: {sorted(documented)}"


def documented_python_classes() -> dict[str, str]:
    """kind -> Python class, from the Python column of docs/errors.md's table (which this suite keeps true)."""
    table = (ROOT / "docs" / "errors.md").read_text().split("## Kinds, classes and fields")[1].split("\n## ")[0]
    header, _, *rows = [line for line in table.splitlines() if line.startswith("|")]
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    kind_at = columns.index("kind (`kind`)")
    python_at = next(i for i, c in enumerate(columns) if c.startswith("Python"))
    mapping = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        mapping[cells[kind_at].strip("`")] = re.match(r"`(\w+)`", cells[python_at]).group(1)  # type: ignore[union-attr]
        assert hasattr(ms, mapping[cells[kind_at].strip("`")])
    assert len(mapping) == 8
    return mapping


def test_errors_can_be_raised_by_user_code() -> None:
    """Frameworks and tests build them too (e.g. to fake a failure): the fields are keywords."""
    err = ms.InvalidClaimError("customer_id is empty", code="INVALID_CLAIM/customer_id", kind="INVALID_CLAIM",
                               claim="customer_id", reason="empty")
    assert isinstance(err, ValueError) and (err.claim, err.reason) == ("customer_id", "empty")
    assert ms.BadSignatureError("x", code="BAD_SIGNATURE", kind="BAD_SIGNATURE").claim is None
    # The constructors of earlier versions (no kind) still work: the kind is the code's first part.
    old_style = ms.InvalidKeyError("too small", code="INVALID_KEY/too_small", reason="too_small")
    assert (old_style.kind, old_style.reason, old_style.claim) == ("INVALID_KEY", "too_small", None)
