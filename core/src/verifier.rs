//! Strict verification (spec section 5): size and shape, header, signature, then payload and time,
//! each step failing with its own error kind. Nothing in the payload is read before the signature
//! has been checked.

use crate::claims::{decode_payload, names, Claims};
use crate::clock;
use crate::defaults::PUBLIC_KEY_ENV;
use crate::error::{ClaimErrorReason, KeyErrorReason, MunitySecretError, Result};
use crate::framing::{check_header, split, Parts};
use crate::json::StrictObject;
use crate::key::{keys_from_text, read_key_env, VerifyingKey};
use crate::options::{check_leeway, check_numeric_date};
use crate::text::{cut, quote};
use serde::Serialize;
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

/// What a secret is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretKind {
    /// Connects a new integration: no `integration_id`.
    Connect,
    /// Restores a broken integration: has `integration_id`.
    Renew,
}

impl SecretKind {
    /// `connect` or `renew`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connect => "connect",
            Self::Renew => "renew",
        }
    }
}

impl fmt::Display for SecretKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SecretKind {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, String> {
        match text {
            "connect" => Ok(Self::Connect),
            "renew" => Ok(Self::Renew),
            other => Err(format!("a secret kind is connect or renew, not {}", quote(other))),
        }
    }
}

/// How a secret is verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Clock tolerance for `exp` and `nbf`, in seconds: 60 by default, from 0 to
    /// [`crate::defaults::MAX_LEEWAY`] (checked by [`Verifier::verify`], never clamped).
    pub leeway: i64,
    /// The current time in seconds since the epoch; the system clock when `None`. From 0 to
    /// [`crate::defaults::MAX_NUMERIC_DATE`].
    pub now: Option<i64>,
    /// The kind the caller requires, so that a renew secret is not taken for a connect one.
    pub expect: Option<SecretKind>,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self { leeway: crate::defaults::DEFAULT_LEEWAY, now: None, expect: None }
    }
}

/// A secret that passed every check: its kind, every claim (UUIDs lowercased) and the key that verified it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifiedSecret {
    /// `connect`, or `renew` when `integration_id` is present.
    pub kind: SecretKind,
    /// The customer.
    pub customer_id: String,
    /// The workspace, lowercase.
    pub workspace_id: String,
    /// The display name, when present.
    pub name: Option<String>,
    /// The integration (renew secrets), lowercase.
    pub integration_id: Option<String>,
    /// `exp`, when present.
    pub expires_at: Option<i64>,
    /// `iat`, when present.
    pub issued_at: Option<i64>,
    /// `nbf`, when present.
    pub not_before: Option<i64>,
    /// The header's `kid`, when present.
    pub key_id: Option<String>,
    /// The RFC 7638 thumbprint of the key that verified the signature.
    pub fingerprint: String,
}

/// A secret's header and payload, decoded but NOT verified: for looking at, never for trusting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    /// The header members.
    pub header: serde_json::Map<String, Value>,
    /// The payload members.
    pub payload: serde_json::Map<String, Value>,
}

/// Verifies secrets against one or several RSA public keys (several for key rotation). Parse it
/// once and share it: it is `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Verifier {
    keys: Vec<VerifyingKey>,
}

impl Verifier {
    /// Reads the public keys from text: one or several PEM blocks (`PUBLIC KEY`, `RSA PUBLIC KEY`,
    /// `CERTIFICATE`, or a private key whose public half is used), one JWK, or a JWK Set.
    pub fn new(public_keys: &str) -> Result<Self> {
        Self::from_keys(keys_from_text(public_keys)?)
    }

    /// Reads the keys of several texts (each as [`Verifier::new`] reads one) into one verifier, for
    /// key rotation: no text at all is `InvalidKey` (`no_key`), and key ids must stay unique.
    pub fn from_texts(texts: &[&str]) -> Result<Self> {
        let mut keys = Vec::new();
        for text in texts {
            keys.extend(keys_from_text(text)?);
        }
        Self::from_keys(keys)
    }

    /// Reads the keys from the environment variable `MUNITY_PUBLIC_KEY`.
    pub fn from_env() -> Result<Self> {
        Self::from_env_var(PUBLIC_KEY_ENV)
    }

    /// Reads the keys from the environment variable `name`; unset or empty is `InvalidKey` (`no_key`).
    pub fn from_env_var(name: &str) -> Result<Self> {
        Self::new(&read_key_env(name)?)
    }

