//! The Kotlin/JVM binding of the munity-secrets core, through UniFFI (proc-macro style).
//!
//! Thin by design: type conversion and error mapping only; every rule lives in the core. The
//! generated Kotlin (package `com.munityapps.secrets.ffi`) is wrapped by the hand-written Kotlin API
//! in `src/main/kotlin/com/munityapps/secrets/`, which is what users call.
//!
//! Strings crossing the boundary:
//! - claim values (`customer_id`, `workspace_id`, `name`, `integration_id`) and the key id come as
//!   the JVM string's UTF-16 code units (little-endian bytes) and are decoded by the core's
//!   [`claims::string_from_utf16`], so a lone surrogate is the core's `InvalidClaim`
//!   (`lone_surrogate`) instead of an encoding exception in UniFFI's string lowering;
//! - texts that are not claims (key PEM/JWK text, a secret, an environment variable's name) come the
//!   same way and are decoded lossily: a lone surrogate becomes U+FFFD, which the core then refuses as
//!   a malformed key or secret (neither format allows a non-ASCII character there).

// UniFFI lowers an error by value (it cannot be boxed), and errors are the cold path.
#![allow(clippy::result_large_err)]

use munity_secrets::claims::{self, names};
use munity_secrets::{
    ConnectRequest, ErrorKind, MintOptions, MunitySecretError, RenewRequest, SecretKind, VerifiedSecret, VerifyOptions,
};
use std::sync::Arc;

uniffi::setup_scaffolding!("munity_secrets_kotlin");

/// The spec's error kinds (mirror of the core's [`ErrorKind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FfiErrorKind {
    /// `InvalidKey`
    InvalidKey,
    /// `InvalidClaim`
    InvalidClaim,
    /// `MalformedSecret`
    MalformedSecret,
    /// `UnsupportedAlgorithm`
    UnsupportedAlgorithm,
    /// `BadSignature`
    BadSignature,
    /// `UnknownKey`
    UnknownKey,
    /// `Expired`
    Expired,
    /// `NotYetValid`
    NotYetValid,
}

impl From<ErrorKind> for FfiErrorKind {
    fn from(kind: ErrorKind) -> Self {
        // Exhaustive: a kind added to the core fails this build.
        match kind {
            ErrorKind::InvalidKey => Self::InvalidKey,
            ErrorKind::InvalidClaim => Self::InvalidClaim,
            ErrorKind::MalformedSecret => Self::MalformedSecret,
            ErrorKind::UnsupportedAlgorithm => Self::UnsupportedAlgorithm,
            ErrorKind::BadSignature => Self::BadSignature,
            ErrorKind::UnknownKey => Self::UnknownKey,
            ErrorKind::Expired => Self::Expired,
            ErrorKind::NotYetValid => Self::NotYetValid,
        }
    }
}

/// The core's error, flattened: the Kotlin layer rebuilds the sealed `MunitySecretException`
/// hierarchy from it. `text` is the core's own `Display` message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum FfiError {
    /// Every core error.
    Failure {
        /// The kind.
        kind: FfiErrorKind,
        /// The core's `code()`: `INVALID_CLAIM/customer_id`, `INVALID_KEY/too_small`, `EXPIRED`, ...
        code: String,
        /// The core's `Display` text.
        text: String,
        /// `InvalidClaim`: the claim's (or option's) name.
        claim: Option<String>,
        /// `InvalidKey`, `InvalidClaim`: the reason's code (`too_small`, `lone_surrogate`, ...).
        reason: Option<String>,
        /// `Expired`: `exp`; `NotYetValid`: `nbf`.
        at: Option<i64>,
        /// `Expired`, `NotYetValid`: the time of the check.
        now: Option<i64>,
        /// `Expired`, `NotYetValid`: the leeway in force, in seconds.
        leeway: Option<u64>,
        /// `UnsupportedAlgorithm`: the `alg` found; `UnknownKey`: the `kid` found.
        found: Option<String>,
    },
}

impl std::fmt::Display for FfiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Self::Failure { text, .. } = self;
        f.write_str(text)
    }
}

impl std::error::Error for FfiError {}

impl From<MunitySecretError> for FfiError {
    fn from(error: MunitySecretError) -> Self {
        let kind = FfiErrorKind::from(error.kind());
        let code = error.code();
        let text = error.to_string();
        let (mut claim, mut reason, mut at, mut now, mut leeway, mut found) = (None, None, None, None, None, None);
        match &error {
            MunitySecretError::InvalidKey { reason: r, .. } => reason = Some(r.code().to_owned()),
            MunitySecretError::InvalidClaim { claim: c, reason: r, .. } => {
                claim = Some(c.clone());
                reason = Some(r.code().to_owned());
            }
            MunitySecretError::UnsupportedAlgorithm { algorithm } => found = Some(algorithm.clone()),
            MunitySecretError::UnknownKey { kid, .. } => found = Some(kid.clone()),
            MunitySecretError::Expired { expires_at, now: n, leeway: l } => {
                at = Some(*expires_at);
                now = Some(*n);
                leeway = Some(*l);
            }
            MunitySecretError::NotYetValid { not_before, now: n, leeway: l } => {
                at = Some(*not_before);
                now = Some(*n);
                leeway = Some(*l);
            }
            // Exhaustive: a kind added to the core fails this build until it is mapped.
            MunitySecretError::MalformedSecret { .. } | MunitySecretError::BadSignature { .. } => {}
        }
        Self::Failure { kind, code, text, claim, reason, at, now, leeway, found }
    }
}

