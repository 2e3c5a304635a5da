//! The one error type of the library, with the kinds the spec names (section 6).
//!
//! Every variant carries a message a person can act on. None carries key material or a whole secret:
//! values quoted from input are short (claims are at most 255 characters) or cut by
//! [`crate::text::quote`].

use crate::text::quote;
use std::fmt;

/// The result type of every fallible function in this crate.
pub type Result<T, E = MunitySecretError> = std::result::Result<T, E>;

/// Why a key was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyErrorReason {
    /// Not PEM, DER or JWK that parses; an unexpected PEM label; an empty input.
    Malformed,
    /// An encrypted private key (PKCS#8 `ENCRYPTED PRIVATE KEY` or a legacy `Proc-Type: 4,ENCRYPTED` PEM).
    Encrypted,
    /// A key of another algorithm (EC, Ed25519, DSA, ...) or an RSA key restricted to RSA-PSS.
    NotRsa,
    /// An RSA modulus under 2048 bits.
    TooSmall,
    /// An RSA modulus over 8192 bits, beyond what the crypto library accepts.
    TooLarge,
    /// A public key or an X.509 certificate where a private key is needed.
    NotPrivate,
    /// More than one PEM block where exactly one private key is expected.
    MultipleKeys,
    /// The crypto library's own key checks refused it: inconsistent private components, an even
    /// modulus, an absurd public exponent, ...
    Rejected,
    /// No key at all: empty or blank key text, an unset or empty environment variable, an empty JWK
    /// Set, an empty key list.
    NoKey,
    /// Two keys of one verifier share a key id, so a `kid` could not select one key.
    DuplicateKeyId,
}

impl KeyErrorReason {
    /// The stable, language-neutral code of this reason (`too_small`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::Encrypted => "encrypted",
            Self::NotRsa => "not_rsa",
            Self::TooSmall => "too_small",
            Self::TooLarge => "too_large",
            Self::NotPrivate => "not_private",
            Self::MultipleKeys => "multiple_keys",
            Self::Rejected => "rejected",
            Self::NoKey => "no_key",
            Self::DuplicateKeyId => "duplicate_key_id",
        }
    }
}

/// Which rule a claim (or a minting option) broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClaimErrorReason {
    /// A required claim is absent.
    Missing,
    /// An empty string.
    Empty,
    /// Longer than the claim allows (255 characters for strings).
    TooLong,
    /// A character the claim does not allow (customer_id: only ASCII letters and digits; name: no
    /// control characters).
    InvalidCharacter,
    /// A string with a lone UTF-16 surrogate (only reachable from UTF-16 hosts: JS, JVM, Python).
    LoneSurrogate,
    /// A name made only of white space.
    Blank,
    /// Not a UUID in the hyphenated 8-4-4-4-12 form.
    InvalidUuid,
    /// A JSON value of the wrong type (a string `exp`, a numeric `customer_id`, ...).
    WrongType,
    /// A number outside its range: `expires_in` from 1 to 31,536,000 s, `leeway` from 0 to
    /// [`crate::defaults::MAX_LEEWAY`], a NumericDate (`now`, `expires_at`, `exp`, `nbf`, `iat`) outside
    /// 0 to [`crate::defaults::MAX_NUMERIC_DATE`], `expires_at` not after now or over a year ahead, a host
    /// number that is NaN, infinite or beyond 2^53 - 1.
    OutOfRange,
    /// A host number or duration with a fraction of a second where whole seconds are needed
    /// (`expires_in` 1.5, a `Duration` of 500 ms): never rounded or truncated.
    Fractional,
    /// A call naming another workspace than the one its signer is bound to.
    OtherWorkspace,
    /// A claim the secret format does not define.
    Unknown,
    /// The secret is of the other kind than the caller required (a renew secret where a connect
    /// secret is expected, or the reverse); the claim named is `integration_id`.
    WrongKind,
}

impl ClaimErrorReason {
    /// The stable, language-neutral code of this reason (`invalid_character`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Empty => "empty",
            Self::TooLong => "too_long",
            Self::InvalidCharacter => "invalid_character",
            Self::LoneSurrogate => "lone_surrogate",
            Self::Blank => "blank",
            Self::InvalidUuid => "invalid_uuid",
            Self::WrongType => "wrong_type",
            Self::OutOfRange => "out_of_range",
            Self::Fractional => "fractional",
            Self::OtherWorkspace => "other_workspace",
            Self::Unknown => "unknown",
            Self::WrongKind => "wrong_kind",
        }
    }
}

