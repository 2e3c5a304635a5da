//! The Node.js binding of munity-secrets: type conversion and error mapping only. Every rule (claims,
//! keys, normalisation, caching) lives in the core crate.
//!
//! The JS wrapper (`index.js`) checks the JS types of the options objects (own properties only,
//! unknown members refused), turns a `Date` into seconds, and gives the error objects this module
//! throws the `MunitySecretError` prototype. This module reads every claim as UTF-16 so that a lone
//! surrogate is refused by the core instead of being replaced silently.

use munity_secrets as core;
use munity_secrets::claims::{self, names};
use munity_secrets::{ErrorKind, MunitySecretError};
use napi::bindgen_prelude::*;
use napi::{Env, Task};

/// A JS object handed back to Node; it lives as long as the current call or task completion.
type JsObject = Object<'static>;
use napi_derive::napi;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

// ----------------------------------------------------------------------------------------------
// Errors
// ----------------------------------------------------------------------------------------------

/// The JS `code` of each core error kind. An exhaustive match: a new kind in the core fails the build.
fn js_code(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidKey => "ERR_INVALID_KEY",
        ErrorKind::InvalidClaim => "ERR_INVALID_CLAIM",
        ErrorKind::MalformedSecret => "ERR_MALFORMED_SECRET",
        ErrorKind::UnsupportedAlgorithm => "ERR_UNSUPPORTED_ALGORITHM",
        ErrorKind::BadSignature => "ERR_BAD_SIGNATURE",
        ErrorKind::UnknownKey => "ERR_UNKNOWN_KEY",
        ErrorKind::Expired => "ERR_EXPIRED",
        ErrorKind::NotYetValid => "ERR_NOT_YET_VALID",
    }
}

/// A JS `Error` carrying the core error: `code`, `kind`, `detail` and the kind's own fields. The
/// wrapper swaps its prototype for `MunitySecretError.prototype`.
fn build_js_error(env: &Env, error: &MunitySecretError) -> Result<Error> {
    let code = js_code(error.kind());
    let mut object = env.create_error(Error::new(Status::GenericFailure, error.to_string()))?;
    object.set_named_property("code", code)?;
    object.set_named_property("kind", error.kind().code())?;
    object.set_named_property("detail", error.code())?;
    match error {
        MunitySecretError::InvalidKey { reason, .. } => {
            object.set_named_property("reason", reason.code())?;
        }
        MunitySecretError::InvalidClaim { claim, reason, .. } => {
            object.set_named_property("claim", claim.as_str())?;
            object.set_named_property("reason", reason.code())?;
        }
        MunitySecretError::UnsupportedAlgorithm { algorithm } => {
            object.set_named_property("algorithm", algorithm.as_str())?;
        }
        MunitySecretError::UnknownKey { kid, .. } => {
            object.set_named_property("keyId", kid.as_str())?;
        }
        MunitySecretError::Expired { expires_at, now, leeway } => {
            object.set_named_property("expiresAt", env.create_date(seconds_to_millis(*expires_at))?)?;
            object.set_named_property("now", env.create_date(seconds_to_millis(*now))?)?;
            object.set_named_property("leeway", *leeway as f64)?;
        }
        MunitySecretError::NotYetValid { not_before, now, leeway } => {
            object.set_named_property("notBefore", env.create_date(seconds_to_millis(*not_before))?)?;
            object.set_named_property("now", env.create_date(seconds_to_millis(*now))?)?;
            object.set_named_property("leeway", *leeway as f64)?;
        }
        // Exhaustive: a kind added to the core fails this build until it is mapped.
        MunitySecretError::MalformedSecret { .. } | MunitySecretError::BadSignature { .. } => {}
    }
    Ok(Error::from(object.to_unknown()))
}

/// The napi error that throws (or rejects with) the JS form of a core error.
fn to_napi(env: &Env, error: MunitySecretError) -> Error {
    build_js_error(env, &error).unwrap_or_else(|failure| failure)
}

/// A panic is a bug; it becomes an `ERR_INTERNAL` error instead of unwinding into Node.
fn panic_error(payload: Box<dyn std::any::Any + Send>) -> Error {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    Error::new(Status::GenericFailure, format!("munity-secrets internal error (a bug, please report it): {what}"))
}

