//! Minting connect and renew secrets with the workspace certificate.

use crate::claims::{self, encode_payload, names};
use crate::clock;
use crate::defaults::{CERTIFICATE_ENV, WORKSPACE_ID_ENV};
use crate::error::{ClaimErrorReason, KeyErrorReason, MunitySecretError, Result};
use crate::framing::{append_signature, signing_input};
use crate::key::{load_private_key, read_key_env, read_workspace_env, VerifyingKey};
use crate::options::{resolve_expiry, Expiry};
use crate::verifier::{SecretKind, Verifier};
use aws_lc_rs::rsa::KeyPair;
use aws_lc_rs::signature::RSA_PKCS1_SHA256;
use std::fmt;

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

/// The claims of a connect or renew secret in one request: a renew secret when `integration_id`
/// is given, a connect secret otherwise. The one entry point bindings call ([`Signer::mint`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MintRequest<'a> {
    /// The SaaS product's own id for its customer: 1 to 255 ASCII letters and digits.
    pub customer_id: &'a str,
    /// The Munity workspace, a hyphenated UUID (any case; written lowercase). May be left out when
    /// the signer is bound to its workspace ([`Signer::bound`]); required otherwise.
    pub workspace_id: Option<&'a str>,
    /// An optional display name: 1 to 255 characters, no control characters.
    pub name: Option<&'a str>,
    /// The integration a renew secret restores, a hyphenated UUID; `None` for a connect secret.
    pub integration_id: Option<&'a str>,
}

/// How a secret is minted. The default expires in one hour, on the system clock, without key id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MintOptions {
    /// When the secret expires: [`Expiry::In`] one hour by default, [`Expiry::At`] an absolute
    /// NumericDate, or [`Expiry::Never`] (no `exp`, an explicit choice).
    pub expiry: Expiry,
    /// The current time in seconds since the epoch, for reproducible output; the system clock when
    /// `None`. From 0 to [`crate::defaults::MAX_NUMERIC_DATE`].
    pub now: Option<i64>,
    /// A key id written as the header's `kid`, for verifiers holding several keys.
    pub key_id: Option<String>,
}

/// A freshly minted secret, with what a caller needs to hand it on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MintedSecret {
    /// The secret: `B64(header).B64(payload).B64(signature)`.
    pub secret: String,
    /// `connect`, or `renew` when the request had an `integration_id`.
    pub kind: SecretKind,
    /// The `exp` written, or `None` when minted with [`Expiry::Never`].
    pub expires_at: Option<i64>,
}

/// Mints secrets with one workspace certificate. Parse it once and share it: it is `Send + Sync`,
/// and every call reuses the parsed key.
pub struct Signer {
    key_pair: KeyPair,
    public: VerifyingKey,
    workspace_id: Option<String>,
}

impl Signer {
    /// Reads the workspace certificate: PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY` PEM, as it
    /// comes from a file, an environment variable or a secret store (see the spec's section 4).
    /// The signer is not bound: every call names its workspace.
    pub fn new(certificate: &str) -> Result<Self> {
        let loaded = load_private_key(certificate)?;
        let public = VerifyingKey::from_components(&loaded.n, &loaded.e)?;
        Ok(Self { key_pair: loaded.key_pair, public, workspace_id: None })
    }

    /// A signer bound to its workspace (a certificate belongs to one): calls may leave
    /// `workspace_id` out, and a call naming another workspace is refused
    /// (`InvalidClaim` on `workspace_id`, reason `other_workspace`).
    pub fn bound(certificate: &str, workspace_id: &str) -> Result<Self> {
        let workspace_id = claims::normalize_uuid(names::WORKSPACE_ID, workspace_id)?;
        Ok(Self { workspace_id: Some(workspace_id), ..Self::new(certificate)? })
    }

    /// The signer of the environment: the certificate from `MUNITY_CERTIFICATE`, bound to the
    /// workspace in `MUNITY_WORKSPACE_ID` when that is set and not empty.
    pub fn from_env() -> Result<Self> {
        Self::from_env_vars(CERTIFICATE_ENV, Some(WORKSPACE_ID_ENV))
    }

