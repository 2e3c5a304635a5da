//! The Kotlin/JVM binding of the munity-secrets core, through UniFFI (proc-macro style).
//!
//! Conversion only: JVM values to the core's types and the core's error to one flat record. Every
//! rule (claims, options, defaults, connect against renew, merging key texts) is the core's. The
//! generated Kotlin (package `com.munityapps.secrets.ffi`) is wrapped by the hand-written API in
//! `src/main/kotlin/com/munityapps/secrets/`, which is what users call.
//!
//! Strings come as the JVM string's UTF-16 code units (little-endian bytes): claim values and the
//! key id are decoded by the core's [`options::string_from_utf16`] (a lone surrogate is its
//! `InvalidClaim/lone_surrogate`, not an encoding exception in UniFFI's string lowering); texts that
//! are not claims (key text, a secret, a variable name) lossily, so a lone surrogate becomes U+FFFD,
//! which the core refuses as it refuses any non-ASCII character there. Durations and instants come as
//! seconds and nanoseconds and go through the core's [`options::seconds_from_parts`].

// UniFFI lowers an error by value (it cannot be boxed), and errors are the cold path.
#![allow(clippy::result_large_err)]

use munity_secrets::claims::names;
use munity_secrets::{defaults, options, Expiry, MintOptions, MintRequest, MunitySecretError, VerifyOptions};
use munity_secrets::{ErrorKind, SecretKind, VerifiedSecret};
use std::sync::Arc;

uniffi::setup_scaffolding!("munity_secrets_kotlin");

/// The spec's error kinds (mirror of the core's [`ErrorKind`]), to pick the exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FfiErrorKind {
    InvalidKey,
    InvalidClaim,
    MalformedSecret,
    UnsupportedAlgorithm,
    BadSignature,
    UnknownKey,
    Expired,
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

/// The core's error, flattened; the Kotlin layer rebuilds the sealed `MunitySecretException` from it.
/// `code`, `kind_code`, `claim`, `reason` are the fields every binding shares (docs/errors.md).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum FfiError {
    /// Every core error.
    Failure {
        kind: FfiErrorKind,
        /// `ErrorKind::code()`: `INVALID_CLAIM`, ...
        kind_code: String,
        /// `MunitySecretError::code()`: `INVALID_CLAIM/customer_id`, `INVALID_KEY/too_small`, `EXPIRED`, ...
        code: String,
        /// The core's `Display` text.
        text: String,
        /// `InvalidClaim`: the claim's (or option's) name.
        claim: Option<String>,
        /// `InvalidKey`, `InvalidClaim`: the reason's code.
        reason: Option<String>,
        /// `Expired`: `exp`; `NotYetValid`: `nbf`.
        at: Option<i64>,
        /// `Expired`, `NotYetValid`: the time of the check.
        now: Option<i64>,
        /// `Expired`, `NotYetValid`: the leeway in force, seconds.
        leeway: Option<i64>,
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
                (at, now, leeway) = (Some(*expires_at), Some(*n), Some(i64::try_from(*l).unwrap_or(i64::MAX)));
            }
            MunitySecretError::NotYetValid { not_before, now: n, leeway: l } => {
                (at, now, leeway) = (Some(*not_before), Some(*n), Some(i64::try_from(*l).unwrap_or(i64::MAX)));
            }
            // Exhaustive: a kind added to the core fails this build until it is mapped.
            MunitySecretError::MalformedSecret { .. } | MunitySecretError::BadSignature { .. } => {}
        }
        Self::Failure {
            kind: error.kind().into(),
            kind_code: error.kind().code().to_owned(),
            code: error.code(),
            text: error.to_string(),
            claim,
            reason,
            at,
            now,
            leeway,
            found,
        }
    }
}

type Result<T> = std::result::Result<T, FfiError>;

/// The two kinds of secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FfiSecretKind {
    Connect,
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

/// A `java.time.Duration` or `Instant` as its parts (`seconds`, `nano` in 0..1e9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct FfiTime {
    pub seconds: i64,
    pub nanos: u32,
}

impl FfiTime {
    /// Whole seconds, or the core's `InvalidClaim` naming `option` (`fractional`, ...).
    fn seconds(self, option: &str) -> Result<i64> {
        Ok(options::seconds_from_parts(option, self.seconds, self.nanos)?)
    }
}

/// The expiry the caller asked for (mirror of the core's [`Expiry`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FfiExpiry {
    In { duration: FfiTime },
    At { instant: FfiTime },
    Never,
}

/// A verified secret (mirror of the core's [`VerifiedSecret`]); times in seconds since the epoch,
/// within 0..=`MAX_NUMERIC_DATE` (the core checks), so every one is a valid `Instant`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FfiVerifiedSecret {
    pub kind: FfiSecretKind,
    pub customer_id: String,
    pub workspace_id: String,
    pub name: Option<String>,
    pub integration_id: Option<String>,
    pub expires_at: Option<i64>,
    pub issued_at: Option<i64>,
    pub not_before: Option<i64>,
    pub key_id: Option<String>,
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

