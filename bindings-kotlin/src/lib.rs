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
use munity_secrets::{ErrorKind, GeneratedKeyPair, SecretKind, VerifiedSecret};
use std::sync::Arc;

uniffi::setup_scaffolding!("munity_secrets_kotlin");

// The core's plain types, declared to UniFFI as they are (remote types): no mirror types, no From impls.

/// The spec's error kinds, to pick the exception class.
#[uniffi::remote(Enum)]
pub enum ErrorKind {
    InvalidKey,
    InvalidClaim,
    MalformedSecret,
    UnsupportedAlgorithm,
    BadSignature,
    UnknownKey,
    Expired,
    NotYetValid,
}

/// The two kinds of secret.
#[uniffi::remote(Enum)]
pub enum SecretKind {
    Connect,
    Renew,
}

/// A verified secret; times in seconds since the epoch, within 0..=`MAX_NUMERIC_DATE` (the core
/// checks), so every one is a valid `Instant`.
#[uniffi::remote(Record)]
pub struct VerifiedSecret {
    kind: SecretKind,
    customer_id: String,
    workspace_id: String,
    name: Option<String>,
    integration_id: Option<String>,
    expires_at: Option<i64>,
    issued_at: Option<i64>,
    not_before: Option<i64>,
    key_id: Option<String>,
    fingerprint: String,
}

/// A generated key pair, PEM (for development and tests).
#[uniffi::remote(Record)]
pub struct GeneratedKeyPair {
    private_key_pem: String,
    public_key_pem: String,
}

/// The core's error, flattened; the Kotlin layer rebuilds the sealed `MunitySecretException` from it.
/// `code`, `kind_code`, `claim`, `reason` are the fields every binding shares (docs/errors.md).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum FfiError {
    /// Every core error.
    Failure {
        kind: ErrorKind,
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
            kind: error.kind(),
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

/// A `java.time.Duration` or `Instant` as its parts (`seconds`, `nanos` in 0..1e9): whole seconds
/// through the core's [`options::seconds_from_parts`], or its `InvalidClaim` naming `option`
/// (`fractional`, ...).
fn seconds(option: &str, seconds: i64, nanos: u32) -> Result<i64> {
    Ok(options::seconds_from_parts(option, seconds, nanos)?)
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

fn optional_claim(name: &str, utf16le: Option<&[u8]>) -> Result<Option<String>> {
    utf16le.map(|bytes| claim(name, bytes)).transpose()
}

/// A text that is not a claim (key text, secret, variable name): lossy decoding.
fn text(utf16le: &[u8]) -> String {
    String::from_utf16_lossy(&units(utf16le))
}

// The hot calls (mint, verify) take their strings in ONE buffer that Rust borrows for the call
// (`&[u8]`, UniFFI's zero-copy byte buffer: a direct `java.nio.ByteBuffer` on the JVM) and every
// other argument as a primitive. So a call is one native call plus freeing the result: no
// `RustBuffer` to allocate and fill for the arguments (a native call of its own through JNA), no
// record or `Option` to serialize, no byte-by-byte lifting of a `Vec<u8>`. docs/benchmarks.md has
// the profile that chose this.

/// The strings of one call, UTF-16LE, one after the other; each is taken by its length in UTF-16
/// code units, a negative length meaning absent.
struct Texts<'a> {
    rest: &'a [u8],
}

impl<'a> Texts<'a> {
    fn new(utf16le: &'a [u8]) -> Self {
        Self { rest: utf16le }
    }

    /// The next string, or `None` when `units` is negative. The Kotlin layer lays the buffer out,
    /// so a length past its end is a bug there: the core's `InvalidClaim` (`out_of_range`) on
    /// `name`, never a panic.
    fn next(&mut self, name: &str, units: i32) -> Result<Option<&'a [u8]>> {
        let Ok(units) = usize::try_from(units) else { return Ok(None) };
        match units.checked_mul(2).filter(|&bytes| bytes <= self.rest.len()) {
            Some(bytes) => {
                let (head, tail) = self.rest.split_at(bytes);
                self.rest = tail;
                Ok(Some(head))
            }
            None => Err(MunitySecretError::InvalidClaim {
                claim: name.to_owned(),
                reason: munity_secrets::ClaimErrorReason::OutOfRange,
                message: format!("{name}: {units} UTF-16 units past the end of the call's buffer"),
            }
            .into()),
        }
    }

    /// The next string, which must be present.
    fn required(&mut self, name: &str, units: i32) -> Result<&'a [u8]> {
        Ok(self.next(name, units)?.unwrap_or_default())
    }
}

/// `expiry` of a mint call: 1 in `seconds`/`nanos` (a `Duration`), 2 at `seconds`/`nanos` (an
/// `Instant`), 0 (any other value) never.
const EXPIRY_IN: u8 = 1;
const EXPIRY_AT: u8 = 2;

/// `expect` of a verify call: 1 connect, 2 renew, 0 (any other value) any kind.
const EXPECT_CONNECT: u8 = 1;
const EXPECT_RENEW: u8 = 2;