/// Runs core work, turning a panic into an error and a core error into its JS form.
fn guarded<T>(env: &Env, work: impl FnOnce() -> core::Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(to_napi(env, error)),
        Err(payload) => Err(panic_error(payload)),
    }
}

/// Core work on the thread pool: panics caught, the core error kept for `resolve` (which has an `Env`).
fn guarded_off_thread<T>(work: impl FnOnce() -> core::Result<T>) -> Result<core::Result<T>> {
    catch_unwind(AssertUnwindSafe(work)).map_err(panic_error)
}

fn seconds_to_millis(seconds: i64) -> f64 {
    seconds as f64 * 1000.0
}

// ----------------------------------------------------------------------------------------------
// Options
// ----------------------------------------------------------------------------------------------

/// Claims and options of a connect secret.
#[napi(object)]
pub struct ConnectSecretOptions {
    /// The SaaS product's id for its customer: 1 to 255 ASCII letters and digits.
    pub customer_id: Utf16String,
    /// The Munity workspace: a hyphenated UUID.
    pub workspace_id: Utf16String,
    /// An optional display name: 1 to 255 characters, no control characters.
    pub name: Option<Utf16String>,
    /// Lifetime in seconds (1 to 31,536,000): writes `exp`. No `exp` when absent.
    pub expires_in: Option<i64>,
    /// The current time (seconds since the epoch, or a Date); the system clock when absent.
    #[napi(ts_type = "number | Date")]
    pub now: Option<f64>,
    /// A key id written as the header's `kid`.
    pub key_id: Option<Utf16String>,
}

/// Claims and options of a renew secret: a connect secret's plus `integrationId`.
#[napi(object)]
pub struct RenewSecretOptions {
    /// As in `ConnectSecretOptions`.
    pub customer_id: Utf16String,
    /// As in `ConnectSecretOptions`.
    pub workspace_id: Utf16String,
    /// The integration to restore: a hyphenated UUID.
    pub integration_id: Utf16String,
    /// As in `ConnectSecretOptions`.
    pub name: Option<Utf16String>,
    /// As in `ConnectSecretOptions`.
    pub expires_in: Option<i64>,
    /// As in `ConnectSecretOptions`.
    #[napi(ts_type = "number | Date")]
    pub now: Option<f64>,
    /// As in `ConnectSecretOptions`.
    pub key_id: Option<Utf16String>,
}

/// How a secret is verified.
#[napi(object)]
pub struct VerifyOptions {
    /// Require this kind: a renew secret where a connect secret is expected fails, and the reverse.
    #[napi(ts_type = "SecretKind")]
    pub expect: Option<String>,
    /// Clock tolerance for `exp` and `nbf`, in seconds (60 by default).
    pub leeway: Option<i64>,
    /// The current time (seconds since the epoch, or a Date); the system clock when absent.
    #[napi(ts_type = "number | Date")]
    pub now: Option<f64>,
}

/// A request with its strings decoded from UTF-16, owned so that it can move to the thread pool.
struct OwnedRequest {
    customer_id: String,
    workspace_id: String,
    integration_id: Option<String>,
    name: Option<String>,
    options: core::MintOptions,
}

fn utf16(claim: &str, value: &Utf16String) -> core::Result<String> {
    claims::string_from_utf16(claim, value)
}

fn utf16_opt(claim: &str, value: &Option<Utf16String>) -> core::Result<Option<String>> {
    value.as_ref().map(|v| utf16(claim, v)).transpose()
}

fn seconds(now: Option<f64>) -> Option<i64> {
    // Fractional seconds (Date.now() / 1000) are floored, as PyJWT's int(time.time()) does; the
    // `as` conversion saturates, and the core refuses a negative time.
    now.map(|n| n.floor() as i64)
}