    /// A verifier over the given keys: at least one, key ids unique.
    pub fn from_keys(keys: Vec<VerifyingKey>) -> Result<Self> {
        if keys.is_empty() {
            return Err(MunitySecretError::key(KeyErrorReason::NoKey, "a verifier needs at least one public key"));
        }
        for (index, key) in keys.iter().enumerate() {
            if let Some(kid) = key.key_id() {
                if keys[..index].iter().any(|k| k.key_id() == Some(kid)) {
                    return Err(MunitySecretError::key(
                        KeyErrorReason::DuplicateKeyId,
                        format!("two keys have the key id {}; key ids must be unique", quote(kid)),
                    ));
                }
            }
        }
        Ok(Self { keys })
    }

    pub(crate) fn from_key(key: VerifyingKey) -> Self {
        Self { keys: vec![key] }
    }

    /// The keys, in the order they are tried.
    pub fn keys(&self) -> &[VerifyingKey] {
        &self.keys
    }

    /// The key ids of the keys, in order (`None` for a key without an id).
    pub fn key_ids(&self) -> Vec<Option<&str>> {
        self.keys.iter().map(VerifyingKey::key_id).collect()
    }

    /// The fingerprints (RFC 7638 thumbprints) of the keys, in order.
    pub fn fingerprints(&self) -> Vec<&str> {
        self.keys.iter().map(VerifyingKey::fingerprint).collect()
    }

    /// Verifies `secret` strictly, in the order of the spec's section 5. The options are checked
    /// first: a leeway or `now` out of range is `InvalidClaim` naming the option, whatever the secret.
    pub fn verify(&self, secret: &str, options: &VerifyOptions) -> Result<VerifiedSecret> {
        let leeway = check_leeway(options.leeway)?;
        let now = options.now.map(|now| check_numeric_date(names::NOW, now)).transpose()?;
        let parts = split(secret)?;
        let key_id = check_header(&parts.header)?;
        let key = self.check_signature(&parts, key_id.as_deref())?;
        let claims = decode_payload(&parts.payload)?;
        let kind = if claims.integration_id.is_some() { SecretKind::Renew } else { SecretKind::Connect };
        if let Some(expected) = options.expect {
            if expected != kind {
                let why = match kind {
                    SecretKind::Renew => "it has an integration_id",
                    SecretKind::Connect => "it has no integration_id",
                };
                return Err(MunitySecretError::claim(
                    names::INTEGRATION_ID,
                    ClaimErrorReason::WrongKind,
                    format!("expected a {expected} secret, found a {kind} secret ({why})"),
                ));
            }
        }
        check_time(&claims, now, leeway)?;
        Ok(VerifiedSecret {
            kind,
            customer_id: claims.customer_id,
            workspace_id: claims.workspace_id,
            name: claims.name,
            integration_id: claims.integration_id,
            expires_at: claims.expires_at,
            issued_at: claims.issued_at,
            not_before: claims.not_before,
            key_id,
            fingerprint: key.fingerprint().to_owned(),
        })
    }

    fn check_signature(&self, parts: &Parts<'_>, key_id: Option<&str>) -> Result<&VerifyingKey> {
        if parts.signature.is_empty() {
            return Err(MunitySecretError::BadSignature { message: "the signature is empty".to_owned() });
        }
        let selected: Vec<&VerifyingKey> = match key_id {
            Some(kid) => {
                let by_id: Vec<&VerifyingKey> = self.keys.iter().filter(|k| k.key_id() == Some(kid)).collect();
                if by_id.is_empty() {
                    return Err(MunitySecretError::UnknownKey { kid: cut(kid), known: self.known_ids() });
                }
                by_id
            }
            None => self.keys.iter().collect(),
        };
        selected.iter().copied().find(|key| key.verifies(parts.signing_input, &parts.signature)).ok_or_else(|| {
            let tried = match (key_id, selected.len()) {
                (Some(kid), _) => format!("the key with kid {}", quote(kid)),
                (None, 1) => format!("the verifier's key (fingerprint {})", selected[0].fingerprint()),
                (None, count) => format!("any of the verifier's {count} keys"),
            };
            MunitySecretError::BadSignature {
                message: format!(
                    "the signature does not match {tried}: the secret was altered, or signed with another key"
                ),
            }
        })
    }

    fn known_ids(&self) -> String {
        let ids: Vec<String> = self.keys.iter().filter_map(|k| k.key_id().map(quote)).collect();
        if ids.is_empty() {
            "no key has an id".to_owned()
        } else {
            ids.join(", ")
        }
    }
}

