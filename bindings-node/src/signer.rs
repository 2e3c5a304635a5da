//! The native signer: JS values in, `core::Signer::mint` out. The core dispatches connect against
//! renew, applies the default expiry and checks every claim and option.

use crate::errors::{guarded, guarded_off_thread, to_napi};
use crate::verifier::VerifierHandle;
use munity_secrets as core;
use munity_secrets::claims::names;
use munity_secrets::options::{seconds_from_f64, string_from_utf16, Expiry};
use napi::bindgen_prelude::*;
use napi::{Env, Task};
use napi_derive::napi;
use std::sync::Arc;

/// A mint call converted to core types, owned so that it can move to the thread pool.
pub struct Mint {
    customer_id: String,
    workspace_id: Option<String>,
    name: Option<String>,
    integration_id: Option<String>,
    options: core::MintOptions,
}

fn text(claim: &str, value: &Option<Utf16String>) -> core::Result<Option<String>> {
    value.as_ref().map(|units| string_from_utf16(claim, units)).transpose()
}

fn seconds(option: &str, value: Option<f64>) -> core::Result<Option<i64>> {
    value.map(|seconds| seconds_from_f64(option, seconds)).transpose()
}

fn get<T: FromNapiValue>(args: &Object, key: &str) -> Result<Option<T>> {
    args.get_named_property_unchecked(key)
}

impl Mint {
    /// Reads a mint call as `index.js` hands it over: an object with the claims and options, types
    /// checked there (`undefined` and `null` are absent; `noExpiry` stands for `expiresIn: null`).
    /// Times and lifetimes are JS numbers of seconds and strings are UTF-16, both converted by the core.
    pub fn read(args: &Object) -> Result<core::Result<Self>> {
        let utf16 = |key| get::<Utf16String>(args, key);
        let (customer_id, workspace_id, name, integration_id, key_id) =
            (utf16("customerId")?, utf16("workspaceId")?, utf16("name")?, utf16("integrationId")?, utf16("keyId")?);
        let (expires_in, expires_at, now) = (get(args, "expiresIn")?, get(args, "expiresAt")?, get(args, "now")?);
        let no_expiry = get::<bool>(args, "noExpiry")? == Some(true);
        Ok((|| {
            let expiry = match (seconds(names::EXPIRES_IN, expires_in)?, seconds(names::EXPIRES_AT, expires_at)?) {
                (Some(expires_in), _) => Expiry::In(expires_in),
                (None, Some(expires_at)) => Expiry::At(expires_at),
                (None, None) if no_expiry => Expiry::Never,
                (None, None) => Expiry::default(),
            };
            Ok(Self {
                customer_id: text(names::CUSTOMER_ID, &customer_id)?.unwrap_or_default(),
                workspace_id: text(names::WORKSPACE_ID, &workspace_id)?,
                name: text(names::NAME, &name)?,
                integration_id: text(names::INTEGRATION_ID, &integration_id)?,
                options: core::MintOptions {
                    expiry,
                    now: seconds(names::NOW, now)?,
                    key_id: text(names::KID, &key_id)?,
                },
            })
        })())
    }

    fn run(&self, signer: &core::Signer) -> core::Result<core::MintedSecret> {
        let request = core::MintRequest {
            customer_id: &self.customer_id,
            workspace_id: self.workspace_id.as_deref(),
            name: self.name.as_deref(),
            integration_id: self.integration_id.as_deref(),
        };
        signer.mint(&request, &self.options)
    }
}

/// `{ secret, kind, expiresAt }`, `expiresAt` a `Date` or `null`.
fn minted_to_js(env: &Env, minted: core::MintedSecret) -> Result<Object<'static>> {
    let mut object = Object::new(env)?;
    object.set_named_property("secret", minted.secret)?;
    object.set_named_property("kind", minted.kind.as_str())?;
    match minted.expires_at {
        // The core writes an `exp` up to MAX_NUMERIC_DATE only: always a valid Date.
        Some(exp) => object.set_named_property("expiresAt", env.create_date(exp as f64 * 1000.0)?)?,
        None => object.set_named_property("expiresAt", Null)?,
    }
    Ok(object)
}