impl OwnedRequest {
    fn connect(options: &ConnectSecretOptions) -> core::Result<Self> {
        Ok(Self {
            customer_id: utf16(names::CUSTOMER_ID, &options.customer_id)?,
            workspace_id: utf16(names::WORKSPACE_ID, &options.workspace_id)?,
            integration_id: None,
            name: utf16_opt(names::NAME, &options.name)?,
            options: core::MintOptions {
                expires_in: options.expires_in,
                now: seconds(options.now),
                key_id: utf16_opt(names::KID, &options.key_id)?,
            },
        })
    }

    fn renew(options: &RenewSecretOptions) -> core::Result<Self> {
        Ok(Self {
            customer_id: utf16(names::CUSTOMER_ID, &options.customer_id)?,
            workspace_id: utf16(names::WORKSPACE_ID, &options.workspace_id)?,
            integration_id: Some(utf16(names::INTEGRATION_ID, &options.integration_id)?),
            name: utf16_opt(names::NAME, &options.name)?,
            options: core::MintOptions {
                expires_in: options.expires_in,
                now: seconds(options.now),
                key_id: utf16_opt(names::KID, &options.key_id)?,
            },
        })
    }

    fn mint(&self, signer: &core::Signer) -> core::Result<String> {
        match &self.integration_id {
            None => signer.connect_secret(
                &core::ConnectRequest {
                    customer_id: &self.customer_id,
                    workspace_id: &self.workspace_id,
                    name: self.name.as_deref(),
                },
                &self.options,
            ),
            Some(integration_id) => signer.renew_secret(
                &core::RenewRequest {
                    customer_id: &self.customer_id,
                    workspace_id: &self.workspace_id,
                    integration_id,
                    name: self.name.as_deref(),
                },
                &self.options,
            ),
        }
    }
}

fn verify_options(options: Option<VerifyOptions>) -> core::Result<core::VerifyOptions> {
    let mut out = core::VerifyOptions::default();
    if let Some(options) = options {
        if let Some(expect) = options.expect {
            // The wrapper only lets `connect` and `renew` through.
            out.expect = Some(expect.parse().map_err(|message: String| MunitySecretError::InvalidClaim {
                claim: "expect".to_owned(),
                reason: core::ClaimErrorReason::WrongType,
                message,
            })?);
        }
        if let Some(leeway) = options.leeway {
            out.leeway = u64::try_from(leeway).unwrap_or(0);
        }
        out.now = seconds(options.now);
    }
    Ok(out)
}

// ----------------------------------------------------------------------------------------------
// Results
// ----------------------------------------------------------------------------------------------

fn date_or_null(env: &Env, object: &mut JsObject, key: &str, seconds: Option<i64>) -> Result<()> {
    match seconds {
        Some(s) => object.set_named_property(key, env.create_date(seconds_to_millis(s))?),
        None => object.set_named_property(key, Null),
    }
}

fn string_or_null(object: &mut JsObject, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => object.set_named_property(key, v),
        None => object.set_named_property(key, Null),
    }
}

fn verified_to_js(env: &Env, verified: &core::VerifiedSecret) -> Result<JsObject> {
    let mut object = Object::new(env)?;
    object.set_named_property("kind", verified.kind.as_str())?;
    object.set_named_property("customerId", verified.customer_id.as_str())?;
    object.set_named_property("workspaceId", verified.workspace_id.as_str())?;
    string_or_null(&mut object, "name", verified.name.as_deref())?;
    string_or_null(&mut object, "integrationId", verified.integration_id.as_deref())?;
    date_or_null(env, &mut object, "expiresAt", verified.expires_at)?;
    date_or_null(env, &mut object, "issuedAt", verified.issued_at)?;
    date_or_null(env, &mut object, "notBefore", verified.not_before)?;
    string_or_null(&mut object, "keyId", verified.key_id.as_deref())?;
    object.set_named_property("fingerprint", verified.fingerprint.as_str())?;
    Ok(object)
}

// ----------------------------------------------------------------------------------------------
// Async tasks (libuv thread pool)
// ----------------------------------------------------------------------------------------------

/// Mints one secret on the thread pool. A request that failed to decode carries its error, so the
/// promise rejects instead of the call throwing.
pub struct MintTask {
    signer: Arc<core::Signer>,
    request: Option<core::Result<OwnedRequest>>,
}

