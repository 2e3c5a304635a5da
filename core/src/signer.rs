//! Minting connect and renew secrets with the workspace certificate.

use crate::b64;
use crate::claims::{self, names};
use crate::clock;
use crate::error::{KeyErrorReason, MunitySecretError, Result};
use crate::json::write_str;
use crate::private_key::load_private_key;
use crate::public_key::VerifyingKey;
use crate::verifier::Verifier;
use aws_lc_rs::rsa::KeyPair;
use aws_lc_rs::signature::RSA_PKCS1_SHA256;
use std::fmt;

/// The header every secret without a key id carries, already in base64url:
/// `{"alg":"RS256","typ":"JWT"}`.
const PLAIN_HEADER_B64: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9";

/// The claims of a connect secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectRequest<'a> {
    /// The SaaS product's own id for its customer: 1 to 255 ASCII letters and digits.
    pub customer_id: &'a str,
    /// The Munity workspace, a hyphenated UUID (any case; written lowercase).
    pub workspace_id: &'a str,
    /// An optional display name: 1 to 255 characters, no control characters.
    pub name: Option<&'a str>,
}

/// The claims of a renew secret: a connect secret's, plus the integration it restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenewRequest<'a> {
    /// As in [`ConnectRequest`].
    pub customer_id: &'a str,
    /// As in [`ConnectRequest`].
    pub workspace_id: &'a str,
    /// The integration to restore, a hyphenated UUID.
    pub integration_id: &'a str,
    /// As in [`ConnectRequest`].
    pub name: Option<&'a str>,
}

/// How a secret is minted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MintOptions {
    /// Lifetime in seconds (1 to 31,536,000): writes `exp = now + expires_in`. No `exp` when `None`.
    pub expires_in: Option<i64>,
    /// The current time in seconds since the epoch, for reproducible output; the system clock when `None`.
    pub now: Option<i64>,
    /// A key id written as the header's `kid`, for verifiers holding several keys.
    pub key_id: Option<String>,
}

/// Mints secrets with one workspace certificate. Parse it once and share it: it is `Send + Sync`,
/// and every call reuses the parsed key.
pub struct Signer {
    key_pair: KeyPair,
    public: VerifyingKey,
}

impl Signer {
    /// Reads the workspace certificate: PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY` PEM, as it
    /// comes from a file, an environment variable or a secret store (see the spec's section 4).
    pub fn new(certificate: &str) -> Result<Self> {
        let loaded = load_private_key(certificate)?;
        let public = VerifyingKey::from_components(&loaded.n, &loaded.e)?;
        Ok(Self { key_pair: loaded.key_pair, public })
    }

    /// Reads the certificate from the environment variable `name` (`MUNITY_CERTIFICATE` by convention).
    pub fn from_env(name: &str) -> Result<Self> {
        Self::new(&read_env(name)?)
    }

    /// The RFC 7638 thumbprint of the key, to match against the workspace settings.
    pub fn fingerprint(&self) -> &str {
        self.public.fingerprint()
    }

    /// The key's public half, for checking this signer's own secrets.
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.public
    }

    /// A verifier holding this signer's public key.
    pub fn verifier(&self) -> Verifier {
        Verifier::from_key(self.public.clone())
    }

    /// Mints a connect secret.
    pub fn connect_secret(&self, request: &ConnectRequest<'_>, options: &MintOptions) -> Result<String> {
        self.mint(request.customer_id, request.workspace_id, request.name, None, options)
    }

    /// Mints a renew secret: a connect secret's claims plus `integration_id`.
    pub fn renew_secret(&self, request: &RenewRequest<'_>, options: &MintOptions) -> Result<String> {
        self.mint(request.customer_id, request.workspace_id, request.name, Some(request.integration_id), options)
    }

    fn mint(
        &self,
        customer_id: &str,
        workspace_id: &str,
        name: Option<&str>,
        integration_id: Option<&str>,
        options: &MintOptions,
    ) -> Result<String> {
        claims::check_customer_id(customer_id)?;
        let workspace_id = claims::normalize_uuid(names::WORKSPACE_ID, workspace_id)?;
        if let Some(name) = name {
            claims::check_name(names::NAME, name)?;
        }
        let integration_id = integration_id.map(|id| claims::normalize_uuid(names::INTEGRATION_ID, id)).transpose()?;
        if let Some(key_id) = &options.key_id {
            claims::check_name(names::KID, key_id)?;
        }
        let exp = match options.expires_in {
            Some(expires_in) => {
                claims::check_expires_in(expires_in)?;
                let now = clock::resolve(options.now)?;
                Some(now.checked_add(expires_in).ok_or_else(|| {
                    MunitySecretError::claim(
                        names::EXP,
                        crate::error::ClaimErrorReason::OutOfRange,
                        "now + expires_in overflows a NumericDate",
                    )
                })?)
            }
            None => {
                if let Some(now) = options.now {
                    claims::check_now(now)?;
                }
                None
            }
        };

        let mut payload = String::with_capacity(160 + name.map_or(0, str::len) * 6);
        payload.push_str("{\"customer_id\":");
        write_str(&mut payload, customer_id);
        payload.push_str(",\"workspace_id\":");
        write_str(&mut payload, &workspace_id);
        if let Some(name) = name {
            payload.push_str(",\"name\":");
            write_str(&mut payload, name);
        }
        if let Some(integration_id) = &integration_id {
            payload.push_str(",\"integration_id\":");
            write_str(&mut payload, integration_id);
        }
        if let Some(exp) = exp {
            payload.push_str(",\"exp\":");
            payload.push_str(&exp.to_string());
        }
        payload.push('}');

        let mut secret = String::with_capacity(64 + payload.len() * 4 / 3 + 350);
        match &options.key_id {
            None => secret.push_str(PLAIN_HEADER_B64),
            Some(key_id) => {
                let mut header = String::from("{\"alg\":\"RS256\",\"kid\":");
                write_str(&mut header, key_id);
                header.push_str(",\"typ\":\"JWT\"}");
                b64::encode_into(header.as_bytes(), &mut secret);
            }
        }
        secret.push('.');
        b64::encode_into(payload.as_bytes(), &mut secret);
        let signature = self.sign(secret.as_bytes())?;
        secret.push('.');
        b64::encode_into(&signature, &mut secret);
        Ok(secret)
    }

    /// RS256 (RSASSA-PKCS1-v1_5, SHA-256) over the signing input; deterministic.
    pub(crate) fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>> {
        let mut signature = vec![0; self.key_pair.public_modulus_len()];
        let rng = aws_lc_rs::rand::SystemRandom::new();
        self.key_pair
            .sign(&RSA_PKCS1_SHA256, &rng, signing_input, &mut signature)
            .map_err(|_| MunitySecretError::key(KeyErrorReason::Rejected, "the crypto library failed to sign"))?;
        Ok(signature)
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer").field("fingerprint", &self.fingerprint()).finish_non_exhaustive()
    }
}

/// The value of an environment variable holding a key, or an invalid-key error naming the variable.
pub(crate) fn read_env(name: &str) -> Result<String> {
    std::env::var(name).map_err(|e| {
        let what = match e {
            std::env::VarError::NotPresent => "is not set",
            std::env::VarError::NotUnicode(_) => "is not valid UTF-8",
        };
        MunitySecretError::key(
            KeyErrorReason::Malformed,
            format!("the environment variable {name} {what}; put the key's PEM text in it"),
        )
    })
}
