//! The native verifier: key texts in, `core::Verifier::verify` out, the result as JSON text for `index.js`.

use crate::errors::{guarded, guarded_off_thread, to_napi};
use munity_secrets as core;
use munity_secrets::claims::names;
use munity_secrets::options::seconds_from_f64;
use napi::bindgen_prelude::*;
use napi::{Env, Task};
use napi_derive::napi;
use std::sync::Arc;

/// Verify options in core types. `expect` arrives as `'connect'` or `'renew'` (checked by
/// `index.js`); leeway and `now` are JS numbers of seconds, converted by the core.
fn options(expect: Option<String>, leeway: Option<f64>, now: Option<f64>) -> core::Result<core::VerifyOptions> {
    let mut options = core::VerifyOptions::default();
    if let Some(expect) = expect {
        options.expect = Some(expect.parse().map_err(|message: String| core::MunitySecretError::InvalidClaim {
            claim: "expect".to_owned(),
            reason: core::ClaimErrorReason::WrongType,
            message,
        })?);
    }
    if let Some(leeway) = leeway {
        options.leeway = seconds_from_f64(names::LEEWAY, leeway)?;
    }
    options.now = now.map(|now| seconds_from_f64(names::NOW, now)).transpose()?;
    Ok(options)
}

/// A verified secret as one JSON array, in the order of `VerifiedSecret`'s members: `[kind, customerId,
/// workspaceId, name, integrationId, exp, iat, nbf, keyId, fingerprint]`, times as NumericDates or `null`.
/// `index.js` parses it and builds the object (and its `Date`s) in JavaScript: one string across the boundary
/// costs a fraction of ten properties set one by one from native code (docs/benchmarks.md, Node profile).
fn verified_to_json(verified: &core::VerifiedSecret) -> Result<String> {
    let v = verified;
    let fields = (
        v.kind.as_str(),
        &v.customer_id,
        &v.workspace_id,
        &v.name,
        &v.integration_id,
        v.expires_at,
        v.issued_at,
        v.not_before,
        &v.key_id,
        &v.fingerprint,
    );
    serde_json::to_string(&fields).map_err(|error| Error::from_reason(error.to_string()))
}

/// Verifies on the libuv thread pool.
pub struct VerifyTask {
    verifier: Arc<core::Verifier>,
    secret: String,
    options: core::Result<core::VerifyOptions>,
}

impl Task for VerifyTask {
    type Output = core::Result<core::VerifiedSecret>;
    type JsValue = String;

    fn compute(&mut self) -> Result<Self::Output> {
        let (verifier, secret, options) = (&self.verifier, &self.secret, &self.options);
        guarded_off_thread(move || verifier.verify(secret, options.as_ref().map_err(Clone::clone)?))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<String> {
        verified_to_json(&output.map_err(|error| to_napi(&env, error))?)
    }
}

/// One or several public keys, parsed once, as an opaque handle that `index.js`'s `Verifier` holds.
pub type VerifierHandle = External<Arc<core::Verifier>>;

/// Several key texts (PEM blocks, JWK, JWK Set) merged into one verifier.
#[napi(skip_typescript, catch_unwind)]
pub fn verifier_new(env: Env, texts: Vec<String>) -> Result<VerifierHandle> {
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    Ok(External::new(Arc::new(guarded(&env, || core::Verifier::from_texts(&texts))?)))
}

#[napi(skip_typescript, catch_unwind)]
pub fn verifier_from_env(env: Env, name: String) -> Result<VerifierHandle> {
    Ok(External::new(Arc::new(guarded(&env, || core::Verifier::from_env_var(&name))?)))
}

#[napi(skip_typescript, catch_unwind)]
pub fn verifier_fingerprints(verifier: &VerifierHandle) -> Vec<&str> {
    verifier.fingerprints()
}

#[napi(skip_typescript, catch_unwind)]
pub fn verifier_key_ids(verifier: &VerifierHandle) -> Vec<Option<&str>> {
    verifier.key_ids()
}

#[napi(skip_typescript, catch_unwind)]
pub fn verifier_verify(
    env: Env,
    verifier: &VerifierHandle,
    secret: String,
    expect: Option<String>,
    leeway: Option<f64>,
    now: Option<f64>,
) -> Result<String> {
    verified_to_json(&guarded(&env, || verifier.verify(&secret, &options(expect, leeway, now)?))?)
}

#[napi(skip_typescript, catch_unwind)]
pub fn verifier_verify_async(
    verifier: &VerifierHandle,
    secret: String,
    expect: Option<String>,
    leeway: Option<f64>,
    now: Option<f64>,
) -> AsyncTask<VerifyTask> {
    AsyncTask::new(VerifyTask { verifier: Arc::clone(verifier), secret, options: options(expect, leeway, now) })
}

/// The one-call form: verifies with `publicKeys`, parsed at most once while they stay among the
/// core's recent keys.
#[napi(skip_typescript, catch_unwind)]
pub fn verify_with(
    env: Env,
    public_keys: String,
    secret: String,
    expect: Option<String>,
    leeway: Option<f64>,
    now: Option<f64>,
) -> Result<String> {
    let verified =
        guarded(&env, || core::cached_verifier(&public_keys)?.verify(&secret, &options(expect, leeway, now)?))?;
    verified_to_json(&verified)
}