impl Task for MintTask {
    type Output = core::Result<String>;
    type JsValue = String;

    fn compute(&mut self) -> Result<Self::Output> {
        let request = self.request.take();
        let signer = &self.signer;
        guarded_off_thread(move || match request {
            Some(request) => request?.mint(signer),
            None => unreachable!("a task is computed once"),
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<String> {
        output.map_err(|error| to_napi(&env, error))
    }
}

/// Verifies one secret on the thread pool.
pub struct VerifyTask {
    verifier: Arc<core::Verifier>,
    secret: String,
    options: core::Result<core::VerifyOptions>,
}

impl Task for VerifyTask {
    type Output = core::Result<core::VerifiedSecret>;
    type JsValue = JsObject;

    fn compute(&mut self) -> Result<Self::Output> {
        let verifier = &self.verifier;
        let secret = &self.secret;
        let options = &self.options;
        guarded_off_thread(move || verifier.verify(secret, options.as_ref().map_err(Clone::clone)?))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<JsObject> {
        match output {
            Ok(verified) => verified_to_js(&env, &verified),
            Err(error) => Err(to_napi(&env, error)),
        }
    }
}

// ----------------------------------------------------------------------------------------------
// Signer
// ----------------------------------------------------------------------------------------------

/// Mints connect and renew secrets with one workspace certificate, parsed once.
#[napi]
pub struct Signer {
    inner: Arc<core::Signer>,
}

#[napi]
impl Signer {
    /// Reads the workspace certificate: PKCS#8 or PKCS#1 PEM, as it comes from a file, an
    /// environment variable or a secret store.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, certificate: String) -> Result<Self> {
        Ok(Self { inner: Arc::new(guarded(&env, || core::Signer::new(&certificate))?) })
    }

    /// Reads the certificate from the environment variable `name` (`MUNITY_CERTIFICATE` by default).
    #[napi(factory, catch_unwind)]
    pub fn from_env(env: Env, name: Option<String>) -> Result<Self> {
        let name = name.unwrap_or_else(|| "MUNITY_CERTIFICATE".to_owned());
        Ok(Self { inner: Arc::new(guarded(&env, || core::Signer::from_env(&name))?) })
    }

    /// The RFC 7638 thumbprint of the key, to match against the workspace settings.
    #[napi(getter, catch_unwind)]
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_owned()
    }

    /// Mints a connect secret.
    #[napi(catch_unwind)]
    pub fn connect_secret(&self, env: Env, options: ConnectSecretOptions) -> Result<String> {
        guarded(&env, || OwnedRequest::connect(&options)?.mint(&self.inner))
    }

    /// Mints a connect secret on the libuv thread pool.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn connect_secret_async(&self, options: ConnectSecretOptions) -> AsyncTask<MintTask> {
        AsyncTask::new(MintTask { signer: self.inner.clone(), request: Some(OwnedRequest::connect(&options)) })
    }

    /// Mints a renew secret: a connect secret's claims plus `integrationId`.
    #[napi(catch_unwind)]
    pub fn renew_secret(&self, env: Env, options: RenewSecretOptions) -> Result<String> {
        guarded(&env, || OwnedRequest::renew(&options)?.mint(&self.inner))
    }

    /// Mints a renew secret on the libuv thread pool.
    #[napi(catch_unwind, ts_return_type = "Promise<string>")]
    pub fn renew_secret_async(&self, options: RenewSecretOptions) -> AsyncTask<MintTask> {
        AsyncTask::new(MintTask { signer: self.inner.clone(), request: Some(OwnedRequest::renew(&options)) })
    }
}

// ----------------------------------------------------------------------------------------------
// Verifier
// ----------------------------------------------------------------------------------------------

/// Verifies secrets strictly against one or several RSA public keys.
#[napi]
pub struct Verifier {
    inner: Arc<core::Verifier>,
}

#[napi]
impl Verifier {
    /// Reads the public keys: PEM block(s) (`PUBLIC KEY`, `RSA PUBLIC KEY`, `CERTIFICATE`, or a
    /// private key whose public half is used), one JWK, or a JWK Set, as text.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, public_keys: String) -> Result<Self> {
        Ok(Self { inner: Arc::new(guarded(&env, || core::Verifier::new(&public_keys))?) })
    }