/// The lengths (UTF-16 code units, negative when absent) of a mint call's claims, in the order
/// they lie in the buffer: customer_id, workspace_id, name, integration_id, kid.
#[derive(Clone, Copy)]
struct ClaimLengths {
    customer_id: i32,
    workspace_id: i32,
    name: i32,
    integration_id: i32,
    key_id: i32,
}

/// The options of a mint call, as primitives.
#[derive(Clone, Copy)]
struct MintParts {
    expiry: u8,
    expiry_seconds: i64,
    expiry_nanos: u32,
    has_now: bool,
    now_seconds: i64,
    now_nanos: u32,
}

/// Converts the arguments (claims first, as the core checks them) and mints with `signer`.
/// A renew secret when `integration_id` is present (the core decides).
fn mint(
    signer: &munity_secrets::Signer,
    texts: &mut Texts<'_>,
    lengths: ClaimLengths,
    parts: MintParts,
) -> Result<String> {
    let customer_id = claim(names::CUSTOMER_ID, texts.required(names::CUSTOMER_ID, lengths.customer_id)?)?;
    let workspace_id = optional_claim(names::WORKSPACE_ID, texts.next(names::WORKSPACE_ID, lengths.workspace_id)?)?;
    let name = optional_claim(names::NAME, texts.next(names::NAME, lengths.name)?)?;
    let integration_id =
        optional_claim(names::INTEGRATION_ID, texts.next(names::INTEGRATION_ID, lengths.integration_id)?)?;
    let key_id = optional_claim(names::KID, texts.next(names::KID, lengths.key_id)?)?;
    let now = if parts.has_now { Some(seconds(names::NOW, parts.now_seconds, parts.now_nanos)?) } else { None };
    let expiry = match parts.expiry {
        EXPIRY_IN => Expiry::In(seconds(names::EXPIRES_IN, parts.expiry_seconds, parts.expiry_nanos)?),
        EXPIRY_AT => Expiry::At(seconds(names::EXPIRES_AT, parts.expiry_seconds, parts.expiry_nanos)?),
        _ => Expiry::Never,
    };
    let request = MintRequest {
        customer_id: &customer_id,
        workspace_id: workspace_id.as_deref(),
        name: name.as_deref(),
        integration_id: integration_id.as_deref(),
    };
    Ok(signer.mint(&request, &MintOptions { expiry, now, key_id })?.secret)
}

/// The options of a verify call, as primitives.
#[derive(Clone, Copy)]
struct VerifyParts {
    leeway_seconds: i64,
    leeway_nanos: u32,
    has_now: bool,
    now_seconds: i64,
    now_nanos: u32,
    expect: u8,
}