    /// The signer of the environment, from variables of other names: the certificate from
    /// `certificate_var`, bound to the workspace in `workspace_var` when that is given, set and not
    /// empty. An unset or empty certificate variable is `InvalidKey` (`no_key`).
    pub fn from_env_vars(certificate_var: &str, workspace_var: Option<&str>) -> Result<Self> {
        let certificate = read_key_env(certificate_var)?;
        match workspace_var.map(read_workspace_env).transpose()?.flatten() {
            Some(workspace_id) => Self::bound(&certificate, &workspace_id),
            None => Self::new(&certificate),
        }
    }

    /// The workspace this signer is bound to (lowercase), if any.
    pub fn workspace_id(&self) -> Option<&str> {
        self.workspace_id.as_deref()
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

    /// Mints a connect secret (a thin form of [`Signer::mint`]).
    pub fn connect_secret(&self, request: &ConnectRequest<'_>, options: &MintOptions) -> Result<String> {
        let request = MintRequest {
            customer_id: request.customer_id,
            workspace_id: Some(request.workspace_id),
            name: request.name,
            integration_id: None,
        };
        Ok(self.mint(&request, options)?.secret)
    }

    /// Mints a renew secret: a connect secret's claims plus `integration_id` (a thin form of
    /// [`Signer::mint`]).
    pub fn renew_secret(&self, request: &RenewRequest<'_>, options: &MintOptions) -> Result<String> {
        let request = MintRequest {
            customer_id: request.customer_id,
            workspace_id: Some(request.workspace_id),
            name: request.name,
            integration_id: Some(request.integration_id),
        };
        Ok(self.mint(&request, options)?.secret)
    }

    /// Mints a connect secret, or a renew secret when the request has an `integration_id`.
    ///
    /// The workspace is the request's, or the bound one's: `None` on an unbound signer is
    /// `InvalidClaim` on `workspace_id` (reason `missing`); another workspace than the bound one is
    /// reason `other_workspace`. Claims are checked first, then the key id, then `now` and the expiry.
    pub fn mint(&self, request: &MintRequest<'_>, options: &MintOptions) -> Result<MintedSecret> {
        claims::check_customer_id(request.customer_id)?;
        let workspace_id = self.resolve_workspace(request.workspace_id)?;
        if let Some(name) = request.name {
            claims::check_name(names::NAME, name)?;
        }
        let integration_id =
            request.integration_id.map(|id| claims::normalize_uuid(names::INTEGRATION_ID, id)).transpose()?;
        if let Some(key_id) = &options.key_id {
            claims::check_name(names::KID, key_id)?;
        }
        let now = clock::resolve(options.now)?;
        let exp = resolve_expiry(options.expiry, now)?;

        let payload = encode_payload(request.customer_id, &workspace_id, request.name, integration_id.as_deref(), exp);
        let mut secret = signing_input(options.key_id.as_deref(), &payload);
        let signature = self.sign(secret.as_bytes())?;
        append_signature(&mut secret, &signature);
        let kind = if integration_id.is_some() { SecretKind::Renew } else { SecretKind::Connect };
        Ok(MintedSecret { secret, kind, expires_at: exp })
    }

    /// The workspace to write: the request's (checked against the bound one) or the bound one.
    fn resolve_workspace(&self, requested: Option<&str>) -> Result<String> {
        match (requested, &self.workspace_id) {
            (Some(requested), None) => claims::normalize_uuid(names::WORKSPACE_ID, requested),
            (Some(requested), Some(bound)) => {
                let requested = claims::normalize_uuid(names::WORKSPACE_ID, requested)?;
                if requested != *bound {
                    return Err(MunitySecretError::claim(
                        names::WORKSPACE_ID,
                        ClaimErrorReason::OtherWorkspace,
                        format!(
                            "this signer is bound to workspace {bound}; the call names workspace {requested}. \
                             Leave workspace_id out, or use the certificate of that workspace"
                        ),
                    ));
                }
                Ok(requested)
            }
            (None, Some(bound)) => Ok(bound.clone()),
            (None, None) => Err(MunitySecretError::claim(
                names::WORKSPACE_ID,
                ClaimErrorReason::Missing,
                "workspace_id is required: pass it, or bind the signer to its workspace \
                 (Signer::bound, or MUNITY_WORKSPACE_ID beside MUNITY_CERTIFICATE)",
            )),
        }
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
        f.debug_struct("Signer")
            .field("fingerprint", &self.fingerprint())
            .field("workspace_id", &self.workspace_id)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::VerifyOptions;

    const CERTIFICATE: &str = include_str!("../../tests/vectors/keys/TEST-ONLY-main-private-pkcs8.pem");
    const WORKSPACE: &str = "11111111-2222-3333-aaaa-eeeeeeeeeeee";
    const OTHER: &str = "11111111-2222-3333-aaaa-ffffffffffff";
    const NOW: i64 = 1_732_752_000;

    fn at(now: i64, expiry: Expiry) -> MintOptions {
        MintOptions { expiry, now: Some(now), key_id: None }
    }

    fn claim_error(result: Result<impl fmt::Debug>) -> (String, &'static str) {
        match result {
            Err(MunitySecretError::InvalidClaim { claim, reason, .. }) => (claim, reason.code()),
            other => panic!("expected an invalid claim, got {other:?}"),
        }
    }

    fn request(workspace_id: Option<&str>) -> MintRequest<'_> {
        MintRequest { customer_id: "customer1234", workspace_id, ..MintRequest::default() }
    }

    #[test]
    fn mint_dispatches_connect_and_renew_and_expires_in_an_hour_by_default() {
        let signer = Signer::new(CERTIFICATE).unwrap();
        let options = MintOptions { now: Some(NOW), ..MintOptions::default() };
        let connect = signer.mint(&request(Some(WORKSPACE)), &options).unwrap();
        assert_eq!((connect.kind, connect.expires_at), (SecretKind::Connect, Some(NOW + 3600)));
        let renew =
            MintRequest { integration_id: Some("99999999-8888-4777-A666-555555555555"), ..request(Some(WORKSPACE)) };
        let minted = signer.mint(&renew, &options).unwrap();
        assert_eq!((minted.kind, minted.expires_at), (SecretKind::Renew, Some(NOW + 3600)));
        let verified =
            signer.verifier().verify(&minted.secret, &VerifyOptions { now: Some(NOW), ..Default::default() });
        let verified = verified.unwrap();
        assert_eq!(verified.integration_id.as_deref(), Some("99999999-8888-4777-a666-555555555555"));
        assert_eq!(verified.expires_at, Some(NOW + 3600));
        // The thin wrappers write the same bytes.
        let wrapped = signer
            .connect_secret(
                &ConnectRequest { customer_id: "customer1234", workspace_id: WORKSPACE, name: None },
                &options,
            )
            .unwrap();
        assert_eq!(wrapped, connect.secret);
    }

    #[test]
    fn mint_expiry_choices() {
        let signer = Signer::new(CERTIFICATE).unwrap();
        let never = signer.mint(&request(Some(WORKSPACE)), &at(NOW, Expiry::Never)).unwrap();
        assert_eq!(never.expires_at, None);
        let verified = signer.verifier().verify(&never.secret, &VerifyOptions::default()).unwrap();
        assert_eq!(verified.expires_at, None);
        let absolute = signer.mint(&request(Some(WORKSPACE)), &at(NOW, Expiry::At(NOW + 90))).unwrap();
        assert_eq!(absolute.expires_at, Some(NOW + 90));
        let relative = signer.mint(&request(Some(WORKSPACE)), &at(NOW, Expiry::In(90))).unwrap();
        assert_eq!(relative.secret, absolute.secret, "the same exp gives the same bytes");
        assert_eq!(
            claim_error(signer.mint(&request(Some(WORKSPACE)), &at(NOW, Expiry::At(NOW)))),
            ("expires_at".into(), "out_of_range")
        );
        assert_eq!(
            claim_error(signer.mint(&request(Some(WORKSPACE)), &at(-1, Expiry::Never))),
            ("now".into(), "out_of_range")
        );
        assert_eq!(
            claim_error(
                signer.mint(&request(Some(WORKSPACE)), &at(crate::defaults::MAX_NUMERIC_DATE + 1, Expiry::Never))
            ),
            ("now".into(), "out_of_range")
        );
    }

    #[test]
    fn unbound_signer_needs_a_workspace() {
        let signer = Signer::new(CERTIFICATE).unwrap();
        assert_eq!(signer.workspace_id(), None);
        assert_eq!(
            claim_error(signer.mint(&request(None), &MintOptions::default())),
            ("workspace_id".into(), "missing")
        );
    }

    #[test]
    fn bound_signer_fills_in_and_guards_its_workspace() {
        let signer = Signer::bound(CERTIFICATE, &WORKSPACE.to_uppercase()).unwrap();
        assert_eq!(signer.workspace_id(), Some(WORKSPACE));
        let options = at(NOW, Expiry::default());
        let implicit = signer.mint(&request(None), &options).unwrap();
        let explicit = signer.mint(&request(Some(&WORKSPACE.to_uppercase())), &options).unwrap();
        assert_eq!(implicit, explicit);
        let unbound = Signer::new(CERTIFICATE).unwrap().mint(&request(Some(WORKSPACE)), &options).unwrap();
        assert_eq!(implicit, unbound, "binding changes no byte");
        assert_eq!(
            claim_error(signer.mint(&request(Some(OTHER)), &options)),
            ("workspace_id".into(), "other_workspace")
        );
        assert_eq!(claim_error(signer.mint(&request(Some("nope")), &options)), ("workspace_id".into(), "invalid_uuid"));
        assert_eq!(claim_error(Signer::bound(CERTIFICATE, "{1}")), ("workspace_id".into(), "invalid_uuid"));
        assert_eq!(claim_error(Signer::bound(CERTIFICATE, "")), ("workspace_id".into(), "empty"));
    }

    #[test]
    fn signer_from_env_vars() {
        // Variable names of this test only, so no other test sees them change.
        const CERT: &str = "MUNITY_TEST_SIGNER_FROM_ENV_VARS_CERTIFICATE";
        const WS: &str = "MUNITY_TEST_SIGNER_FROM_ENV_VARS_WORKSPACE";
        let key_error = |result: Result<Signer>| match result {
            Err(MunitySecretError::InvalidKey { reason, .. }) => reason.code(),
            other => panic!("expected an invalid key, got {other:?}"),
        };
        std::env::remove_var(CERT);
        assert_eq!(key_error(Signer::from_env_vars(CERT, None)), "no_key");
        std::env::set_var(CERT, " \n");
        assert_eq!(key_error(Signer::from_env_vars(CERT, None)), "no_key");
        std::env::set_var(CERT, CERTIFICATE.replace('\n', "\\n"));
        std::env::remove_var(WS);
        assert_eq!(Signer::from_env_vars(CERT, Some(WS)).unwrap().workspace_id(), None);
        std::env::set_var(WS, "");
        assert_eq!(Signer::from_env_vars(CERT, Some(WS)).unwrap().workspace_id(), None);
        std::env::set_var(WS, WORKSPACE);
        assert_eq!(Signer::from_env_vars(CERT, Some(WS)).unwrap().workspace_id(), Some(WORKSPACE));
        assert_eq!(Signer::from_env_vars(CERT, None).unwrap().workspace_id(), None);
        std::env::set_var(WS, "not-a-uuid");
        assert_eq!(claim_error(Signer::from_env_vars(CERT, Some(WS))), ("workspace_id".into(), "invalid_uuid"));
        std::env::remove_var(CERT);
        std::env::remove_var(WS);
    }
}
