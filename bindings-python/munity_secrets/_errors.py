"""The exception classes of munity_secrets, one class per error kind of the core.

The native extension raises these (it imports this module); they are defined in Python so that
they pickle, subclass and type-check like any Python exception. ``str(error)`` is the core's
message, ``error.code`` its language-neutral code (``"INVALID_CLAIM/customer_id"``).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Optional

__all__ = [
    "MunitySecretError",
    "InvalidKeyError",
    "InvalidClaimError",
    "InvalidSecretError",
    "MalformedSecretError",
    "UnsupportedAlgorithmError",
    "BadSignatureError",
    "UnknownKeyError",
    "ExpiredSecretError",
    "NotYetValidError",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _datetime_from_timestamp(seconds: int) -> datetime:
    """An aware UTC datetime for a NumericDate. The core only hands out NumericDates from 0 to
    MAX_NUMERIC_DATE (9999-12-31T23:59:59Z), all of which a datetime holds: nothing is clamped."""
    return _EPOCH + timedelta(seconds=seconds)


class MunitySecretError(Exception):
    """Base class of every error of munity_secrets.

    ``str(error)`` is a message a person can act on. The fields are the same in every language:

    - ``code``: the language-neutral code, ``"INVALID_KEY/too_small"``,
      ``"INVALID_CLAIM/customer_id"``, ``"EXPIRED"``, ...;
    - ``kind``: the error kind, ``"INVALID_KEY"``, ``"INVALID_CLAIM"``, ``"EXPIRED"``, ...;
    - ``claim``: the claim or option an ``InvalidClaimError`` names, else ``None``;
    - ``reason``: the reason code of an ``InvalidKeyError`` or ``InvalidClaimError``
      (``"too_small"``, ``"other_workspace"``, ...), else ``None``.
    """

    code: str
    kind: str
    claim: Optional[str]
    reason: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        code: str,
        kind: Optional[str] = None,
        claim: Optional[str] = None,
        reason: Optional[str] = None,
        **details: Any,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.kind = kind if kind is not None else code.split("/")[0]
        self.claim = claim
        self.reason = reason
        for name, value in details.items():
            setattr(self, name, value)
        self._details = details

    def __reduce__(self) -> Any:
        fields = {"code": self.code, "kind": self.kind, "claim": self.claim, "reason": self.reason}
        return (_rebuild, (type(self), str(self), fields, self._details))


def _rebuild(
    cls: type[MunitySecretError], message: str, fields: dict[str, Any], details: dict[str, Any]
) -> MunitySecretError:
    return cls(message, **fields, **details)


class InvalidKeyError(MunitySecretError):
    """A key that cannot be used (kind ``"INVALID_KEY"``).

    ``reason`` says why: ``"malformed"``, ``"encrypted"``, ``"not_rsa"``, ``"too_small"``,
    ``"too_large"``, ``"not_private"``, ``"multiple_keys"``, ``"rejected"``, ``"no_key"`` or
    ``"duplicate_key_id"``.
    """

    reason: str


class InvalidClaimError(MunitySecretError, ValueError):
    """A claim or option that breaks its rule (kind ``"INVALID_CLAIM"``); also a ``ValueError``.

    ``claim`` names it: a claim on the wire (``"customer_id"``, ``"workspace_id"``, ``"name"``,
    ``"integration_id"``, ``"exp"``, ``"kid"``, ...) or an option (``"expires_in"``,
    ``"expires_at"``, ``"now"``, ``"leeway"``). ``reason`` names the rule: ``"missing"``,
    ``"empty"``, ``"too_long"``, ``"invalid_character"``, ``"lone_surrogate"``, ``"blank"``,
    ``"invalid_uuid"``, ``"wrong_type"``, ``"out_of_range"``, ``"fractional"``,
    ``"other_workspace"``, ``"unknown"``, ``"wrong_kind"``.
    """

    claim: str
    reason: str


class InvalidSecretError(MunitySecretError):
    """Base class of the errors about the secret itself: its shape, algorithm, signature and time."""


class MalformedSecretError(InvalidSecretError):
    """Not a well-formed secret: size, parts, base64url, JSON, header members."""


class UnsupportedAlgorithmError(InvalidSecretError):
    """A header ``alg`` other than RS256 (``none`` included); ``algorithm`` is what was found (cut)."""

    algorithm: str


class BadSignatureError(InvalidSecretError):
    """The signature does not match under any key that could be used."""


class UnknownKeyError(InvalidSecretError):
    """The secret's ``kid`` names a key the verifier does not have; ``key_id`` is that kid (cut)."""

    key_id: str


class ExpiredSecretError(InvalidSecretError):
    """The secret expired: ``now >= exp + leeway``.

    ``expires_at`` and ``now`` are aware UTC datetimes, ``leeway`` the seconds of tolerance.
    """

    expires_at: datetime
    now: datetime
    leeway: int


class NotYetValidError(InvalidSecretError):
    """The secret is not valid yet: ``now < nbf - leeway``.

    ``not_before`` and ``now`` are aware UTC datetimes, ``leeway`` the seconds of tolerance.
    """

    not_before: datetime
    now: datetime
    leeway: int
