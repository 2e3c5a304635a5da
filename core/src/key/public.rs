//! The verifier's keys: RSA public keys from SPKI, PKCS#1, X.509 certificates, private keys (their
//! public half) or JWKs, each parsed once into an aws-lc key.

use super::der;
use super::fingerprint::{rsa_thumbprint, strip_leading_zeros};
use super::pem::{no_pem, pem_blocks, Role};
use super::private::load_private_block;
use super::text::normalize_key_text;
use crate::claims::{check_name, names};
use crate::error::{KeyErrorReason as Reason, MunitySecretError, Result};
use crate::framing as b64;
use crate::json::{check_unique_members, StrictObject};
use crate::text::quote;
use aws_lc_rs::rsa::PublicKeyComponents;
use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use serde_json::Value;
use std::fmt;

/// One RSA public key a [`crate::Verifier`] checks signatures with, with its fingerprint and
/// optional key id.
#[derive(Clone)]
pub struct VerifyingKey {
    parsed: ParsedPublicKey,
    fingerprint: String,
    key_id: Option<String>,
    bits: usize,
}

impl VerifyingKey {
    /// Reads exactly one key from PEM (`PUBLIC KEY`, `RSA PUBLIC KEY`, `CERTIFICATE`, or a private
    /// key whose public half is used) or from one JWK; the text is normalised like a certificate.
    pub fn from_text(text: &str) -> Result<Self> {
        let mut keys = keys_from_text(text)?;
        if keys.len() != 1 {
            return Err(MunitySecretError::key(
                Reason::MultipleKeys,
                format!("found {} keys where one is expected; use a Verifier for several", keys.len()),
            ));
        }
        Ok(keys.remove(0))
    }

    /// Gives the key an id, which a secret's `kid` header selects it by. The rule is the one of
    /// `name`: 1 to 255 characters, no control characters, not only white space.
    pub fn with_key_id(mut self, key_id: &str) -> Result<Self> {
        check_name(names::KID, key_id)?;
        self.key_id = Some(key_id.to_owned());
        Ok(self)
    }

    /// The RFC 7638 thumbprint (SHA-256, base64url) of the key.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The key id, when the key has one.
    pub fn key_id(&self) -> Option<&str> {
        self.key_id.as_deref()
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// Builds the key from big-endian `(n, e)`, refusing sizes and exponents RS256 must not use.
    pub(crate) fn from_components(n: &[u8], e: &[u8]) -> Result<Self> {
        let n = strip_leading_zeros(n);
        let e = strip_leading_zeros(e);
        let bits = der::check_modulus_bits(n)?;
        check_public_numbers(n, e)?;
        let parsed = PublicKeyComponents { n, e }.to_parsed_public_key(&RSA_PKCS1_2048_8192_SHA256).map_err(|err| {
            MunitySecretError::key(Reason::Rejected, format!("the crypto library refused the RSA public key ({err})"))
        })?;
        Ok(Self { parsed, fingerprint: rsa_thumbprint(n, e)?, key_id: None, bits })
    }

    /// Whether `signature` is this key's RS256 signature of `message`.
    pub(crate) fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        self.parsed.verify_sig(message, signature).is_ok()
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("fingerprint", &self.fingerprint)
            .field("key_id", &self.key_id)
            .field("bits", &self.bits)
            .finish()
    }
}

/// Refuses an even modulus and absurd public exponents (even, 1, or over 33 bits, as aws-lc's own
/// checks bound it), so a key that would make forgery easy never gets used.
fn check_public_numbers(n: &[u8], e: &[u8]) -> Result<()> {
    if n.last().is_some_and(|b| b % 2 == 0) {
        return Err(MunitySecretError::key(Reason::Rejected, "the RSA modulus is even, which no real RSA key has"));
    }
    let e_bits = e.first().map_or(0, |top| e.len() * 8 - top.leading_zeros() as usize);
    let e_small = e.len() <= 8 && {
        let mut value = 0u64;
        for b in e {
            value = value << 8 | u64::from(*b);
        }
        value < 3
    };
    if e_small || e.last().is_some_and(|b| b % 2 == 0) || e_bits > 33 {
        return Err(MunitySecretError::key(
            Reason::Rejected,
            format!(
                "the RSA public exponent is unusable ({e_bits} bits{}); real keys use 65537",
                if e_small { ", below 3" } else { "" }
            ),
        ));
    }
    Ok(())
}

/// Every key in `text`: one or several PEM blocks, one JWK, or a JWK Set.
pub(crate) fn keys_from_text(text: &str) -> Result<Vec<VerifyingKey>> {
    let text = normalize_key_text(text);
    if text.starts_with('{') {
        return keys_from_json(&text);
    }
    let blocks = pem_blocks(&text)?;
    if blocks.is_empty() {
        return Err(no_pem(&text, Role::Verifier));
    }
    blocks.iter().map(key_from_pem_block).collect()
}

