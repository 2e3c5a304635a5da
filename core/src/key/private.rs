//! The signer's key: the workspace certificate, a PKCS#8 or PKCS#1 RSA private key in PEM.

use super::der;
use super::pem::{single_pem_block, Role};
use super::text::normalize_key_text;
use crate::error::{KeyErrorReason as Reason, MunitySecretError, Result};
use crate::text::quote;
use aws_lc_rs::rsa::KeyPair;

/// What the signer holds: the parsed aws-lc key pair, and its public components.
pub(crate) struct LoadedPrivateKey {
    pub(crate) key_pair: KeyPair,
    pub(crate) n: Vec<u8>,
    pub(crate) e: Vec<u8>,
}

/// Parses the certificate text (normalised first) into an RSA key pair, refusing anything else
/// with a message that says what was found and what to do.
pub(crate) fn load_private_key(text: &str) -> Result<LoadedPrivateKey> {
    let text = normalize_key_text(text);
    load_private_block(&single_pem_block(&text, Role::Signer)?)
}

/// Parses one PEM block holding an RSA private key.
pub(crate) fn load_private_block(block: &pem::Pem) -> Result<LoadedPrivateKey> {
    let key_pair = match block.tag() {
        "PRIVATE KEY" => {
            let pkcs1 = der::pkcs8_rsa_private_key(block.contents())?;
            der::check_private_key_size(pkcs1)?;
            KeyPair::from_pkcs8(block.contents()).map_err(rejected)?
        }
        "RSA PRIVATE KEY" => {
            if block.headers().get("Proc-Type").is_some_and(|v| v.contains("ENCRYPTED")) {
                return Err(encrypted());
            }
            der::check_private_key_size(block.contents())?;
            KeyPair::from_der(block.contents()).map_err(rejected)?
        }
        other => return Err(wrong_label(other)),
    };
    let (n, e) = der::pkcs1_rsa_public_key(aws_lc_rs::signature::KeyPair::public_key(&key_pair).as_ref())?;
    Ok(LoadedPrivateKey { key_pair, n, e })
}

fn wrong_label(label: &str) -> MunitySecretError {
    match label {
        "ENCRYPTED PRIVATE KEY" => encrypted(),
        "PUBLIC KEY" | "RSA PUBLIC KEY" => MunitySecretError::key(
            Reason::NotPrivate,
            format!(
                "this is a public key ({label}); the signer needs the workspace's private key \
                 (-----BEGIN PRIVATE KEY-----). Public keys are for verifying"
            ),
        ),
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => MunitySecretError::key(
            Reason::NotPrivate,
            "this is an X.509 certificate, which holds only a public key; the signer needs the \
             workspace's private key (-----BEGIN PRIVATE KEY-----)",
        ),
        "EC PRIVATE KEY" | "DSA PRIVATE KEY" => MunitySecretError::key(
            Reason::NotRsa,
            format!("this is a {} key, not an RSA key; Munity secrets are RS256", &label[..label.len() - 12]),
        ),
        "OPENSSH PRIVATE KEY" => MunitySecretError::key(
            Reason::Malformed,
            "this is an OpenSSH private key; convert it with `ssh-keygen -p -m PKCS8 -f FILE` \
             (a copy) to get -----BEGIN PRIVATE KEY-----",
        ),
        other => MunitySecretError::key(
            Reason::Malformed,
            format!("found a PEM block labelled {}; expected PRIVATE KEY or RSA PRIVATE KEY", quote(other)),
        ),
    }
}

fn encrypted() -> MunitySecretError {
    MunitySecretError::key(
        Reason::Encrypted,
        "the private key is encrypted; decrypt it first (`openssl pkcs8 -in key.pem -out plain.pem`) \
         and keep it in a secret store instead of a passphrase",
    )
}

fn rejected(e: aws_lc_rs::error::KeyRejected) -> MunitySecretError {
    MunitySecretError::key(
        Reason::Rejected,
        format!(
            "the RSA private key failed the crypto library's key checks ({e}): its components are \
             inconsistent or its public exponent is unusable; ask Munity for a new certificate"
        ),
    )
}
