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
_MIN = datetime.min.replace(tzinfo=timezone.utc)
_MAX = datetime.max.replace(tzinfo=timezone.utc, microsecond=0)


def _datetime_from_timestamp(seconds: int) -> datetime:
    """An aware UTC datetime for a NumericDate; clamped to datetime.min/max beyond year 1..9999."""
    try:
        return _EPOCH + timedelta(seconds=seconds)
    except OverflowError:
        return _MIN if seconds < 0 else _MAX


class MunitySecretError(Exception):
    """Base class of every error of munity_secrets.

    ``str(error)`` is a message a person can act on; ``code`` is a stable code such as
    ``"INVALID_KEY/too_small"``, ``"INVALID_CLAIM/customer_id"`` or ``"EXPIRED"``.
    """

    code: str

    def __init__(self, message: str, *, code: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        for name, value in details.items():
            setattr(self, name, value)
        self._details = details

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), str(self), self.code, self._details))


def _rebuild(cls: type[MunitySecretError], message: str, code: str, details: dict[str, Any]) -> MunitySecretError:
    return cls(message, code=code, **details)


class InvalidKeyError(MunitySecretError):
    """A key that cannot be used.

    ``reason`` says why: ``"malformed"``, ``"encrypted"``, ``"not_rsa"``, ``"too_small"``,
    ``"too_large"``, ``"not_private"``, ``"multiple_keys"``, ``"rejected"``, ``"no_key"`` or
    ``"duplicate_key_id"``.
    """

    reason: str

    def __init__(self, message: str, *, code: str, reason: str) -> None:
        super().__init__(message, code=code, reason=reason)


class InvalidClaimError(MunitySecretError, ValueError):
    """A claim (or minting option) that breaks its rule; also a ``ValueError``.

    ``claim`` names it on the wire (``"customer_id"``, ``"name"``, ``"exp"``, ``"expires_in"``,
    ``"kid"``, ``"now"``, ...); ``reason`` names the rule (``"missing"``, ``"empty"``,
    ``"too_long"``, ``"invalid_character"``, ``"lone_surrogate"``, ``"blank"``, ``"invalid_uuid"``,
    ``"wrong_type"``, ``"out_of_range"``, ``"unknown"``, ``"wrong_kind"``).
    """

    claim: str
    reason: str

    def __init__(self, message: str, *, code: str, claim: str, reason: str) -> None:
        super().__init__(message, code=code, claim=claim, reason=reason)


class InvalidSecretError(MunitySecretError):
    """Base class of the errors about the secret itself: its shape, algorithm, signature and time."""

    def __init__(self, message: str, *, code: str, **details: Any) -> None:
        super().__init__(message, code=code, **details)


class MalformedSecretError(InvalidSecretError):
    """Not a well-formed secret: size, parts, base64url, JSON, header members."""


class UnsupportedAlgorithmError(InvalidSecretError):
    """A header ``alg`` other than RS256 (``none`` included); ``algorithm`` is what was found (cut)."""

    algorithm: str

    def __init__(self, message: str, *, code: str, algorithm: str) -> None:
        super().__init__(message, code=code, algorithm=algorithm)


class BadSignatureError(InvalidSecretError):
    """The signature does not match under any key that could be used."""


class UnknownKeyError(InvalidSecretError):
    """The secret's ``kid`` names a key the verifier does not have; ``key_id`` is that kid (cut)."""

    key_id: str

    def __init__(self, message: str, *, code: str, key_id: str) -> None:
        super().__init__(message, code=code, key_id=key_id)


class ExpiredSecretError(InvalidSecretError):
    """The secret expired: ``now >= exp + leeway``.

    ``expires_at`` and ``now`` are aware UTC datetimes, ``leeway`` the seconds of tolerance.
    """

    expires_at: datetime
    now: datetime
    leeway: int

    def __init__(self, message: str, *, code: str, expires_at: datetime, now: datetime, leeway: int) -> None:
        super().__init__(message, code=code, expires_at=expires_at, now=now, leeway=leeway)


class NotYetValidError(InvalidSecretError):
    """The secret is not valid yet: ``now < nbf - leeway``.

    ``not_before`` and ``now`` are aware UTC datetimes, ``leeway`` the seconds of tolerance.
    """

    not_before: datetime
    now: datetime
    leeway: int

    def __init__(self, message: str, *, code: str, not_before: datetime, now: datetime, leeway: int) -> None:
        super().__init__(message, code=code, not_before=not_before, now=now, leeway=leeway)


