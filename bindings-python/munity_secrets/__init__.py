"""Mint and verify Munity connect and renew secrets.

A thin Python face over one Rust core shared with the Node, Kotlin and command-line front ends:
secrets are byte-identical to what PyJWT writes for the same claims, input is validated, keys are
parsed once, and the GIL is released while signing and verifying.

>>> from munity_secrets import Signer, Verifier
>>> signer = Signer(certificate, workspace_id="11111111-2222-3333-aaaa-eeeeeeeeeeee")  # doctest: +SKIP
>>> secret = signer.connect_secret(customer_id="customer1234")    # expires in an hour  # doctest: +SKIP
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
    CERTIFICATE_ENV,
    DEFAULT_EXPIRES_IN,
    DEFAULT_KEY_BITS,
    DEFAULT_LEEWAY,
    MAX_EXPIRES_IN,
    MAX_LEEWAY,
    MAX_NUMERIC_DATE,
    PUBLIC_KEY_ENV,
    WORKSPACE_ID_ENV,
    MintedSecret,
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
    "BadSignatureError",
    "CERTIFICATE_ENV",
    "DEFAULT_EXPIRES_IN",
    "DEFAULT_KEY_BITS",
    "DEFAULT_LEEWAY",
    "ExpiredSecretError",
    "InvalidClaimError",
    "InvalidKeyError",
    "InvalidSecretError",
    "MAX_EXPIRES_IN",
    "MAX_LEEWAY",
    "MAX_NUMERIC_DATE",
    "MalformedSecretError",
    "MintedSecret",
    "MunitySecretError",
    "NotYetValidError",
    "PUBLIC_KEY_ENV",
    "Signer",
    "UnknownKeyError",
    "UnsupportedAlgorithmError",
    "VerifiedSecret",
    "Verifier",
    "WORKSPACE_ID_ENV",
    "__version__",
    "connect_secret",
    "generate_key_pair",
    "renew_secret",
    "verify_secret",
]