fn verify(verifier: &munity_secrets::Verifier, secret: &[u8], parts: VerifyParts) -> Result<VerifiedSecret> {
    let options = VerifyOptions {
        leeway: seconds(names::LEEWAY, parts.leeway_seconds, parts.leeway_nanos)?,
        now: if parts.has_now { Some(seconds(names::NOW, parts.now_seconds, parts.now_nanos)?) } else { None },
        expect: match parts.expect {
            EXPECT_CONNECT => Some(SecretKind::Connect),
            EXPECT_RENEW => Some(SecretKind::Renew),
            _ => None,
        },
    };
    Ok(verifier.verify(&text(secret), &options)?)
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
        let inner = match optional_claim(names::WORKSPACE_ID, workspace_id.as_deref())? {
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

    /// Mints a secret. `claims`: the claims' UTF-16LE code units one after the other (customer_id,
    /// workspace_id, name, integration_id, kid), each of the given length in code units (negative:
    /// absent); `expiry` 0 never, 1 in a duration, 2 at an instant, of `expiry_seconds` and
    /// `expiry_nanos`; `now` when `has_now`.
    #[allow(clippy::too_many_arguments)]
    pub fn mint(
        &self,
        claims: &[u8],
        customer_id: i32,
        workspace_id: i32,
        name: i32,
        integration_id: i32,
        key_id: i32,
        expiry: u8,
        expiry_seconds: i64,
        expiry_nanos: u32,
        has_now: bool,
        now_seconds: i64,
        now_nanos: u32,
    ) -> Result<String> {
        let lengths = ClaimLengths { customer_id, workspace_id, name, integration_id, key_id };
        let parts = MintParts { expiry, expiry_seconds, expiry_nanos, has_now, now_seconds, now_nanos };
        mint(&self.inner, &mut Texts::new(claims), lengths, parts)
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

    /// Verifies `secret` (UTF-16LE) with a leeway of `leeway_seconds`/`leeway_nanos`, at `now` when
    /// `has_now`, requiring kind `expect` (0 any, 1 connect, 2 renew).
    #[allow(clippy::too_many_arguments)]
    pub fn verify(
        &self,
        secret: &[u8],
        leeway_seconds: i64,
        leeway_nanos: u32,
        has_now: bool,
        now_seconds: i64,
        now_nanos: u32,
        expect: u8,
    ) -> Result<VerifiedSecret> {
        let parts = VerifyParts { leeway_seconds, leeway_nanos, has_now, now_seconds, now_nanos, expect };
        verify(&self.inner, secret, parts)
    }
}

/// One-call mint with the core's cached signer: `texts` holds the certificate (`certificate`
/// UTF-16 code units) and then the claims, as [`FfiSigner::mint`].
#[uniffi::export]
#[allow(clippy::too_many_arguments)]
pub fn ffi_mint_with(
    texts: &[u8],
    certificate: i32,
    customer_id: i32,
    workspace_id: i32,
    name: i32,
    integration_id: i32,
    key_id: i32,
    expiry: u8,
    expiry_seconds: i64,
    expiry_nanos: u32,
    has_now: bool,
    now_seconds: i64,
    now_nanos: u32,
) -> Result<String> {
    let mut texts = Texts::new(texts);
    let signer = munity_secrets::cached_signer(&text(texts.required("certificate", certificate)?))?;
    let lengths = ClaimLengths { customer_id, workspace_id, name, integration_id, key_id };
    let parts = MintParts { expiry, expiry_seconds, expiry_nanos, has_now, now_seconds, now_nanos };
    mint(&signer, &mut texts, lengths, parts)
}

/// One-call verify with the core's cached verifier: `texts` holds the public key text
/// (`public_keys` UTF-16 code units) and then the secret, as [`FfiVerifier::verify`].
#[uniffi::export]
#[allow(clippy::too_many_arguments)]
pub fn ffi_verify_with(
    texts: &[u8],
    public_keys: i32,
    leeway_seconds: i64,
    leeway_nanos: u32,
    has_now: bool,
    now_seconds: i64,
    now_nanos: u32,
    expect: u8,
) -> Result<VerifiedSecret> {
    let mut texts = Texts::new(texts);
    let verifier = munity_secrets::cached_verifier(&text(texts.required("public_keys", public_keys)?))?;
    let parts = VerifyParts { leeway_seconds, leeway_nanos, has_now, now_seconds, now_nanos, expect };
    verify(&verifier, texts.rest, parts)
}

/// A fresh RSA key pair of `bits` (development and tests only).
#[uniffi::export]
pub fn ffi_generate_key_pair(bits: u32) -> Result<GeneratedKeyPair> {
    Ok(munity_secrets::generate_key_pair(bits)?)
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
        assert_eq!(kind, ErrorKind::InvalidClaim);
        assert_eq!(code, "INVALID_CLAIM/name");
        assert_eq!(reason.as_deref(), Some("lone_surrogate"));
        assert_eq!(claim(names::NAME, &utf16("naïve 😀")).unwrap(), "naïve 😀");
    }

    #[test]
    fn errors_keep_the_cores_text_and_codes() {
        let core = munity_secrets::Verifier::new("nope").unwrap_err();
        let FfiError::Failure { kind, kind_code, code, text, .. } = FfiError::from(core.clone());
        assert_eq!(kind, ErrorKind::InvalidKey);
        assert_eq!(kind_code, "INVALID_KEY");
        assert_eq!(code, core.code());
        assert_eq!(text, core.to_string());
    }

    #[test]
    fn a_fraction_of_a_second_is_the_cores_fractional() {
        let FfiError::Failure { code, reason, .. } = seconds(names::EXPIRES_IN, 0, 500_000_000).unwrap_err();
        assert_eq!((code.as_str(), reason.as_deref()), ("INVALID_CLAIM/expires_in", Some("fractional")));
        assert_eq!(seconds(names::EXPIRES_IN, 600, 0).unwrap(), 600);
    }

    #[test]
    fn texts_are_taken_by_length_in_order_and_a_negative_length_is_absent() {
        let buffer = [utf16("c1"), utf16("naïve 😀"), utf16("")].concat();
        let mut texts = Texts::new(&buffer);
        assert_eq!(claim(names::CUSTOMER_ID, texts.required(names::CUSTOMER_ID, 2).unwrap()).unwrap(), "c1");
        assert_eq!(texts.next(names::WORKSPACE_ID, -1).unwrap(), None);
        assert_eq!(
            optional_claim(names::NAME, texts.next(names::NAME, 8).unwrap()).unwrap().as_deref(),
            Some("naïve 😀")
        );
        assert_eq!(texts.next(names::KID, 0).unwrap(), Some(&[][..]));
        assert!(texts.rest.is_empty());
    }

    #[test]
    fn a_length_past_the_buffer_is_an_error_not_a_panic() {
        let buffer = utf16("abc");
        for units in [4, i32::MAX] {
            let FfiError::Failure { code, reason, .. } = Texts::new(&buffer).next(names::NAME, units).unwrap_err();
            assert_eq!((code.as_str(), reason.as_deref()), ("INVALID_CLAIM/name", Some("out_of_range")));
        }
    }
}