    /// Reads a JWK Set (or one JWK), as JSON text or as an object.
    #[napi(factory, catch_unwind, ts_args_type = "jwks: string | object")]
    pub fn from_jwks(env: Env, jwks: String) -> Result<Self> {
        Ok(Self { inner: Arc::new(guarded(&env, || core::Verifier::new(&jwks))?) })
    }

    /// Reads the keys from the environment variable `name` (`MUNITY_PUBLIC_KEY` by default).
    #[napi(factory, catch_unwind)]
    pub fn from_env(env: Env, name: Option<String>) -> Result<Self> {
        let name = name.unwrap_or_else(|| "MUNITY_PUBLIC_KEY".to_owned());
        Ok(Self { inner: Arc::new(guarded(&env, || core::Verifier::from_env(&name))?) })
    }

    /// The RFC 7638 thumbprints of the keys, in the order they are tried.
    #[napi(getter, catch_unwind)]
    pub fn fingerprints(&self) -> Vec<String> {
        self.inner.keys().iter().map(|k| k.fingerprint().to_owned()).collect()
    }

    /// Verifies `secret` strictly.
    #[napi(catch_unwind, ts_return_type = "VerifiedSecret")]
    pub fn verify(&self, env: Env, secret: String, options: Option<VerifyOptions>) -> Result<JsObject> {
        let verified = guarded(&env, || self.inner.verify(&secret, &verify_options(options)?))?;
        verified_to_js(&env, &verified)
    }

    /// Verifies `secret` on the libuv thread pool.
    #[napi(catch_unwind, ts_return_type = "Promise<VerifiedSecret>")]
    pub fn verify_async(&self, secret: String, options: Option<VerifyOptions>) -> AsyncTask<VerifyTask> {
        AsyncTask::new(VerifyTask { verifier: self.inner.clone(), secret, options: verify_options(options) })
    }
}

// ----------------------------------------------------------------------------------------------
// One-call functions (the core's bounded key caches)
// ----------------------------------------------------------------------------------------------

/// Mints a connect secret with `certificate`, parsed at most once while it stays among the recent keys.
#[napi(catch_unwind)]
pub fn connect_secret(env: Env, certificate: String, options: ConnectSecretOptions) -> Result<String> {
    guarded(&env, || OwnedRequest::connect(&options)?.mint(&*core::cached_signer(&certificate)?))
}

/// Mints a renew secret with `certificate`, parsed at most once while it stays among the recent keys.
#[napi(catch_unwind)]
pub fn renew_secret(env: Env, certificate: String, options: RenewSecretOptions) -> Result<String> {
    guarded(&env, || OwnedRequest::renew(&options)?.mint(&*core::cached_signer(&certificate)?))
}

/// Verifies `secret` with `publicKeys`, parsed at most once while they stay among the recent keys.
#[napi(catch_unwind, ts_return_type = "VerifiedSecret")]
pub fn verify_secret(
    env: Env,
    public_keys: String,
    secret: String,
    options: Option<VerifyOptions>,
) -> Result<JsObject> {
    let verified = guarded(&env, || core::cached_verifier(&public_keys)?.verify(&secret, &verify_options(options)?))?;
    verified_to_js(&env, &verified)
}

/// A fresh RSA key pair as PEM, for tests and local development only (Munity issues the real certificate).
#[napi(object)]
pub struct KeyPair {
    /// PKCS#8 `PRIVATE KEY` PEM.
    pub private_key: String,
    /// SPKI `PUBLIC KEY` PEM.
    pub public_key: String,
}

/// Generates an RSA key pair of 2048 (default), 3072 or 4096 bits, for tests and local development.
#[napi(catch_unwind)]
pub fn generate_key_pair(env: Env, bits: Option<u32>) -> Result<KeyPair> {
    let pair = guarded(&env, || core::generate_key_pair(bits.unwrap_or(2048)))?;
    Ok(KeyPair { private_key: pair.private_key_pem, public_key: pair.public_key_pem })
}
