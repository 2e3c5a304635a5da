"""Secrets expire by default (exp = now + 3600); expires_in=None is the explicit "no expiry";
expires_at takes an absolute time; options of the right type that break a rule are the core's
InvalidClaimError naming the option, never clamped or truncated; wrong types are TypeError."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import jwt
import pytest

import munity_secrets as ms
from conftest import INTEGRATION_ID, NOW, WORKSPACE_ID

AT = datetime.fromtimestamp(NOW, timezone.utc)


def payload(secret: str) -> dict[str, Any]:
    part = secret.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded


def claims(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"customer_id": "c1", "workspace_id": WORKSPACE_ID}
    base.update(changes)
    return base


def test_the_defaults_are_the_cores() -> None:
    assert (ms.DEFAULT_EXPIRES_IN, ms.MAX_EXPIRES_IN) == (3600, 31_536_000)
    assert (ms.DEFAULT_LEEWAY, ms.DEFAULT_KEY_BITS, ms.MAX_NUMERIC_DATE) == (60, 2048, 253_402_300_799)
    assert ms.DEFAULT_LEEWAY <= ms.MAX_LEEWAY
    assert (ms.CERTIFICATE_ENV, ms.WORKSPACE_ID_ENV, ms.PUBLIC_KEY_ENV) == (
        "MUNITY_CERTIFICATE", "MUNITY_WORKSPACE_ID", "MUNITY_PUBLIC_KEY")


def test_default_expiry_is_one_hour_from_now(signer: ms.Signer, private_pem: str) -> None:
    secret = signer.connect_secret(**claims(now=NOW))
    assert payload(secret)["exp"] == NOW + ms.DEFAULT_EXPIRES_IN == NOW + 3600
    assert secret == signer.connect_secret(**claims(now=NOW, expires_in=3600))
    assert secret == ms.connect_secret(private_pem, **claims(now=NOW))
    expected = jwt.encode({**claims(), "exp": NOW + 3600}, private_pem, algorithm="RS256")
    assert secret == expected
    renew = signer.renew_secret(**claims(integration_id=INTEGRATION_ID, now=NOW))
    assert payload(renew)["exp"] == NOW + 3600
    assert payload(ms.renew_secret(private_pem, **claims(integration_id=INTEGRATION_ID, now=NOW)))["exp"] == NOW + 3600


def test_default_expiry_on_the_system_clock(signer: ms.Signer, verifier: ms.Verifier) -> None:
    verified = verifier.verify(signer.connect_secret(**claims()))
    assert verified.expires_at is not None
    lifetime = verified.expires_at - datetime.now(timezone.utc)
    assert timedelta(minutes=50) < lifetime <= timedelta(hours=1)


def test_no_expiry_is_explicit(signer: ms.Signer, private_pem: str) -> None:
    secret = signer.connect_secret(**claims(expires_in=None))
    assert "exp" not in payload(secret)
    # The documented PyJWT snippet's bytes.
    assert secret == jwt.encode(claims(), private_pem, algorithm="RS256")
    assert secret == ms.connect_secret(private_pem, **claims(expires_in=None))
    assert signer.connect_secret(**claims(expires_in=None, now=NOW)) == secret
    minted = signer.mint(**claims(expires_in=None))
    assert (minted.secret, minted.expires_at, minted.as_dict()["expires_at"]) == (secret, None, None)


def test_expires_at(signer: ms.Signer) -> None:
    by_int = signer.connect_secret(**claims(now=NOW, expires_at=NOW + 90))
    assert payload(by_int)["exp"] == NOW + 90
    assert signer.connect_secret(**claims(now=NOW, expires_at=AT + timedelta(seconds=90))) == by_int
    other_zone = (AT + timedelta(seconds=90)).astimezone(timezone(timedelta(hours=-7)))
    assert signer.connect_secret(**claims(now=NOW, expires_at=other_zone)) == by_int
    assert signer.connect_secret(**claims(now=NOW, expires_at=float(NOW + 90))) == by_int
    assert signer.connect_secret(**claims(now=NOW, expires_in=90)) == by_int
    latest = signer.connect_secret(**claims(now=NOW, expires_at=NOW + ms.MAX_EXPIRES_IN))
    assert payload(latest)["exp"] == NOW + ms.MAX_EXPIRES_IN


@pytest.mark.parametrize("expires_at", [NOW, NOW - 1, NOW + ms.MAX_EXPIRES_IN + 1, -1, ms.MAX_NUMERIC_DATE + 1, 2**80])
def test_expires_at_out_of_range(signer: ms.Signer, expires_at: int) -> None:
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(**claims(now=NOW, expires_at=expires_at))
    assert (raised.value.code, raised.value.claim, raised.value.reason) == (
        "INVALID_CLAIM/expires_at", "expires_at", "out_of_range")


def test_expires_at_fractional(signer: ms.Signer) -> None:
    for value in (NOW + 90.5, AT + timedelta(seconds=90, microseconds=1)):
        with pytest.raises(ms.InvalidClaimError) as raised:
            signer.connect_secret(**claims(now=NOW, expires_at=value))
        assert (raised.value.claim, raised.value.reason) == ("expires_at", "fractional")


def test_expires_in_and_expires_at_together_is_a_type_error(signer: ms.Signer) -> None:
    for expires_in in (600, None):
        with pytest.raises(TypeError):
            signer.connect_secret(**claims(now=NOW, expires_in=expires_in, expires_at=NOW + 60))


@pytest.mark.parametrize("expires_in", [1.5, 0.5, 3600.25, timedelta(seconds=1.5), timedelta(milliseconds=500)])
def test_fractional_expiry_is_refused_never_truncated(signer: ms.Signer, expires_in: Any) -> None:
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(**claims(now=NOW, expires_in=expires_in))
    err = raised.value
    assert (err.code, err.kind, err.claim, err.reason) == (
        "INVALID_CLAIM/expires_in", "INVALID_CLAIM", "expires_in", "fractional")
    assert isinstance(err, ValueError)


def test_whole_floats_and_timedeltas_are_seconds(signer: ms.Signer) -> None:
    base = signer.connect_secret(**claims(now=NOW, expires_in=600))
    assert signer.connect_secret(**claims(now=float(NOW), expires_in=600.0)) == base
    assert signer.connect_secret(**claims(now=AT, expires_in=timedelta(minutes=10))) == base


@pytest.mark.parametrize("expires_in", [0, -1, ms.MAX_EXPIRES_IN + 1, 2**63, 2**200, -(2**200), float("nan"),
                                        float("inf"), 1e300, timedelta(days=366), timedelta(seconds=-5)])
def test_expiry_out_of_range(signer: ms.Signer, expires_in: Any) -> None:
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(**claims(now=NOW, expires_in=expires_in))
    assert (raised.value.claim, raised.value.reason) == ("expires_in", "out_of_range")


@pytest.mark.parametrize("now", [-1, ms.MAX_NUMERIC_DATE + 1, 2**70, -(2**70), float("inf"),
                                 datetime(1969, 12, 31, 23, 59, 59, tzinfo=timezone.utc)])
def test_now_outside_the_numeric_date_range(signer: ms.Signer, verifier: ms.Verifier, now: Any) -> None:
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(**claims(now=now))
    assert (raised.value.claim, raised.value.reason) == ("now", "out_of_range")
    secret = signer.connect_secret(**claims(now=NOW))
    with pytest.raises(ms.InvalidClaimError) as raised:
        verifier.verify(secret, now=now)
    assert (raised.value.claim, raised.value.reason) == ("now", "out_of_range")


def test_the_last_numeric_date(signer: ms.Signer, verifier: ms.Verifier) -> None:
    last = ms.MAX_NUMERIC_DATE
    secret = signer.connect_secret(**claims(now=last - 10, expires_in=10))
    verified = verifier.verify(secret, now=last - 10)
    assert verified.expires_at == datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
    assert verified.as_dict()["expires_at"] == last
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(**claims(now=last - 10, expires_in=11))
    assert (raised.value.claim, raised.value.reason) == ("exp", "out_of_range")


def test_a_signed_exp_beyond_year_9999_is_refused_not_clamped(private_pem: str, verifier: ms.Verifier) -> None:
    secret = jwt.encode({**claims(), "exp": ms.MAX_NUMERIC_DATE + 1}, private_pem, algorithm="RS256")
    with pytest.raises(ms.InvalidClaimError) as raised:
        verifier.verify(secret, now=NOW)
    assert (raised.value.code, raised.value.reason) == ("INVALID_CLAIM/exp", "out_of_range")


@pytest.mark.parametrize("now", [AT + timedelta(microseconds=1), NOW + 0.5])
def test_fractional_now_is_refused(signer: ms.Signer, verifier: ms.Verifier, now: Any) -> None:
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(**claims(now=now))
    assert (raised.value.claim, raised.value.reason) == ("now", "fractional")
    with pytest.raises(ms.InvalidClaimError) as raised:
        verifier.verify(signer.connect_secret(**claims()), now=now)
    assert (raised.value.claim, raised.value.reason) == ("now", "fractional")


@pytest.mark.parametrize("leeway", [-1, ms.MAX_LEEWAY + 1, 2**70, -(2**70), timedelta(seconds=-1), float("nan")])
def test_leeway_out_of_range(signer: ms.Signer, verifier: ms.Verifier, leeway: Any) -> None:
    secret = signer.connect_secret(**claims(now=NOW))
    with pytest.raises(ms.InvalidClaimError) as raised:
        verifier.verify(secret, now=NOW, leeway=leeway)
    err = raised.value
    assert (err.code, err.kind, err.claim, err.reason) == ("INVALID_CLAIM/leeway", "INVALID_CLAIM", "leeway", "out_of_range")
    with pytest.raises(ms.InvalidClaimError):
        ms.verify_secret(verifier_text(), secret, now=NOW, leeway=leeway)


def test_leeway_fractional_and_limits(signer: ms.Signer, verifier: ms.Verifier) -> None:
    secret = signer.connect_secret(**claims(now=NOW, expires_in=600))
    for leeway in (0.5, timedelta(milliseconds=1500)):
        with pytest.raises(ms.InvalidClaimError) as raised:
            verifier.verify(secret, now=NOW, leeway=leeway)
        assert (raised.value.claim, raised.value.reason) == ("leeway", "fractional")
    assert verifier.verify(secret, now=NOW + 599, leeway=0).customer_id == "c1"
    with pytest.raises(ms.ExpiredSecretError):
        verifier.verify(secret, now=NOW + 600, leeway=0)
    assert verifier.verify(secret, now=NOW + 600 + ms.MAX_LEEWAY - 1, leeway=ms.MAX_LEEWAY).customer_id == "c1"
    assert verifier.verify(secret, now=NOW + 650, leeway=60.0).customer_id == "c1"


@pytest.mark.parametrize("value", ["600", b"600", True, False, [600], object()], ids=lambda v: type(v).__name__)
def test_wrong_types_are_type_errors(signer: ms.Signer, verifier: ms.Verifier, value: Any) -> None:
    secret = signer.connect_secret(**claims(now=NOW))
    for call in (
        lambda: signer.connect_secret(**claims(expires_in=value)),
        lambda: signer.connect_secret(**claims(expires_at=value)),
        lambda: signer.connect_secret(**claims(now=value)),
        lambda: signer.mint(**claims(expires_in=value)),
        lambda: verifier.verify(secret, leeway=value),
        lambda: verifier.verify(secret, now=value),
    ):
        with pytest.raises(TypeError) as raised:
            call()
        assert not isinstance(raised.value, ms.MunitySecretError)


def test_none_leeway_and_naive_datetimes_are_type_errors(signer: ms.Signer, verifier: ms.Verifier) -> None:
    secret = signer.connect_secret(**claims(now=NOW))
    with pytest.raises(TypeError):
        verifier.verify(secret, leeway=None)  # type: ignore[arg-type]
    naive = datetime(2026, 1, 1)
    for call in (lambda: signer.connect_secret(**claims(now=naive)),
                 lambda: signer.connect_secret(**claims(now=NOW, expires_at=naive)),
                 lambda: verifier.verify(secret, now=naive)):
        with pytest.raises(TypeError):
            call()
    with pytest.raises(TypeError):  # a duration is not an instant, nor the reverse
        signer.connect_secret(**claims(now=timedelta(seconds=5)))
    with pytest.raises(TypeError):
        signer.connect_secret(**claims(expires_in=AT))


def test_mint_returns_the_secret_with_its_expiry(signer: ms.Signer, verifier: ms.Verifier) -> None:
    minted = signer.mint(**claims(now=NOW, name="Ada"))
    assert minted.secret == signer.connect_secret(**claims(now=NOW, name="Ada"))
    assert minted.kind == "connect"
    assert minted.expires_at == AT + timedelta(hours=1)
    assert minted.as_dict() == {"secret": minted.secret, "kind": "connect", "expires_at": NOW + 3600}
    renew = signer.mint(**claims(integration_id=INTEGRATION_ID, now=NOW, expires_at=NOW + 60))
    assert renew.kind == "renew" and renew.as_dict()["expires_at"] == NOW + 60
    assert renew.secret == signer.renew_secret(**claims(integration_id=INTEGRATION_ID, now=NOW, expires_in=60))
    assert verifier.verify(renew.secret, now=NOW).kind == "renew"
    assert minted.secret not in repr(minted) and "connect" in repr(minted)
    assert minted == signer.mint(**claims(now=NOW, name="Ada")) and minted != renew
    assert hash(minted) == hash(signer.mint(**claims(now=NOW, name="Ada")))


def verifier_text() -> str:
    from conftest import read_key

    return read_key("main-public-spki.pem")

