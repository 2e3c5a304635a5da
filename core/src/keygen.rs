//! Fresh RSA key pairs for local development and test suites (never for production: Munity issues
//! the workspace certificate).

use crate::error::{KeyErrorReason, MunitySecretError, Result};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;

/// A generated key pair as PEM: PKCS#8 private key and SPKI public key.
pub struct GeneratedKeyPair {
    /// `-----BEGIN PRIVATE KEY-----` (PKCS#8).
    pub private_key_pem: String,
    /// `-----BEGIN PUBLIC KEY-----` (SPKI).
    pub public_key_pem: String,
}

impl std::fmt::Debug for GeneratedKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GeneratedKeyPair { .. }")
    }
}

/// Generates an RSA key pair of 2048, 3072 or 4096 bits.
pub fn generate_key_pair(bits: u32) -> Result<GeneratedKeyPair> {
    let size = match bits {
        2048 => KeySize::Rsa2048,
        3072 => KeySize::Rsa3072,
        4096 => KeySize::Rsa4096,
        other => {
            return Err(MunitySecretError::key(
                KeyErrorReason::Malformed,
                format!("a generated key has 2048, 3072 or 4096 bits, not {other}"),
            ))
        }
    };
    let failed =
        |what: &str| MunitySecretError::key(KeyErrorReason::Rejected, format!("the crypto library failed to {what}"));
    let pair = KeyPair::generate(size).map_err(|_| failed("generate a key"))?;
    let private: aws_lc_rs::encoding::Pkcs8V1Der<'static> =
        pair.as_der().map_err(|_| failed("encode the private key"))?;
    let public: aws_lc_rs::encoding::PublicKeyX509Der<'static> =
        pair.public_key().as_der().map_err(|_| failed("encode the public key"))?;
    Ok(GeneratedKeyPair {
        private_key_pem: pem::encode(&pem::Pem::new("PRIVATE KEY", private.as_ref())),
        public_key_pem: pem::encode(&pem::Pem::new("PUBLIC KEY", public.as_ref())),
    })
}
