//! # munity-secrets
//!
//! Mints and verifies Munity *connect secrets* and *renew secrets*: RS256 JWTs whose bytes equal
//! what PyJWT writes for the same claims, checked strictly on the way in. One core for the Python,
//! Node, Kotlin and command-line front ends.
//!
//! ```
//! use munity_secrets::{generate_key_pair, Expiry, MintOptions, MintRequest, SecretKind, Signer, Verifier, VerifyOptions};
//!
//! let keys = generate_key_pair(2048)?;
//! // A signer bound to its workspace: calls name only the customer.
//! let signer = Signer::bound(&keys.private_key_pem, "11111111-2222-3333-aaaa-eeeeeeeeeeee")?;
//! let minted = signer.mint(
//!     &MintRequest { customer_id: "customer1234", name: Some("optional name"), ..MintRequest::default() },
//!     &MintOptions { expiry: Expiry::In(600), ..MintOptions::default() }, // one hour when left out
//! )?;
//! assert_eq!(minted.kind, SecretKind::Connect);
//! let verified = Verifier::new(&keys.public_key_pem)?.verify(&minted.secret, &VerifyOptions::default())?;
//! assert_eq!(verified.customer_id, "customer1234");
//! assert_eq!(verified.expires_at, minted.expires_at);
//! assert_eq!(verified.fingerprint, signer.fingerprint());
//! # Ok::<(), munity_secrets::MunitySecretError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cache;
pub mod claims;
mod clock;
pub mod defaults;
mod error;
mod framing;
mod json;
mod key;
mod keygen;
pub mod options;
mod signer;
mod text;
mod verifier;

pub use cache::{cached_signer, cached_verifier, CACHE_CAPACITY};
pub use defaults::{
    CERTIFICATE_ENV, DEFAULT_EXPIRES_IN, DEFAULT_KEY_BITS, DEFAULT_LEEWAY, MAX_EXPIRES_IN, MAX_LEEWAY,
    MAX_NUMERIC_DATE, PUBLIC_KEY_ENV, WORKSPACE_ID_ENV,
};
pub use error::{ClaimErrorReason, ErrorKind, KeyErrorReason, MunitySecretError, Result};
pub use framing::MAX_SECRET_BYTES;
pub use key::{VerifyingKey, MAX_RSA_BITS, MIN_RSA_BITS};
pub use keygen::{generate_key_pair, GeneratedKeyPair};
pub use options::Expiry;
pub use signer::{ConnectRequest, MintOptions, MintRequest, MintedSecret, RenewRequest, Signer};
pub use verifier::{inspect, Inspection, SecretKind, VerifiedSecret, Verifier, VerifyOptions};

#[cfg(test)]
mod raw_signing_tests;

/// The README's Rust snippets, compiled and run by `cargo test --doc` so they cannot rot.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
