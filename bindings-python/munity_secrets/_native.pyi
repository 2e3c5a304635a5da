"""Type stubs of the native extension munity_secrets._native (checked by mypy.stubtest)."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Literal, Optional, Union, final

__all__ = [
    "DEFAULT_LEEWAY",
    "Signer",
    "VerifiedSecret",
    "Verifier",
    "__version__",
    "connect_secret",
    "generate_key_pair",
    "renew_secret",
    "verify_secret",
]

__version__: str
DEFAULT_LEEWAY: int

_Now = Union[int, datetime]
_Seconds = Union[int, timedelta]
_Kind = Literal["connect", "renew"]

@final
class Signer:
    """Mints connect and renew secrets with one workspace certificate (PEM text).

    Parse it once and share it: it is immutable and safe to use from many threads; signing
    releases the GIL. Raises InvalidKeyError for a key that cannot be used.
    """

    def __new__(cls, certificate: str) -> "Signer": ...
    @classmethod
    def from_env(cls, name: str = "MUNITY_CERTIFICATE") -> "Signer":
        """Reads the certificate from the environment variable `name`."""
    @property
    def fingerprint(self) -> str:
        """The RFC 7638 JWK thumbprint of the key (SHA-256, base64url)."""
    def verifier(self) -> "Verifier":
        """A Verifier holding this signer's public key."""
    def connect_secret(
        self,
        *,
        customer_id: str,
        workspace_id: str,
        name: Optional[str] = None,
        expires_in: Optional[_Seconds] = None,
        now: Optional[_Now] = None,
        key_id: Optional[str] = None,
    ) -> str:
        """Mints a connect secret."""
    def renew_secret(
        self,
        *,
        customer_id: str,
        workspace_id: str,
        integration_id: str,
        name: Optional[str] = None,
        expires_in: Optional[_Seconds] = None,
        now: Optional[_Now] = None,
        key_id: Optional[str] = None,
    ) -> str:
        """Mints a renew secret: a connect secret's claims plus integration_id."""

@final
class Verifier:
    """Verifies secrets against one or several RSA public keys (several for key rotation).

    `public_keys` is PEM text (one or several blocks), a JWK or JWK Set as JSON text, or a list of
    such texts. Immutable and safe to share across threads; verifying releases the GIL.
    """

    def __new__(cls, public_keys: Union[str, list[str], tuple[str, ...]]) -> "Verifier": ...
    @classmethod
    def from_jwks(cls, jwks: Union[str, Mapping[str, Any]]) -> "Verifier":
        """A verifier over a JWK Set (or one JWK), as JSON text or as the parsed dict."""
    @classmethod
    def from_env(cls, name: str = "MUNITY_PUBLIC_KEY") -> "Verifier":
        """Reads the public keys from the environment variable `name`."""
    @property
    def fingerprints(self) -> list[str]:
        """The fingerprints of the keys, in the order they are tried."""
    def verify(
        self,
        secret: str,
        *,
        expect: Optional[_Kind] = None,
        leeway: _Seconds = 60,
        now: Optional[_Now] = None,
    ) -> "VerifiedSecret":
        """Verifies `secret` strictly and returns its claims."""

@final
class VerifiedSecret:
    """A secret that passed every check: its kind, its claims, and the key that verified it."""

    @property
    def kind(self) -> _Kind: ...
    @property
    def customer_id(self) -> str: ...
    @property
    def workspace_id(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def integration_id(self) -> Optional[str]: ...
    @property
    def expires_at(self) -> Optional[datetime]: ...
    @property
    def issued_at(self) -> Optional[datetime]: ...
    @property
    def not_before(self) -> Optional[datetime]: ...
    @property
    def key_id(self) -> Optional[str]: ...
    @property
    def fingerprint(self) -> str: ...
    def as_dict(self) -> dict[str, Any]:
        """Every field as a dict, times as int seconds (NumericDate): ready for JSON."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def connect_secret(
    certificate: str,
    *,
    customer_id: str,
    workspace_id: str,
    name: Optional[str] = None,
    expires_in: Optional[_Seconds] = None,
    now: Optional[_Now] = None,
    key_id: Optional[str] = None,
) -> str:
    """Mints a connect secret with `certificate`, parsed at most once (a small bounded cache)."""

def renew_secret(
    certificate: str,
    *,
    customer_id: str,
    workspace_id: str,
    integration_id: str,
    name: Optional[str] = None,
    expires_in: Optional[_Seconds] = None,
    now: Optional[_Now] = None,
    key_id: Optional[str] = None,
) -> str:
    """Mints a renew secret with `certificate`, parsed at most once (a small bounded cache)."""

def verify_secret(
    public_keys: str,
    secret: str,
    *,
    expect: Optional[_Kind] = None,
    leeway: _Seconds = 60,
    now: Optional[_Now] = None,
) -> VerifiedSecret:
    """Verifies `secret` against `public_keys`, parsed at most once (a small bounded cache)."""

def generate_key_pair(bits: int = 2048) -> tuple[str, str]:
    """A fresh RSA key pair (private_key_pem, public_key_pem), for tests and local development."""
