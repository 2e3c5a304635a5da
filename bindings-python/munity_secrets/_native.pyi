"""Type stubs of the native extension munity_secrets._native (checked by mypy.stubtest)."""

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final, Literal, Optional, Union, final

__all__ = [
    "CERTIFICATE_ENV",
    "DEFAULT_EXPIRES_IN",
    "DEFAULT_KEY_BITS",
    "DEFAULT_LEEWAY",
    "MAX_EXPIRES_IN",
    "MAX_LEEWAY",
    "MAX_NUMERIC_DATE",
    "PUBLIC_KEY_ENV",
    "WORKSPACE_ID_ENV",
    "MintedSecret",
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
CERTIFICATE_ENV: Final[str]
"""The environment variable of the workspace certificate: "MUNITY_CERTIFICATE"."""
WORKSPACE_ID_ENV: Final[str]
"""The environment variable of the workspace a signer from the environment is bound to: "MUNITY_WORKSPACE_ID"."""
PUBLIC_KEY_ENV: Final[str]
"""The environment variable of the verifier's public key(s): "MUNITY_PUBLIC_KEY"."""
DEFAULT_EXPIRES_IN: Final[int]
"""The lifetime of a secret when the caller says nothing: 3600 s."""
MAX_EXPIRES_IN: Final[int]
"""The longest lifetime (and how far ahead expires_at may lie): 31,536,000 s (365 days)."""
DEFAULT_LEEWAY: Final[int]
"""The default clock tolerance of verify: 60 s."""
MAX_LEEWAY: Final[int]
"""The largest leeway verify accepts, in seconds."""
DEFAULT_KEY_BITS: Final[int]
"""The modulus size of generate_key_pair(): 2048."""
MAX_NUMERIC_DATE: Final[int]
"""The last NumericDate accepted anywhere: 253402300799 (9999-12-31T23:59:59Z)."""

# An instant: an int or float NumericDate (whole seconds) or an aware datetime.
_Instant = Union[int, float, datetime]
# A duration: whole seconds as an int or float, or a timedelta.
_Seconds = Union[int, float, timedelta]
_Kind = Literal["connect", "renew"]

@final
class Signer:
    """Mints connect and renew secrets with one workspace certificate (PEM text).

    With `workspace_id` the signer is bound to its workspace: calls may leave workspace_id out, and
    one naming another workspace raises InvalidClaimError (reason "other_workspace"). Parse it once
    and share it: it is immutable and safe to use from many threads; signing releases the GIL.
    Raises InvalidKeyError for a key that cannot be used.
    """

    def __new__(cls, certificate: str, *, workspace_id: Optional[str] = None) -> "Signer": ...
    @classmethod
    def from_env(
        cls, name: str = "MUNITY_CERTIFICATE", *, workspace_id_name: Optional[str] = "MUNITY_WORKSPACE_ID"
    ) -> "Signer":
        """The signer of the environment: the certificate from `name`, bound to the workspace in
        `workspace_id_name` when that variable is set and not empty (None: never bound)."""
    @property
    def fingerprint(self) -> str:
        """The RFC 7638 JWK thumbprint of the key (SHA-256, base64url)."""
    @property
    def workspace_id(self) -> Optional[str]:
        """The workspace this signer is bound to (lowercase UUID), or None."""
    def verifier(self) -> "Verifier":
        """A Verifier holding this signer's public key."""
    def mint(
        self,
        *,
        customer_id: str,
        workspace_id: Optional[str] = None,
        name: Optional[str] = None,
        integration_id: Optional[str] = None,
        expires_in: Optional[_Seconds] = 3600,
        expires_at: Optional[_Instant] = None,
        now: Optional[_Instant] = None,
        key_id: Optional[str] = None,
    ) -> "MintedSecret":
        """Mints a connect secret, or a renew secret when integration_id is given, with its expiry."""
    def connect_secret(
        self,
        *,
        customer_id: str,
        workspace_id: Optional[str] = None,
        name: Optional[str] = None,
        expires_in: Optional[_Seconds] = 3600,
        expires_at: Optional[_Instant] = None,
        now: Optional[_Instant] = None,
        key_id: Optional[str] = None,
    ) -> str:
        """Mints a connect secret."""
    def renew_secret(
        self,
        *,
        customer_id: str,
        integration_id: str,
        workspace_id: Optional[str] = None,
        name: Optional[str] = None,
        expires_in: Optional[_Seconds] = 3600,
        expires_at: Optional[_Instant] = None,
        now: Optional[_Instant] = None,
        key_id: Optional[str] = None,
    ) -> str:
        """Mints a renew secret: a connect secret's claims plus integration_id."""

@final
class MintedSecret:
    """A freshly minted secret with its kind and expiry: what a web endpoint hands to its front end."""

    @property
    def secret(self) -> str: ...
    @property
    def kind(self) -> _Kind: ...
    @property
    def expires_at(self) -> Optional[datetime]: ...
    def as_dict(self) -> dict[str, Any]:
        """{"secret", "kind", "expires_at"} with expires_at an int NumericDate or None: ready for JSON."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Verifier:
    """Verifies secrets against one or several RSA public keys (several for key rotation).

    `public_keys` is PEM text (one or several blocks), a JWK or JWK Set as JSON text, or a sequence
    (list, tuple) of such texts. Immutable and safe to share across threads; verifying releases the GIL.
    """

    def __new__(cls, public_keys: Union[str, Sequence[str]]) -> "Verifier": ...
    @classmethod
    def from_jwks(cls, jwks: Union[str, Mapping[str, Any]]) -> "Verifier":
        """A verifier over a JWK Set (or one JWK), as JSON text or as the parsed mapping."""
    @classmethod
    def from_env(cls, name: str = "MUNITY_PUBLIC_KEY") -> "Verifier":
        """Reads the public keys from the environment variable `name`."""
    @property
    def fingerprints(self) -> list[str]:
        """The fingerprints of the keys, in the order they are tried."""
    @property
    def key_ids(self) -> list[Optional[str]]:
        """The key ids (kid) of the keys, in the same order; None for a key without one."""
    def verify(
        self,
        secret: str,
        *,
        expect: Optional[_Kind] = None,
        leeway: _Seconds = 60,
        now: Optional[_Instant] = None,
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
    expires_in: Optional[_Seconds] = 3600,
    expires_at: Optional[_Instant] = None,
    now: Optional[_Instant] = None,
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
    expires_in: Optional[_Seconds] = 3600,
    expires_at: Optional[_Instant] = None,
    now: Optional[_Instant] = None,
    key_id: Optional[str] = None,
) -> str:
    """Mints a renew secret with `certificate`, parsed at most once (a small bounded cache)."""

def verify_secret(
    public_keys: str,
    secret: str,
    *,
    expect: Optional[_Kind] = None,
    leeway: _Seconds = 60,
    now: Optional[_Instant] = None,
) -> VerifiedSecret:
    """Verifies `secret` against `public_keys`, parsed at most once (a small bounded cache)."""

def generate_key_pair(bits: int = 2048) -> tuple[str, str]:
    """A fresh RSA key pair (private_key_pem, public_key_pem), for tests and local development."""