/// A generated key pair, PEM (for development and tests). Its `Debug` shows no key.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct FfiKeyPair {
    pub private_key_pem: String,
    pub public_key_pem: String,
}

impl std::fmt::Debug for FfiKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FfiKeyPair { .. }")
    }
}

/// The core's defaults and limits ([`defaults`]), read once by the Kotlin layer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FfiDefaults {
    pub certificate_env: String,
    pub workspace_id_env: String,
    pub public_key_env: String,
    pub default_expires_in: i64,
    pub max_expires_in: i64,
    pub default_leeway: i64,
    pub max_leeway: i64,
    pub default_key_bits: u32,
    pub max_numeric_date: i64,
}

fn units(utf16le: &[u8]) -> Vec<u16> {
    utf16le.chunks_exact(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]])).collect()
}

/// A claim value: strict UTF-16 decoding by the core (a lone surrogate is `InvalidClaim`).
fn claim(name: &str, utf16le: &[u8]) -> Result<String> {
    Ok(options::string_from_utf16(name, &units(utf16le))?)
}

fn optional_claim(name: &str, utf16le: Option<Vec<u8>>) -> Result<Option<String>> {
    utf16le.map(|bytes| claim(name, &bytes)).transpose()
}

/// A text that is not a claim (key text, secret, variable name): lossy decoding.
fn text(utf16le: &[u8]) -> String {
    String::from_utf16_lossy(&units(utf16le))
}

/// The arguments of a mint call in one record, so that the JVM side lowers them into one buffer
/// (each separate `Vec`/`Option` argument would cost UniFFI a native call of its own).
/// Strings are UTF-16LE bytes. A renew secret when `integration_id` is present (the core decides).
#[derive(uniffi::Record)]
pub struct FfiMintArgs {
    pub customer_id: Vec<u8>,
    pub workspace_id: Option<Vec<u8>>,
    pub name: Option<Vec<u8>>,
    pub integration_id: Option<Vec<u8>>,
    pub expiry: FfiExpiry,
    pub now: Option<FfiTime>,
    pub key_id: Option<Vec<u8>>,
}

impl FfiMintArgs {
    /// Converts the arguments (claims first, as the core checks them) and mints with `signer`.
    fn mint(self, signer: &munity_secrets::Signer) -> Result<String> {
        let customer_id = claim(names::CUSTOMER_ID, &self.customer_id)?;
        let workspace_id = optional_claim(names::WORKSPACE_ID, self.workspace_id)?;
        let name = optional_claim(names::NAME, self.name)?;
        let integration_id = optional_claim(names::INTEGRATION_ID, self.integration_id)?;
        let key_id = optional_claim(names::KID, self.key_id)?;
        let now = self.now.map(|now| now.seconds(names::NOW)).transpose()?;
        let expiry = match self.expiry {
            FfiExpiry::In { duration } => Expiry::In(duration.seconds(names::EXPIRES_IN)?),
            FfiExpiry::At { instant } => Expiry::At(instant.seconds(names::EXPIRES_AT)?),
            FfiExpiry::Never => Expiry::Never,
        };
        let request = MintRequest {
            customer_id: &customer_id,
            workspace_id: workspace_id.as_deref(),
            name: name.as_deref(),
            integration_id: integration_id.as_deref(),
        };
        Ok(signer.mint(&request, &MintOptions { expiry, now, key_id })?.secret)
    }
}

/// The arguments of a verify call in one record (see [`FfiMintArgs`]).
#[derive(uniffi::Record)]
pub struct FfiVerifyArgs {
    /// The secret, UTF-16LE bytes.
    pub secret: Vec<u8>,
    pub leeway: FfiTime,
    pub now: Option<FfiTime>,
    pub expect: Option<FfiSecretKind>,
}

impl FfiVerifyArgs {
    fn verify(self, verifier: &munity_secrets::Verifier) -> Result<FfiVerifiedSecret> {
        let options = VerifyOptions {
            leeway: self.leeway.seconds(names::LEEWAY)?,
            now: self.now.map(|now| now.seconds(names::NOW)).transpose()?,
            expect: self.expect.map(SecretKind::from),
        };
        Ok(verifier.verify(&text(&self.secret), &options)?.into())
    }
}

/// Mints secrets with one workspace certificate (the core's `Signer`). `Send + Sync`.
#[derive(uniffi::Object)]
pub struct FfiSigner {
    inner: munity_secrets::Signer,
}

#[uniffi::export]
impl FfiSigner {
    /// The certificate's text; bound to `workspace_id` when given (UTF-16LE bytes both).
    #[uniffi::constructor]
    pub fn new(certificate: Vec<u8>, workspace_id: Option<Vec<u8>>) -> Result<Arc<Self>> {
        let certificate = text(&certificate);
        let inner = match optional_claim(names::WORKSPACE_ID, workspace_id)? {
            None => munity_secrets::Signer::new(&certificate)?,
            Some(workspace_id) => munity_secrets::Signer::bound(&certificate, &workspace_id)?,
        };
        Ok(Arc::new(Self { inner }))
    }

