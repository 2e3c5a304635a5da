//! The native verifier: key texts in, `core::Verifier::verify` out, the result as a plain object.

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

fn date_or_null(env: &Env, object: &mut Object<'static>, key: &str, seconds: Option<i64>) -> Result<()> {
    match seconds {
        // The core hands out NumericDates from 0 to MAX_NUMERIC_DATE only: always a valid Date.
        Some(seconds) => object.set_named_property(key, env.create_date(seconds as f64 * 1000.0)?),
        None => object.set_named_property(key, Null),
    }
}

fn verified_to_js(env: &Env, verified: core::VerifiedSecret) -> Result<Object<'static>> {
    let mut object = Object::new(env)?;
    object.set_named_property("kind", verified.kind.as_str())?;
    object.set_named_property("customerId", verified.customer_id)?;
    object.set_named_property("workspaceId", verified.workspace_id)?;
    object.set_named_property("name", verified.name)?;
    object.set_named_property("integrationId", verified.integration_id)?;
    date_or_null(env, &mut object, "expiresAt", verified.expires_at)?;
    date_or_null(env, &mut object, "issuedAt", verified.issued_at)?;
    date_or_null(env, &mut object, "notBefore", verified.not_before)?;
    object.set_named_property("keyId", verified.key_id)?;
    object.set_named_property("fingerprint", verified.fingerprint)?;
    Ok(object)
}

/// Verifies on the libuv thread pool.
pub struct VerifyTask {
    verifier: Arc<core::Verifier>,
    secret: String,
    options: core::Result<core::VerifyOptions>,
}

impl Task for VerifyTask {
    type Output = core::Result<core::VerifiedSecret>;
    type JsValue = Object<'static>;

    fn compute(&mut self) -> Result<Self::Output> {
        let (verifier, secret, options) = (&self.verifier, &self.secret, &self.options);
        guarded_off_thread(move || verifier.verify(secret, options.as_ref().map_err(Clone::clone)?))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Object<'static>> {
        verified_to_js(&env, output.map_err(|error| to_napi(&env, error))?)
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
) -> Result<Object<'static>> {
    verified_to_js(&env, guarded(&env, || verifier.verify(&secret, &options(expect, leeway, now)?))?)
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
) -> Result<Object<'static>> {
    let verified =
        guarded(&env, || core::cached_verifier(&public_keys)?.verify(&secret, &options(expect, leeway, now)?))?;
    verified_to_js(&env, verified)
}
