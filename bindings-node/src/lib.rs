//! The Node.js binding of munity-secrets: type conversion and error mapping only. Every rule
//! (claims, options, keys, defaults, connect against renew) lives in the core crate.
//!
//! `index.js` is the public API: it checks JS types (a wrong type is a `TypeError`), reads own
//! properties of the options objects only, turns a `Date` into seconds, builds the result objects
//! from the JSON text this module returns (one string per call: cheaper than setting properties from
//! native code), and gives the errors this module throws their classes. This module is internal: its
//! declarations are in `header.d.ts`.

// napi-derive registers the #[napi] exports only outside `cfg(test)`, so in the crate's test build
// (clippy --all-targets) every export looks unused.
#![cfg_attr(test, allow(dead_code))]

mod errors;
mod signer;
mod verifier;

use munity_secrets as core;
use napi::bindgen_prelude::*;
use napi::Env;
use napi_derive::napi;

/// The package version, the Cargo workspace's.
#[napi]
#[allow(non_upper_case_globals)]
pub const version: &str = env!("CARGO_PKG_VERSION");
/// The environment variable of the workspace certificate: `"MUNITY_CERTIFICATE"`.
#[napi]
pub const CERTIFICATE_ENV: &str = core::CERTIFICATE_ENV;
/// The environment variable of the workspace a signer from the environment is bound to: `"MUNITY_WORKSPACE_ID"`.
#[napi]
pub const WORKSPACE_ID_ENV: &str = core::WORKSPACE_ID_ENV;
/// The environment variable of the verifier's public key(s): `"MUNITY_PUBLIC_KEY"`.
#[napi]
pub const PUBLIC_KEY_ENV: &str = core::PUBLIC_KEY_ENV;
/// The lifetime of a secret when the caller says nothing: 3600 seconds.
#[napi]
pub const DEFAULT_EXPIRES_IN: i64 = core::DEFAULT_EXPIRES_IN;
/// The longest lifetime, and how far ahead `expiresAt` may lie: 31,536,000 seconds (365 days).
#[napi]
pub const MAX_EXPIRES_IN: i64 = core::MAX_EXPIRES_IN;
/// The clock tolerance of `verify` when the caller says nothing: 60 seconds.
#[napi]
pub const DEFAULT_LEEWAY: i64 = core::DEFAULT_LEEWAY;
/// The largest `leeway` accepted, in seconds.
#[napi]
pub const MAX_LEEWAY: i64 = core::MAX_LEEWAY;
/// The modulus size of `generateKeyPair()`: 2048 bits.
#[napi]
pub const DEFAULT_KEY_BITS: u32 = core::DEFAULT_KEY_BITS;
/// The last NumericDate accepted anywhere: 253402300799 (9999-12-31T23:59:59Z), which a `Date` holds.
#[napi]
pub const MAX_NUMERIC_DATE: i64 = core::MAX_NUMERIC_DATE;

/// A fresh RSA key pair as PEM, for tests and local development only.
#[napi(object, object_from_js = false)]
pub struct KeyPair {
    /// PKCS#8 `PRIVATE KEY` PEM.
    pub private_key: String,
    /// SPKI `PUBLIC KEY` PEM.
    pub public_key: String,
}

/// Generates an RSA key pair of `bits` (2048, 3072 or 4096), for tests and local development.
#[napi(skip_typescript, catch_unwind)]
pub fn generate_key_pair(env: Env, bits: u32) -> Result<KeyPair> {
    let pair = errors::guarded(&env, || core::generate_key_pair(bits))?;
    Ok(KeyPair { private_key: pair.private_key_pem, public_key: pair.public_key_pem })
}
