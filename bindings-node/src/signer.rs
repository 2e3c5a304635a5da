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

/// A mint call as `index.js` hands it over, argument by argument (one crossing, no property read from native
/// code), types checked there: `undefined` and `null` are absent; `no_expiry` stands for `expiresIn: null`.
/// Times and lifetimes are JS numbers of seconds and strings are UTF-16, both converted by the core.
pub struct MintArgs {
    customer_id: Option<Utf16String>,
    workspace_id: Option<Utf16String>,
    name: Option<Utf16String>,
    integration_id: Option<Utf16String>,
    expires_in: Option<f64>,
    expires_at: Option<f64>,
    no_expiry: bool,
    now: Option<f64>,
    key_id: Option<Utf16String>,
}

impl Mint {
    fn read(args: MintArgs) -> core::Result<Self> {
        let expiry = match (seconds(names::EXPIRES_IN, args.expires_in)?, seconds(names::EXPIRES_AT, args.expires_at)?)
        {
            (Some(expires_in), _) => Expiry::In(expires_in),
            (None, Some(expires_at)) => Expiry::At(expires_at),
            (None, None) if args.no_expiry => Expiry::Never,
            (None, None) => Expiry::default(),
        };
        Ok(Self {
            customer_id: text(names::CUSTOMER_ID, &args.customer_id)?.unwrap_or_default(),
            workspace_id: text(names::WORKSPACE_ID, &args.workspace_id)?,
            name: text(names::NAME, &args.name)?,
            integration_id: text(names::INTEGRATION_ID, &args.integration_id)?,
            options: core::MintOptions {
                expiry,
                now: seconds(names::NOW, args.now)?,
                key_id: text(names::KID, &args.key_id)?,
            },
        })
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

/// What a mint call returns: the secret alone, or the `MintedSecret` as one JSON array `[secret, kind, exp]`
/// (`exp` a NumericDate or `null`), which `index.js` turns into the object with its `Date`.
fn finish(minted: core::MintedSecret, full: bool) -> Result<String> {
    if full {
        let fields = (&minted.secret, minted.kind.as_str(), minted.expires_at);
        serde_json::to_string(&fields).map_err(|error| Error::from_reason(error.to_string()))
    } else {
        Ok(minted.secret)
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
    type JsValue = String;

    fn compute(&mut self) -> Result<Self::Output> {
        let (signer, mint) = (&self.signer, &self.mint);
        guarded_off_thread(move || mint.as_ref().map_err(Clone::clone)?.run(signer))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        finish(output.map_err(|error| to_napi(&env, error))?, self.full)
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

/// Mints; returns the secret, or the `MintedSecret` as JSON text when `full`.
#[allow(clippy::too_many_arguments)]
#[napi(skip_typescript, catch_unwind)]
pub fn signer_mint(
    env: Env,
    signer: &SignerHandle,
    full: bool,
    customer_id: Option<Utf16String>,
    workspace_id: Option<Utf16String>,
    name: Option<Utf16String>,
    integration_id: Option<Utf16String>,
    expires_in: Option<f64>,
    expires_at: Option<f64>,
    no_expiry: bool,
    now: Option<f64>,
    key_id: Option<Utf16String>,
) -> Result<String> {
    let args =
        MintArgs { customer_id, workspace_id, name, integration_id, expires_in, expires_at, no_expiry, now, key_id };
    let minted = guarded(&env, || Mint::read(args)?.run(signer))?;
    finish(minted, full)
}

#[allow(clippy::too_many_arguments)]
#[napi(skip_typescript, catch_unwind)]
pub fn signer_mint_async(
    signer: &SignerHandle,
    full: bool,
    customer_id: Option<Utf16String>,
    workspace_id: Option<Utf16String>,
    name: Option<Utf16String>,
    integration_id: Option<Utf16String>,
    expires_in: Option<f64>,
    expires_at: Option<f64>,
    no_expiry: bool,
    now: Option<f64>,
    key_id: Option<Utf16String>,
) -> AsyncTask<MintTask> {
    let args =
        MintArgs { customer_id, workspace_id, name, integration_id, expires_in, expires_at, no_expiry, now, key_id };
    AsyncTask::new(MintTask { signer: Arc::clone(signer), mint: Mint::read(args), full })
}

/// The one-call form: mints with `certificate`, parsed at most once while it stays among the
/// core's recent keys.
#[allow(clippy::too_many_arguments)]
#[napi(skip_typescript, catch_unwind)]
pub fn mint_with(
    env: Env,
    certificate: String,
    customer_id: Option<Utf16String>,
    workspace_id: Option<Utf16String>,
    name: Option<Utf16String>,
    integration_id: Option<Utf16String>,
    expires_in: Option<f64>,
    expires_at: Option<f64>,
    no_expiry: bool,
    now: Option<f64>,
    key_id: Option<Utf16String>,
) -> Result<String> {
    let args =
        MintArgs { customer_id, workspace_id, name, integration_id, expires_in, expires_at, no_expiry, now, key_id };
    guarded(&env, || Ok(Mint::read(args)?.run(&*core::cached_signer(&certificate)?)?.secret))
}
