//! Core errors as JS `Error` objects with the fields every binding gives them (`code`, `kind`,
//! `claim`, `reason`) and the kind's own; `index.js` gives them their class by `kind`. Panics are
//! caught and become errors, on the main thread and on the thread pool.

use munity_secrets::{MunitySecretError, Result as CoreResult};
use napi::bindgen_prelude::*;
use napi::Env;
use std::panic::{catch_unwind, AssertUnwindSafe};

fn date(env: &Env, seconds: i64) -> Result<napi::JsDate<'_>> {
    // The core hands out NumericDates from 0 to MAX_NUMERIC_DATE only: always a valid Date.
    env.create_date(seconds as f64 * 1000.0)
}

fn build(env: &Env, error: &MunitySecretError) -> Result<Error> {
    let mut object = env.create_error(Error::new(Status::GenericFailure, error.to_string()))?;
    object.set_named_property("code", error.code())?;
    object.set_named_property("kind", error.kind().code())?;
    object.set_named_property("claim", Null)?;
    object.set_named_property("reason", Null)?;
    match error {
        MunitySecretError::InvalidKey { reason, .. } => object.set_named_property("reason", reason.code())?,
        MunitySecretError::InvalidClaim { claim, reason, .. } => {
            object.set_named_property("claim", claim.as_str())?;
            object.set_named_property("reason", reason.code())?;
        }
        MunitySecretError::UnsupportedAlgorithm { algorithm } => {
            object.set_named_property("algorithm", algorithm.as_str())?
        }
        MunitySecretError::UnknownKey { kid, .. } => object.set_named_property("keyId", kid.as_str())?,
        MunitySecretError::Expired { expires_at, now, leeway } => {
            object.set_named_property("expiresAt", date(env, *expires_at)?)?;
            object.set_named_property("now", date(env, *now)?)?;
            object.set_named_property("leeway", *leeway as f64)?;
        }
        MunitySecretError::NotYetValid { not_before, now, leeway } => {
            object.set_named_property("notBefore", date(env, *not_before)?)?;
            object.set_named_property("now", date(env, *now)?)?;
            object.set_named_property("leeway", *leeway as f64)?;
        }
        // Exhaustive: a kind added to the core fails this build until it is mapped.
        MunitySecretError::MalformedSecret { .. } | MunitySecretError::BadSignature { .. } => {}
    }
    Ok(Error::from(object.to_unknown()))
}

/// The napi error that throws (or rejects with) the JS form of a core error.
pub(crate) fn to_napi(env: &Env, error: MunitySecretError) -> Error {
    build(env, &error).unwrap_or_else(|failure| failure)
}

/// A panic is a bug; it becomes an error instead of unwinding into Node.
fn panic_error(payload: Box<dyn std::any::Any + Send>) -> Error {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    Error::new(Status::GenericFailure, format!("munity-secrets internal error (a bug, please report it): {what}"))
}

/// Runs core work on the main thread: a panic becomes an error, a core error its JS form.
pub(crate) fn guarded<T>(env: &Env, work: impl FnOnce() -> CoreResult<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(to_napi(env, error)),
        Err(payload) => Err(panic_error(payload)),
    }
}

/// Runs core work on the thread pool: a panic becomes an error, the core error is kept for
/// `resolve`, which has an `Env`.
pub(crate) fn guarded_off_thread<T>(work: impl FnOnce() -> CoreResult<T>) -> Result<CoreResult<T>> {
    catch_unwind(AssertUnwindSafe(work)).map_err(panic_error)
}