type Result<T> = std::result::Result<T, FfiError>;

/// The two kinds of secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FfiSecretKind {
    /// A connect secret.
    Connect,
    /// A renew secret (has `integration_id`).
    Renew,
}

impl From<SecretKind> for FfiSecretKind {
    fn from(kind: SecretKind) -> Self {
        match kind {
            SecretKind::Connect => Self::Connect,
            SecretKind::Renew => Self::Renew,
        }
    }
}

impl From<FfiSecretKind> for SecretKind {
    fn from(kind: FfiSecretKind) -> Self {
        match kind {
            FfiSecretKind::Connect => Self::Connect,
            FfiSecretKind::Renew => Self::Renew,
        }
    }
}

/// A verified secret (mirror of the core's [`VerifiedSecret`]); times in seconds since the epoch.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FfiVerifiedSecret {
    /// `connect` or `renew`.
    pub kind: FfiSecretKind,
    /// The customer.
    pub customer_id: String,
    /// The workspace, lowercase.
    pub workspace_id: String,
    /// The name, when present.
    pub name: Option<String>,
    /// The integration, lowercase (renew secrets).
    pub integration_id: Option<String>,
    /// `exp`.
    pub expires_at: Option<i64>,
    /// `iat`.
    pub issued_at: Option<i64>,
    /// `nbf`.
    pub not_before: Option<i64>,
    /// The header's `kid`.
    pub key_id: Option<String>,
    /// The thumbprint of the key that verified it.
    pub fingerprint: String,
}

impl From<VerifiedSecret> for FfiVerifiedSecret {
    fn from(v: VerifiedSecret) -> Self {
        Self {
            kind: v.kind.into(),
            customer_id: v.customer_id,
            workspace_id: v.workspace_id,
            name: v.name,
            integration_id: v.integration_id,
            expires_at: v.expires_at,
            issued_at: v.issued_at,
            not_before: v.not_before,
            key_id: v.key_id,
            fingerprint: v.fingerprint,
        }
    }
}

/// A generated key pair, PEM (for development and tests).
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct FfiKeyPair {
    /// PKCS#8 private key.
    pub private_key_pem: String,
    /// SPKI public key.
    pub public_key_pem: String,
}

impl std::fmt::Debug for FfiKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FfiKeyPair { .. }")
    }
}

fn units(utf16le: &[u8]) -> Vec<u16> {
    utf16le.chunks_exact(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]])).collect()
}

/// A claim value: strict UTF-16 decoding by the core (a lone surrogate is `InvalidClaim`).
fn claim(name: &str, utf16le: &[u8]) -> Result<String> {
    Ok(claims::string_from_utf16(name, &units(utf16le))?)
}

/// A text that is not a claim (key text, secret, variable name): lossy decoding, so that the core
/// sees U+FFFD where a lone surrogate was and refuses the text as it refuses any non-ASCII there.
fn text(utf16le: &[u8]) -> String {
    String::from_utf16_lossy(&units(utf16le))
}

/// The arguments of a mint call, in one record so that the JVM side lowers them into one buffer
/// (each separate `Vec`/`Option` argument would cost UniFFI an extra native call to allocate its own).
/// Strings are UTF-16LE bytes.
#[derive(uniffi::Record)]
pub struct FfiMintArgs {
    /// `customer_id`.
    pub customer_id: Vec<u8>,
    /// `workspace_id`.
    pub workspace_id: Vec<u8>,
    /// `integration_id`: present for a renew secret, absent for a connect secret.
    pub integration_id: Option<Vec<u8>>,
    /// `name`.
    pub name: Option<Vec<u8>>,
    /// `expires_in`, seconds.
    pub expires_in: Option<i64>,
    /// `now`, seconds since the epoch.
    pub now: Option<i64>,
    /// The header's `kid`.
    pub key_id: Option<Vec<u8>>,
}

/// The arguments of a verify call, in one record (see [`FfiMintArgs`]).
#[derive(uniffi::Record)]
pub struct FfiVerifyArgs {
    /// The secret, UTF-16LE bytes.
    pub secret: Vec<u8>,
    /// The leeway, seconds.
    pub leeway: u64,
    /// `now`, seconds since the epoch.
    pub now: Option<i64>,
    /// The kind required.
    pub expect: Option<FfiSecretKind>,
}

/// Mints secrets with one workspace certificate (the core's `Signer`). `Send + Sync`.
#[derive(uniffi::Object)]
pub struct FfiSigner {
    inner: munity_secrets::Signer,
}

