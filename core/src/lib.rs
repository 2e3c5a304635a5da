//! # munity-secrets
//!
//! Mints and verifies Munity *connect secrets* and *renew secrets*: RS256 JWTs whose bytes equal
//! what PyJWT writes for the same claims, checked strictly on the way in. One core for the Python,
//! Node, Kotlin and command-line front ends.
//!
//! ```
//! use munity_secrets::{generate_key_pair, ConnectRequest, MintOptions, Signer, Verifier, VerifyOptions};
//!
//! let keys = generate_key_pair(2048)?;
//! let signer = Signer::new(&keys.private_key_pem)?;
//! let secret = signer.connect_secret(
//!     &ConnectRequest {
//!         customer_id: "customer1234",
//!         workspace_id: "11111111-2222-3333-aaaa-eeeeeeeeeeee",
//!         name: Some("optional name"),
//!     },
//!     &MintOptions { expires_in: Some(600), ..MintOptions::default() },
//! )?;
//! let verified = Verifier::new(&keys.public_key_pem)?.verify(&secret, &VerifyOptions::default())?;
//! assert_eq!(verified.customer_id, "customer1234");
//! assert_eq!(verified.fingerprint, signer.fingerprint());
//! # Ok::<(), munity_secrets::MunitySecretError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod b64;
mod cache;
pub mod claims;
mod clock;
mod error;
mod fingerprint;
mod json;
mod keygen;
mod normalize;
mod private_key;
mod public_key;
mod rsa_der;
mod signer;
mod verifier;

pub use cache::{cached_signer, cached_verifier, CACHE_CAPACITY};
pub use error::{ClaimErrorReason, ErrorKind, KeyErrorReason, MunitySecretError, Result};
pub use keygen::{generate_key_pair, GeneratedKeyPair};
pub use public_key::VerifyingKey;
pub use rsa_der::{MAX_RSA_BITS, MIN_RSA_BITS};
pub use signer::{ConnectRequest, MintOptions, RenewRequest, Signer};
pub use verifier::{
    inspect, Inspection, SecretKind, VerifiedSecret, Verifier, VerifyOptions, DEFAULT_LEEWAY, MAX_SECRET_BYTES,
};

#[cfg(test)]
mod raw_signing_tests;

/// The README's Rust snippets, compiled and run by `cargo test --doc` so they cannot rot.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
