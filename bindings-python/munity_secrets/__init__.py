"""Mint and verify Munity connect and renew secrets.

A thin Python face over one Rust core shared with the Node, Kotlin and command-line front ends:
secrets are byte-identical to what PyJWT writes for the same claims, input is validated, keys are
parsed once, and the GIL is released while signing and verifying.

>>> from munity_secrets import Signer, Verifier
>>> signer = Signer(certificate)                                    # doctest: +SKIP
>>> secret = signer.connect_secret(customer_id="customer1234",
...     workspace_id="11111111-2222-3333-aaaa-eeeeeeeeeeee", expires_in=600)  # doctest: +SKIP
"""

from ._errors import (
    BadSignatureError,
    ExpiredSecretError,
    InvalidClaimError,
    InvalidKeyError,
    InvalidSecretError,
    MalformedSecretError,
    MunitySecretError,
    NotYetValidError,
    UnknownKeyError,
    UnsupportedAlgorithmError,
)
from ._native import (
    DEFAULT_LEEWAY,
    Signer,
    VerifiedSecret,
    Verifier,
    __version__,
    connect_secret,
    generate_key_pair,
    renew_secret,
    verify_secret,
)

__all__ = [
    "DEFAULT_LEEWAY",
    "BadSignatureError",
    "ExpiredSecretError",
    "InvalidClaimError",
    "InvalidKeyError",
    "InvalidSecretError",
    "MalformedSecretError",
    "MunitySecretError",
    "NotYetValidError",
    "Signer",
    "UnknownKeyError",
    "UnsupportedAlgorithmError",
    "VerifiedSecret",
    "Verifier",
    "__version__",
    "connect_secret",
    "generate_key_pair",
    "renew_secret",
    "verify_secret",
]