/// Everything that can go wrong minting or verifying a secret, by the spec's kinds.
///
/// Deliberately not `#[non_exhaustive]`: every binding maps it by an exhaustive `match`, so a kind
/// added here fails their builds until each language has its class or code for it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MunitySecretError {
    /// A key that cannot be used: see [`KeyErrorReason`].
    #[error("invalid key ({}): {message}", reason.code())]
    InvalidKey {
        /// Why the key was refused.
        reason: KeyErrorReason,
        /// What was found and what to do.
        message: String,
    },
    /// A claim (or minting option) that breaks its rule.
    #[error("{message}")]
    InvalidClaim {
        /// The claim's name on the wire (`customer_id`, `exp`, ...), or the option's, snake_case in every
        /// language (`expires_in`, `expires_at`, `leeway`, `now`, `kid`).
        claim: String,
        /// Which rule it broke.
        reason: ClaimErrorReason,
        /// What was found and what to do.
        message: String,
    },
    /// A string that is not a well-formed secret: size, parts, base64url, JSON, header members.
    #[error("malformed secret: {message}")]
    MalformedSecret {
        /// What was wrong.
        message: String,
    },
    /// A header `alg` other than `RS256`, refused before any key is touched.
    #[error("unsupported algorithm {}: only RS256 secrets are accepted", quote(algorithm))]
    UnsupportedAlgorithm {
        /// The `alg` found (cut to a few characters), as JSON text.
        algorithm: String,
    },
    /// The signature does not match the signing input under any key that could be used.
    #[error("bad signature: {message}")]
    BadSignature {
        /// Which keys were tried.
        message: String,
    },
    /// The secret names a key id that no key of the verifier has.
    #[error(
        "unknown key: the secret names kid {}, and no key of this verifier has that id (known: {known})",
        quote(kid)
    )]
    UnknownKey {
        /// The `kid` of the secret (cut to a few characters).
        kid: String,
        /// The key ids this verifier knows, for the message.
        known: String,
    },
    /// `now >= exp + leeway`.
    #[error("expired {} s ago (exp {expires_at}, leeway {leeway} s)", now.saturating_sub(*expires_at))]
    Expired {
        /// The secret's `exp`.
        expires_at: i64,
        /// The time of the check.
        now: i64,
        /// The leeway in force.
        leeway: u64,
    },
    /// `now < nbf - leeway`.
    #[error("not valid for another {} s (nbf {not_before}, leeway {leeway} s)", not_before.saturating_sub(*now))]
    NotYetValid {
        /// The secret's `nbf`.
        not_before: i64,
        /// The time of the check.
        now: i64,
        /// The leeway in force.
        leeway: u64,
    },
}

/// The spec's error kinds, without their details: what bindings map to classes and codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// [`MunitySecretError::InvalidKey`]
    InvalidKey,
    /// [`MunitySecretError::InvalidClaim`]
    InvalidClaim,
    /// [`MunitySecretError::MalformedSecret`]
    MalformedSecret,
    /// [`MunitySecretError::UnsupportedAlgorithm`]
    UnsupportedAlgorithm,
    /// [`MunitySecretError::BadSignature`]
    BadSignature,
    /// [`MunitySecretError::UnknownKey`]
    UnknownKey,
    /// [`MunitySecretError::Expired`]
    Expired,
    /// [`MunitySecretError::NotYetValid`]
    NotYetValid,
}

impl ErrorKind {
    /// The language-neutral code of the kind, as the conformance vectors write it (`INVALID_CLAIM`).
    pub fn code(self) -> &'static str {
        match self {
            Self::InvalidKey => "INVALID_KEY",
            Self::InvalidClaim => "INVALID_CLAIM",
            Self::MalformedSecret => "MALFORMED_SECRET",
            Self::UnsupportedAlgorithm => "UNSUPPORTED_ALGORITHM",
            Self::BadSignature => "BAD_SIGNATURE",
            Self::UnknownKey => "UNKNOWN_KEY",
            Self::Expired => "EXPIRED",
            Self::NotYetValid => "NOT_YET_VALID",
        }
    }
}

impl MunitySecretError {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::InvalidKey { .. } => ErrorKind::InvalidKey,
            Self::InvalidClaim { .. } => ErrorKind::InvalidClaim,
            Self::MalformedSecret { .. } => ErrorKind::MalformedSecret,
            Self::UnsupportedAlgorithm { .. } => ErrorKind::UnsupportedAlgorithm,
            Self::BadSignature { .. } => ErrorKind::BadSignature,
            Self::UnknownKey { .. } => ErrorKind::UnknownKey,
            Self::Expired { .. } => ErrorKind::Expired,
            Self::NotYetValid { .. } => ErrorKind::NotYetValid,
        }
    }

    /// The language-neutral code the conformance vectors use: the kind, and for keys and claims what
    /// they are about: `INVALID_KEY/too_small`, `INVALID_CLAIM/customer_id`, `EXPIRED`.
    pub fn code(&self) -> String {
        match self {
            Self::InvalidKey { reason, .. } => format!("INVALID_KEY/{}", reason.code()),
            Self::InvalidClaim { claim, .. } => format!("INVALID_CLAIM/{claim}"),
            other => other.kind().code().to_owned(),
        }
    }

    pub(crate) fn key(reason: KeyErrorReason, message: impl Into<String>) -> Self {
        Self::InvalidKey { reason, message: message.into() }
    }

    pub(crate) fn claim(claim: &str, reason: ClaimErrorReason, message: impl Into<String>) -> Self {
        Self::InvalidClaim { claim: claim.to_owned(), reason, message: message.into() }
    }

    pub(crate) fn malformed(message: impl Into<String>) -> Self {
        Self::MalformedSecret { message: message.into() }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