    /// The core's `Signer::from_env_vars` (variable names as UTF-16LE bytes).
    #[uniffi::constructor]
    pub fn from_env(certificate_var: Vec<u8>, workspace_var: Option<Vec<u8>>) -> Result<Arc<Self>> {
        let workspace_var = workspace_var.map(|name| text(&name));
        let inner = munity_secrets::Signer::from_env_vars(&text(&certificate_var), workspace_var.as_deref())?;
        Ok(Arc::new(Self { inner }))
    }

    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_owned()
    }

    pub fn workspace_id(&self) -> Option<String> {
        self.inner.workspace_id().map(str::to_owned)
    }

    pub fn verifier(&self) -> Arc<FfiVerifier> {
        Arc::new(FfiVerifier { inner: self.inner.verifier() })
    }

    pub fn mint(&self, args: FfiMintArgs) -> Result<String> {
        args.mint(&self.inner)
    }
}

/// Verifies secrets against one or several public keys (the core's `Verifier`). `Send + Sync`.
#[derive(uniffi::Object)]
pub struct FfiVerifier {
    inner: munity_secrets::Verifier,
}

#[uniffi::export]
impl FfiVerifier {
    /// Several key texts (PEM / JWK / JWK Set each, UTF-16LE bytes), merged by the core.
    #[uniffi::constructor]
    pub fn new(texts: Vec<Vec<u8>>) -> Result<Arc<Self>> {
        let texts: Vec<String> = texts.iter().map(|t| text(t)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        Ok(Arc::new(Self { inner: munity_secrets::Verifier::from_texts(&texts)? }))
    }

    /// The core's `Verifier::from_env_var` (the name as UTF-16LE bytes).
    #[uniffi::constructor]
    pub fn from_env(name: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: munity_secrets::Verifier::from_env_var(&text(&name))? }))
    }

    pub fn fingerprints(&self) -> Vec<String> {
        self.inner.fingerprints().into_iter().map(str::to_owned).collect()
    }

    pub fn key_ids(&self) -> Vec<Option<String>> {
        self.inner.key_ids().into_iter().map(|id| id.map(str::to_owned)).collect()
    }

    pub fn verify(&self, args: FfiVerifyArgs) -> Result<FfiVerifiedSecret> {
        args.verify(&self.inner)
    }
}

/// One-call mint with the core's cached signer for `certificate` (UTF-16LE bytes).
#[uniffi::export]
pub fn ffi_mint_with(certificate: Vec<u8>, args: FfiMintArgs) -> Result<String> {
    args.mint(&*munity_secrets::cached_signer(&text(&certificate))?)
}

/// One-call verify with the core's cached verifier for `public_keys` (UTF-16LE bytes).
#[uniffi::export]
pub fn ffi_verify_with(public_keys: Vec<u8>, args: FfiVerifyArgs) -> Result<FfiVerifiedSecret> {
    args.verify(&*munity_secrets::cached_verifier(&text(&public_keys))?)
}

/// A fresh RSA key pair of `bits` (development and tests only).
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

/// The core's defaults and limits.
#[uniffi::export]
pub fn ffi_defaults() -> FfiDefaults {
    FfiDefaults {
        certificate_env: defaults::CERTIFICATE_ENV.to_owned(),
        workspace_id_env: defaults::WORKSPACE_ID_ENV.to_owned(),
        public_key_env: defaults::PUBLIC_KEY_ENV.to_owned(),
        default_expires_in: defaults::DEFAULT_EXPIRES_IN,
        max_expires_in: defaults::MAX_EXPIRES_IN,
        default_leeway: defaults::DEFAULT_LEEWAY,
        max_leeway: defaults::MAX_LEEWAY,
        default_key_bits: defaults::DEFAULT_KEY_BITS,
        max_numeric_date: defaults::MAX_NUMERIC_DATE,
    }
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
    fn errors_keep_the_cores_text_and_codes() {
        let core = munity_secrets::Verifier::new("nope").unwrap_err();
        let FfiError::Failure { kind, kind_code, code, text, .. } = FfiError::from(core.clone());
        assert_eq!(kind, FfiErrorKind::InvalidKey);
        assert_eq!(kind_code, "INVALID_KEY");
        assert_eq!(code, core.code());
        assert_eq!(text, core.to_string());
    }

    #[test]
    fn a_fraction_of_a_second_is_the_cores_fractional() {
        let half = FfiTime { seconds: 0, nanos: 500_000_000 };
        let FfiError::Failure { code, reason, .. } = half.seconds(names::EXPIRES_IN).unwrap_err();
        assert_eq!((code.as_str(), reason.as_deref()), ("INVALID_CLAIM/expires_in", Some("fractional")));
        assert_eq!(FfiTime { seconds: 600, nanos: 0 }.seconds(names::EXPIRES_IN).unwrap(), 600);
    }
}