#[uniffi::export]
impl FfiSigner {
    /// The certificate's text, as UTF-16LE bytes.
    #[uniffi::constructor]
    pub fn new(certificate: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: munity_secrets::Signer::new(&text(&certificate))? }))
    }

    /// The certificate from the environment variable whose name is given as UTF-16LE bytes.
    #[uniffi::constructor]
    pub fn from_env(name: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: munity_secrets::Signer::from_env(&text(&name))? }))
    }

    /// The key's RFC 7638 thumbprint.
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_owned()
    }

    /// A verifier holding this signer's public key.
    pub fn verifier(&self) -> Arc<FfiVerifier> {
        Arc::new(FfiVerifier { inner: self.inner.verifier() })
    }

    /// Mints a renew secret when `integration_id` is present, else a connect secret.
    pub fn mint(&self, args: FfiMintArgs) -> Result<String> {
        // Decoded in the order the core checks claims, so the first error is the same as the core's.
        let customer_id = claim(names::CUSTOMER_ID, &args.customer_id)?;
        let workspace_id = claim(names::WORKSPACE_ID, &args.workspace_id)?;
        let name = args.name.map(|n| claim(names::NAME, &n)).transpose()?;
        let integration_id = args.integration_id.map(|i| claim(names::INTEGRATION_ID, &i)).transpose()?;
        let key_id = args.key_id.map(|k| claim(names::KID, &k)).transpose()?;
        let options = MintOptions { expires_in: args.expires_in, now: args.now, key_id };
        let secret = match &integration_id {
            None => self.inner.connect_secret(
                &ConnectRequest { customer_id: &customer_id, workspace_id: &workspace_id, name: name.as_deref() },
                &options,
            ),
            Some(integration_id) => self.inner.renew_secret(
                &RenewRequest {
                    customer_id: &customer_id,
                    workspace_id: &workspace_id,
                    integration_id,
                    name: name.as_deref(),
                },
                &options,
            ),
        };
        Ok(secret?)
    }
}

/// Verifies secrets against one or several public keys (the core's `Verifier`). `Send + Sync`.
#[derive(uniffi::Object)]
pub struct FfiVerifier {
    inner: munity_secrets::Verifier,
}

#[uniffi::export]
impl FfiVerifier {
    /// PEM / JWK / JWK Set text, as UTF-16LE bytes.
    #[uniffi::constructor]
    pub fn new(public_keys: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: munity_secrets::Verifier::new(&text(&public_keys))? }))
    }

    /// The keys from the environment variable whose name is given as UTF-16LE bytes.
    #[uniffi::constructor]
    pub fn from_env(name: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: munity_secrets::Verifier::from_env(&text(&name))? }))
    }

    /// The thumbprints of the keys, in the order they are tried.
    pub fn fingerprints(&self) -> Vec<String> {
        self.inner.keys().iter().map(|k| k.fingerprint().to_owned()).collect()
    }

    /// The key ids of the keys (`None` for a key without one), in the same order.
    pub fn key_ids(&self) -> Vec<Option<String>> {
        self.inner.keys().iter().map(|k| k.key_id().map(str::to_owned)).collect()
    }

    /// Verifies a secret strictly.
    pub fn verify(&self, args: FfiVerifyArgs) -> Result<FfiVerifiedSecret> {
        let options = VerifyOptions { leeway: args.leeway, now: args.now, expect: args.expect.map(SecretKind::from) };
        Ok(self.inner.verify(&text(&args.secret), &options)?.into())
    }
}

/// A fresh RSA key pair of 2048, 3072 or 4096 bits (development and tests only).
#[uniffi::export]
pub fn ffi_generate_key_pair(bits: u32) -> Result<FfiKeyPair> {
    let pair = munity_secrets::generate_key_pair(bits)?;
    Ok(FfiKeyPair { private_key_pem: pair.private_key_pem, public_key_pem: pair.public_key_pem })
}

/// The version of this native library (the workspace version), to check against the jar's.
#[uniffi::export]
pub fn ffi_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The core's default leeway, in seconds.
#[uniffi::export]
pub fn ffi_default_leeway() -> u64 {
    munity_secrets::DEFAULT_LEEWAY
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn lone_surrogate_in_a_claim_is_the_cores_invalid_claim() {
        let bytes: Vec<u8> = [0x61u16, 0xD800, 0x62].iter().flat_map(|u| u.to_le_bytes()).collect();
        let FfiError::Failure { kind, code, reason, .. } = claim(names::NAME, &bytes).unwrap_err();
        assert_eq!(kind, FfiErrorKind::InvalidClaim);
        assert_eq!(code, "INVALID_CLAIM/name");
        assert_eq!(reason.as_deref(), Some("lone_surrogate"));
        assert_eq!(claim(names::NAME, &utf16("naïve 😀")).unwrap(), "naïve 😀");
    }

    #[test]
    fn errors_keep_the_cores_text_and_code() {
        let core = munity_secrets::Verifier::new("nope").unwrap_err();
        let FfiError::Failure { kind, code, text, .. } = FfiError::from(core.clone());
        assert_eq!(kind, FfiErrorKind::InvalidKey);
        assert_eq!(code, core.code());
        assert_eq!(text, core.to_string());
    }
}
