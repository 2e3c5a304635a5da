//! Arbitrary bytes as the payload (and, in some modes, the header) of a CORRECTLY signed secret:
//! the target signs them with aws-lc-rs and the TEST-ONLY main key, so every later check (header
//! rules, strict JSON, claim rules, time) is reached, not just the signature.
//!
//! Input: byte 0 selects the mode; the rest is
//! - mode 0: the payload, under the plain header `{"alg":"RS256","typ":"JWT"}`;
//! - mode 1: the payload, under `{"alg":"RS256","kid":"main","typ":"JWT"}`;
//! - mode 2/3: header bytes, 0xFF, payload bytes (0xFF never occurs in UTF-8).
//!
//! Anything accepted must re-mint to the same claims with the library's own Signer.
#![no_main]

mod common;

use common::{sign_raw, NOW, ROTATING_VERIFIER, SIGNER, VERIFIER};
use libfuzzer_sys::fuzz_target;
use munity_secrets::{claims, ConnectRequest, Expiry, MintOptions, RenewRequest, SecretKind, Verifier, VerifyOptions};

const PLAIN: &[u8] = br#"{"alg":"RS256","typ":"JWT"}"#;
const WITH_KID: &[u8] = br#"{"alg":"RS256","kid":"main","typ":"JWT"}"#;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let (header, payload): (&[u8], &[u8]) = match mode % 4 {
        0 => (PLAIN, rest),
        1 => (WITH_KID, rest),
        _ => match rest.iter().position(|&b| b == 0xff) {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, br#"{"customer_id":"c1","workspace_id":"11111111-2222-3333-aaaa-eeeeeeeeeeee"}"#),
        },
    };
    let secret = sign_raw(header, payload);
    for verifier in [&*VERIFIER, &*ROTATING_VERIFIER] {
        let options = VerifyOptions { now: Some(NOW), ..VerifyOptions::default() };
        let Ok(verified) = verifier.verify(&secret, &options) else { continue };
        check_accepted(verifier, header, payload, &verified);
    }
});

fn check_accepted(verifier: &Verifier, header: &[u8], payload: &[u8], verified: &munity_secrets::VerifiedSecret) {
    // The header is RS256 with only alg/typ/kid; the payload a JSON object with the verified claims.
    let header: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(header).expect("header is JSON");
    assert_eq!(header["alg"], "RS256");
    assert!(header.keys().all(|k| matches!(k.as_str(), "alg" | "typ" | "kid")), "{header:?}");
    let payload: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(payload).expect("payload is JSON");
    assert_eq!(payload["customer_id"], verified.customer_id.as_str());
    assert_eq!(
        payload["workspace_id"].as_str().unwrap().to_ascii_lowercase(),
        verified.workspace_id,
        "workspace_id is the payload's, lowercased"
    );
    assert!(claims::check_customer_id(&verified.customer_id).is_ok());
    assert_eq!(claims::normalize_uuid("workspace_id", &verified.workspace_id).unwrap(), verified.workspace_id);
    if let Some(name) = &verified.name {
        assert!(claims::check_name("name", name).is_ok());
    }
    assert_eq!(verified.kind == SecretKind::Renew, verified.integration_id.is_some());
    assert!(verifier.keys().iter().any(|k| k.fingerprint() == verified.fingerprint));

    // Whatever the verifier accepts, the signer can write: mint the same claims and verify again.
    let options = MintOptions { expiry: Expiry::Never, now: Some(NOW), key_id: verified.key_id.clone() };
    let minted = match &verified.integration_id {
        None => SIGNER.connect_secret(
            &ConnectRequest {
                customer_id: &verified.customer_id,
                workspace_id: &verified.workspace_id,
                name: verified.name.as_deref(),
            },
            &options,
        ),
        Some(integration_id) => SIGNER.renew_secret(
            &RenewRequest {
                customer_id: &verified.customer_id,
                workspace_id: &verified.workspace_id,
                integration_id,
                name: verified.name.as_deref(),
            },
            &options,
        ),
    }
    .expect("claims the verifier accepted must mint");
    let again = verifier
        .verify(&minted, &VerifyOptions { now: Some(NOW), ..VerifyOptions::default() })
        .expect("a re-minted secret verifies");
    assert_eq!(
        (&again.customer_id, &again.workspace_id, &again.name, &again.integration_id, &again.key_id, again.kind),
        (
            &verified.customer_id,
            &verified.workspace_id,
            &verified.name,
            &verified.integration_id,
            &verified.key_id,
            verified.kind
        )
    );
}