fn key_from_pem_block(block: &pem::Pem) -> Result<VerifyingKey> {
    let (n, e) = match block.tag() {
        "PUBLIC KEY" => der::spki_rsa_public_key(block.contents())?,
        "RSA PUBLIC KEY" => der::pkcs1_rsa_public_key(block.contents())?,
        "CERTIFICATE" | "X509 CERTIFICATE" => der::certificate_rsa_public_key(block.contents())?,
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => {
            let loaded = load_private_block(block)?;
            (loaded.n, loaded.e)
        }
        other => {
            return Err(MunitySecretError::key(
                Reason::Malformed,
                format!(
                    "found a PEM block labelled {}; expected PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE or a private key",
                    quote(other)
                ),
            ))
        }
    };
    VerifyingKey::from_components(&n, &e)
}

fn keys_from_json(text: &str) -> Result<Vec<VerifyingKey>> {
    // Members are unique at every depth, inside each key of a set too: never last-wins.
    check_unique_members(text.as_bytes())
        .map_err(|e| MunitySecretError::key(Reason::Malformed, format!("the JWK is not valid JSON ({e})")))?;
    let object = StrictObject::parse(text.as_bytes())
        .map_err(|e| MunitySecretError::key(Reason::Malformed, format!("the JWK is not a JSON object ({e})")))?;
    let Some((_, keys)) = object.0.iter().find(|(name, _)| name == "keys") else {
        return Ok(vec![key_from_jwk(&object.0)?]);
    };
    let Value::Array(keys) = keys else {
        return Err(MunitySecretError::key(Reason::Malformed, "the JWK Set's \"keys\" is not an array"));
    };
    if keys.is_empty() {
        return Err(MunitySecretError::key(Reason::NoKey, "the JWK Set holds no key"));
    }
    keys.iter()
        .enumerate()
        .map(|(index, key)| match key {
            Value::Object(members) => {
                let members: Vec<(String, Value)> = members.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                key_from_jwk(&members).map_err(|e| in_set(e, index))
            }
            _ => Err(MunitySecretError::key(Reason::Malformed, format!("JWK Set key {index} is not an object"))),
        })
        .collect()
}

fn in_set(error: MunitySecretError, index: usize) -> MunitySecretError {
    match error {
        MunitySecretError::InvalidKey { reason, message } => {
            MunitySecretError::key(reason, format!("JWK Set key {index}: {message}"))
        }
        other => other,
    }
}

/// One RSA JWK (RFC 7517/7518): `kty` RSA, `n`, `e`, optional `kid`; `alg`, when present, RS256;
/// `use`, when present, `sig`. Private members are ignored: only the public half is used.
fn key_from_jwk(members: &[(String, Value)]) -> Result<VerifyingKey> {
    let member = |name: &str| members.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let string = |name: &str| -> Result<Option<&str>> {
        match member(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(MunitySecretError::key(Reason::Malformed, format!("the JWK's \"{name}\" is not a string"))),
        }
    };
    match string("kty")? {
        Some("RSA") => {}
        Some(kty @ ("EC" | "OKP" | "oct")) => {
            return Err(MunitySecretError::key(
                Reason::NotRsa,
                format!("the JWK is of type {kty}, not RSA; Munity secrets are RS256"),
            ))
        }
        Some(other) => {
            return Err(MunitySecretError::key(Reason::NotRsa, format!("the JWK is of type {}, not RSA", quote(other))))
        }
        None => return Err(MunitySecretError::key(Reason::Malformed, "the JWK has no \"kty\"")),
    }
    if let Some(alg) = string("alg")? {
        if alg != "RS256" {
            return Err(MunitySecretError::key(
                Reason::Malformed,
                format!("the JWK is for algorithm {}; Munity secrets are RS256", quote(alg)),
            ));
        }
    }
    if let Some(usage) = string("use")? {
        if usage != "sig" {
            return Err(MunitySecretError::key(
                Reason::Malformed,
                format!("the JWK's use is {}; a verifying key has use \"sig\"", quote(usage)),
            ));
        }
    }
    let number = |name: &str| -> Result<Vec<u8>> {
        let text = string(name)?
            .ok_or_else(|| MunitySecretError::key(Reason::Malformed, format!("the RSA JWK has no \"{name}\"")))?;
        b64::decode(text).map_err(|e| {
            MunitySecretError::key(Reason::Malformed, format!("the JWK's \"{name}\" is not base64url: {e}"))
        })
    };
    let key = VerifyingKey::from_components(&number("n")?, &number("e")?)?;
    match string("kid")? {
        Some(kid) => key.with_key_id(kid),
        None => Ok(key),
    }
}