/// `now` and `leeway` are checked already; `exp` and `nbf` lie in the NumericDate range, so no
/// arithmetic here can overflow.
fn check_time(secret: &Claims, now: Option<i64>, leeway: i64) -> Result<()> {
    if secret.expires_at.is_none() && secret.not_before.is_none() {
        return Ok(());
    }
    let now = clock::resolve(now)?;
    let leeway_field = leeway.unsigned_abs();
    if let Some(exp) = secret.expires_at {
        if now >= exp + leeway {
            return Err(MunitySecretError::Expired { expires_at: exp, now, leeway: leeway_field });
        }
    }
    if let Some(nbf) = secret.not_before {
        if now < nbf - leeway {
            return Err(MunitySecretError::NotYetValid { not_before: nbf, now, leeway: leeway_field });
        }
    }
    Ok(())
}

/// Decodes a secret's header and payload WITHOUT verifying anything but their shape: for looking
/// at a secret (the CLI's `inspect`), never for trusting it.
pub fn inspect(secret: &str) -> Result<Inspection> {
    let parts = split(secret)?;
    let object = |bytes: &[u8], which: &str| {
        StrictObject::parse(bytes)
            .map(|o| o.0.into_iter().collect::<serde_json::Map<String, Value>>())
            .map_err(|e| MunitySecretError::malformed(format!("the {which} is not a JSON object: {e}")))
    };
    Ok(Inspection { header: object(&parts.header, "header")?, payload: object(&parts.payload, "payload")? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Expiry, MintOptions, MintRequest, Signer};

    const CERTIFICATE: &str = include_str!("../../tests/vectors/keys/TEST-ONLY-main-private-pkcs8.pem");
    const PUBLIC: &str = include_str!("../../tests/vectors/keys/TEST-ONLY-main-public-spki.pem");
    const OTHER_PUBLIC: &str = include_str!("../../tests/vectors/keys/TEST-ONLY-other-public-spki.pem");
    const NOW: i64 = 1_732_752_000;

    fn secret() -> String {
        let request = MintRequest {
            customer_id: "customer1234",
            workspace_id: Some("11111111-2222-3333-aaaa-eeeeeeeeeeee"),
            ..MintRequest::default()
        };
        let options = MintOptions { expiry: Expiry::In(600), now: Some(NOW), key_id: None };
        Signer::new(CERTIFICATE).unwrap().mint(&request, &options).unwrap().secret
    }

    fn claim_error(result: Result<impl fmt::Debug>) -> (String, &'static str) {
        match result {
            Err(MunitySecretError::InvalidClaim { claim, reason, .. }) => (claim, reason.code()),
            other => panic!("expected an invalid claim, got {other:?}"),
        }
    }

    #[test]
    fn options_are_checked_before_the_secret() {
        let verifier = Verifier::new(PUBLIC).unwrap();
        let at = |leeway: i64, now: i64| VerifyOptions { leeway, now: Some(now), expect: None };
        verifier.verify(&secret(), &at(0, NOW)).unwrap();
        verifier.verify(&secret(), &at(crate::defaults::MAX_LEEWAY, NOW)).unwrap();
        for leeway in [-1, crate::defaults::MAX_LEEWAY + 1, i64::MIN, i64::MAX] {
            assert_eq!(claim_error(verifier.verify(&secret(), &at(leeway, NOW))), ("leeway".into(), "out_of_range"));
            assert_eq!(claim_error(verifier.verify("garbage", &at(leeway, NOW))), ("leeway".into(), "out_of_range"));
        }
        for now in [-1, crate::defaults::MAX_NUMERIC_DATE + 1] {
            assert_eq!(claim_error(verifier.verify(&secret(), &at(60, now))), ("now".into(), "out_of_range"));
        }
    }

    #[test]
    fn several_texts_make_one_verifier() {
        let verifier = Verifier::from_texts(&[PUBLIC, OTHER_PUBLIC]).unwrap();
        assert_eq!(verifier.fingerprints().len(), 2);
        assert_eq!(verifier.key_ids(), vec![None, None]);
        assert_eq!(verifier.fingerprints()[0], Verifier::new(PUBLIC).unwrap().fingerprints()[0]);
        verifier.verify(&secret(), &VerifyOptions { now: Some(NOW), ..VerifyOptions::default() }).unwrap();
        match Verifier::from_texts(&[]) {
            Err(MunitySecretError::InvalidKey { reason: KeyErrorReason::NoKey, .. }) => {}
            other => panic!("expected no_key, got {other:?}"),
        }
        let jwks = r#"{"keys":[{"kty":"RSA","kid":"a","n":"x","e":"AQAB"}]}"#;
        assert!(Verifier::from_texts(&[PUBLIC, jwks]).is_err());
    }
}