/// What a mint call returns: the secret alone, or the `MintedSecret` object.
fn finish(env: &Env, minted: core::MintedSecret, full: bool) -> Result<Either<String, Object<'static>>> {
    if full {
        minted_to_js(env, minted).map(Either::B)
    } else {
        Ok(Either::A(minted.secret))
    }
}

/// Mints on the libuv thread pool. A call that failed to convert carries its error, so the promise
/// rejects instead of the call throwing.
pub struct MintTask {
    signer: Arc<core::Signer>,
    mint: core::Result<Mint>,
    full: bool,
}

impl Task for MintTask {
    type Output = core::Result<core::MintedSecret>;
    type JsValue = Either<String, Object<'static>>;

    fn compute(&mut self) -> Result<Self::Output> {
        let (signer, mint) = (&self.signer, &self.mint);
        guarded_off_thread(move || mint.as_ref().map_err(Clone::clone)?.run(signer))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        let minted = output.map_err(|error| to_napi(&env, error))?;
        finish(&env, minted, self.full)
    }
}

/// The workspace certificate, parsed once (optionally bound to its workspace), as an opaque handle
/// that `index.js`'s `Signer` holds.
type SignerHandle = External<Arc<core::Signer>>;

#[napi(skip_typescript, catch_unwind)]
pub fn signer_new(env: Env, certificate: String, workspace_id: Option<Utf16String>) -> Result<SignerHandle> {
    let signer = guarded(&env, || match text(names::WORKSPACE_ID, &workspace_id)? {
        Some(workspace_id) => core::Signer::bound(&certificate, &workspace_id),
        None => core::Signer::new(&certificate),
    })?;
    Ok(External::new(Arc::new(signer)))
}

#[napi(skip_typescript, catch_unwind)]
pub fn signer_from_env(env: Env, name: String, workspace_id_name: Option<String>) -> Result<SignerHandle> {
    let signer = guarded(&env, || core::Signer::from_env_vars(&name, workspace_id_name.as_deref()))?;
    Ok(External::new(Arc::new(signer)))
}

#[napi(skip_typescript, catch_unwind)]
pub fn signer_fingerprint(signer: &SignerHandle) -> &str {
    signer.fingerprint()
}

#[napi(skip_typescript, catch_unwind)]
pub fn signer_workspace_id(signer: &SignerHandle) -> Option<&str> {
    signer.workspace_id()
}

#[napi(skip_typescript, catch_unwind)]
pub fn signer_verifier(signer: &SignerHandle) -> VerifierHandle {
    External::new(Arc::new(signer.verifier()))
}

/// Mints; returns the secret, or the `MintedSecret` object when `full`.
#[napi(skip_typescript, catch_unwind)]
pub fn signer_mint(
    env: Env,
    signer: &SignerHandle,
    args: Object,
    full: bool,
) -> Result<Either<String, Object<'static>>> {
    let mint = Mint::read(&args)?;
    let minted = guarded(&env, || mint?.run(signer))?;
    finish(&env, minted, full)
}

#[napi(skip_typescript, catch_unwind)]
pub fn signer_mint_async(signer: &SignerHandle, args: Object, full: bool) -> Result<AsyncTask<MintTask>> {
    Ok(AsyncTask::new(MintTask { signer: Arc::clone(signer), mint: Mint::read(&args)?, full }))
}

/// The one-call form: mints with `certificate`, parsed at most once while it stays among the
/// core's recent keys.
#[napi(skip_typescript, catch_unwind)]
pub fn mint_with(env: Env, certificate: String, args: Object) -> Result<String> {
    let mint = Mint::read(&args)?;
    guarded(&env, || Ok(mint?.run(&*core::cached_signer(&certificate)?)?.secret))
}
