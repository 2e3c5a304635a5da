//! Hostile input beyond the shared vectors: crafted keys, huge secrets, odd options, and properties
//! that must hold for any input (no panic, round trips unchanged).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use munity_secrets::{
    ClaimErrorReason, ConnectRequest, ErrorKind, Expiry, KeyErrorReason, MintOptions, MunitySecretError, RenewRequest,
    SecretKind, Signer, Verifier, VerifyOptions, VerifyingKey,
};
use proptest::prelude::*;
use std::sync::OnceLock;

const WORKSPACE: &str = "11111111-2222-3333-aaaa-eeeeeeeeeeee";

fn key_file(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../tests/vectors/keys/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn signer() -> &'static Signer {
    static SIGNER: OnceLock<Signer> = OnceLock::new();
    SIGNER.get_or_init(|| Signer::new(&key_file("TEST-ONLY-main-private-pkcs8.pem")).unwrap())
}

fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| Verifier::new(&key_file("TEST-ONLY-main-public-spki.pem")).unwrap())
}

fn key_reason(result: Result<impl std::fmt::Debug, MunitySecretError>) -> KeyErrorReason {
    match result {
        Err(MunitySecretError::InvalidKey { reason, .. }) => reason,
        other => panic!("expected an invalid key, got {other:?}"),
    }
}

fn n_of_main() -> Vec<u8> {
    let jwk: serde_json::Value = serde_json::from_str(&key_file("TEST-ONLY-main-public-jwk.json")).unwrap();
    URL_SAFE_NO_PAD.decode(jwk["n"].as_str().unwrap()).unwrap()
}

fn jwk_with(n: &[u8], e: &[u8]) -> String {
    serde_json::json!({"kty": "RSA", "n": URL_SAFE_NO_PAD.encode(n), "e": URL_SAFE_NO_PAD.encode(e)}).to_string()
}

#[test]
fn signer_and_verifier_are_send_sync_and_never_debug_print_keys() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Signer>();
    assert_send_sync::<Verifier>();
    assert_send_sync::<VerifyingKey>();
    let shown = format!("{:?} {:?}", signer(), verifier());
    assert!(shown.contains(signer().fingerprint()));
    assert!(!shown.contains("MII") && shown.len() < 400, "{shown}");
}

#[test]
fn absurd_public_numbers_are_refused() {
    let n = n_of_main();
    for e in [&[1u8][..], &[2], &[0], &[1, 0, 0], &[0x01, 0, 0, 0, 0, 1], &[0xff; 64]] {
        assert_eq!(key_reason(Verifier::new(&jwk_with(&n, e))), KeyErrorReason::Rejected, "e = {e:?}");
    }
    let mut even = n.clone();
    *even.last_mut().unwrap() &= 0xfe;
    assert_eq!(key_reason(Verifier::new(&jwk_with(&even, &[1, 0, 1]))), KeyErrorReason::Rejected);
    assert_eq!(key_reason(Verifier::new(&jwk_with(&n[..128], &[1, 0, 1]))), KeyErrorReason::TooSmall);
    assert_eq!(key_reason(Verifier::new(&jwk_with(&[0xff; 1025], &[1, 0, 1]))), KeyErrorReason::TooLarge);
    // leading zeros are tolerated and do not change the fingerprint
    let mut padded = vec![0, 0];
    padded.extend_from_slice(&n);
    let a = Verifier::new(&jwk_with(&padded, &[0, 1, 0, 1])).unwrap();
    assert_eq!(a.keys()[0].fingerprint(), signer().fingerprint());
}

#[test]
fn inconsistent_private_key_is_refused_by_the_crypto_checks() {
    // Change one byte deep inside the PKCS#1 private exponent: the DER stays well formed.
    use base64::engine::general_purpose::STANDARD;
    let pem = key_file("TEST-ONLY-main-private-pkcs1.pem");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut der = STANDARD.decode(body).unwrap();
    let middle = der.len() / 2;
    der[middle] ^= 0x40;
    let broken = format!("-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n", STANDARD.encode(der));
    let reason = key_reason(Signer::new(&broken));
    assert!(matches!(reason, KeyErrorReason::Rejected | KeyErrorReason::Malformed), "{reason:?}");
}

#[test]
fn key_forms_that_are_not_keys_are_refused_with_their_reason() {
    let public = key_file("TEST-ONLY-main-public-spki.pem");
    let relabelled = public.replace("PUBLIC KEY", "PRIVATE KEY");
    assert_eq!(key_reason(Signer::new(&relabelled)), KeyErrorReason::Malformed, "public key under a private label");
    for blank in ["", "  \n", "\"\"", "' '"] {
        assert_eq!(key_reason(Signer::new(blank)), KeyErrorReason::NoKey, "{blank:?}");
        assert_eq!(key_reason(Verifier::new(blank)), KeyErrorReason::NoKey, "{blank:?}");
    }
    assert_eq!(key_reason(Signer::new("-----BEGIN PRIVATE KEY-----\nAAAA")), KeyErrorReason::Malformed);
    assert_eq!(
        key_reason(Signer::new("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----")),
        KeyErrorReason::Malformed
    );
    let legacy_encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
    assert_eq!(key_reason(Signer::new(legacy_encrypted)), KeyErrorReason::Encrypted);
    assert_eq!(key_reason(Verifier::new("{\"keys\": {}}")), KeyErrorReason::Malformed);
    assert_eq!(key_reason(Verifier::new("{\"kty\": \"oct\", \"k\": \"AAAA\"}")), KeyErrorReason::NotRsa);
    let jwk: serde_json::Value = serde_json::from_str(&key_file("TEST-ONLY-main-public-jwk.json")).unwrap();
    let mut for_rs512 = jwk.clone();
    for_rs512["alg"] = "RS512".into();
    assert_eq!(key_reason(Verifier::new(&for_rs512.to_string())), KeyErrorReason::Malformed);
    let mut for_encryption = jwk.clone();
    for_encryption["use"] = "enc".into();
    assert_eq!(key_reason(Verifier::new(&for_encryption.to_string())), KeyErrorReason::Malformed);
    assert_eq!(key_reason(Verifier::from_keys(vec![])), KeyErrorReason::NoKey);
    let key = verifier().keys()[0].clone();
    let twice = vec![key.clone().with_key_id("a").unwrap(), key.with_key_id("a").unwrap()];
    assert_eq!(key_reason(Verifier::from_keys(twice)), KeyErrorReason::DuplicateKeyId);
}

#[test]
fn a_verifier_takes_several_pem_keys_for_rotation() {
    let both = format!("{}{}", key_file("TEST-ONLY-other-public-spki.pem"), key_file("TEST-ONLY-main-public-spki.pem"));
    let verifier = Verifier::new(&both).unwrap();
    assert_eq!(verifier.keys().len(), 2);
    let secret = signer()
        .connect_secret(
            &ConnectRequest { customer_id: "c1", workspace_id: WORKSPACE, name: None },
            &MintOptions::default(),
        )
        .unwrap();
    assert_eq!(verifier.verify(&secret, &VerifyOptions::default()).unwrap().fingerprint, signer().fingerprint());
}

#[test]
fn huge_secrets_are_refused_by_size_before_any_decoding() {
    // A 1 MB secret is refused by its size, the first check, before any base64 decoding: the
    // message names the size, which no later step would report.
    let huge = "a".repeat(1 << 20);
    let error = verifier().verify(&huge, &VerifyOptions::default()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::MalformedSecret);
    assert!(error.to_string().contains("1048576 bytes"), "{error}");
    let limit = munity_secrets::MAX_SECRET_BYTES;
    assert_eq!(
        verifier().verify(&"a".repeat(limit + 1), &VerifyOptions::default()).unwrap_err().kind(),
        ErrorKind::MalformedSecret
    );
}

#[test]
fn time_edges_do_not_overflow() {
    let secret = |exp: i128| {
        let payload = format!("{{\"customer_id\":\"c1\",\"workspace_id\":\"{WORKSPACE}\",\"exp\":{exp}}}");
        sign_raw(&payload)
    };
    let max = munity_secrets::MAX_NUMERIC_DATE;
    let max_leeway = munity_secrets::MAX_LEEWAY;
    let options = |now: i64, leeway: i64| VerifyOptions { leeway, now: Some(now), expect: None };
    let expired = verifier().verify(&secret(0), &options(max, max_leeway)).unwrap_err();
    assert_eq!(expired.kind(), ErrorKind::Expired);
    assert!(!expired.to_string().is_empty());
    verifier().verify(&secret(max.into()), &options(0, max_leeway)).unwrap();
    // Every NumericDate outside 0..=MAX_NUMERIC_DATE is out of range, up to beyond any integer type.
    for exp in [-1, i64::MIN as i128, max as i128 + 1, i64::MAX as i128, i64::MAX as i128 + 1, u64::MAX as i128 + 1] {
        let beyond = verifier().verify(&secret(exp), &options(0, 60)).unwrap_err();
        assert!(
            matches!(&beyond, MunitySecretError::InvalidClaim { claim, reason: ClaimErrorReason::OutOfRange, .. } if claim == "exp"),
            "{exp}: {beyond:?}"
        );
    }
    let overflow = signer()
        .connect_secret(
            &ConnectRequest { customer_id: "c1", workspace_id: WORKSPACE, name: None },
            &MintOptions { expiry: Expiry::In(600), now: Some(max - 10), key_id: None },
        )
        .unwrap_err();
    assert!(
        matches!(&overflow, MunitySecretError::InvalidClaim { claim, reason: ClaimErrorReason::OutOfRange, .. } if claim == "exp"),
        "{overflow:?}"
    );
}

/// A secret over any payload, signed with the main key through the public API's only door:
/// there is none for arbitrary payloads, so this test signs with the RFC's algorithm directly.
fn sign_raw(payload: &str) -> String {
    use aws_lc_rs::rsa::KeyPair;
    use aws_lc_rs::signature::RSA_PKCS1_SHA256;
    let pem = key_file("TEST-ONLY-main-private-pkcs8.pem");
    let der = base64::engine::general_purpose::STANDARD
        .decode(pem.lines().filter(|l| !l.starts_with("-----")).collect::<String>())
        .unwrap();
    let pair = KeyPair::from_pkcs8(&der).unwrap();
    let input = format!("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.{}", URL_SAFE_NO_PAD.encode(payload));
    let mut signature = vec![0; pair.public_modulus_len()];
    pair.sign(&RSA_PKCS1_SHA256, &aws_lc_rs::rand::SystemRandom::new(), input.as_bytes(), &mut signature).unwrap();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

#[test]
fn correctly_signed_payloads_are_still_checked() {
    let ok = format!("{{\"customer_id\":\"c1\",\"workspace_id\":\"{WORKSPACE}\"}}");
    verifier().verify(&sign_raw(&ok), &VerifyOptions::default()).unwrap();
    let deep = format!(
        "{{\"customer_id\":\"c1\",\"workspace_id\":\"{WORKSPACE}\",\"name\":{}{}}}",
        "[".repeat(3000),
        "]".repeat(3000)
    );
    assert!(deep.len() < munity_secrets::MAX_SECRET_BYTES);
    assert_eq!(
        verifier().verify(&sign_raw(&deep), &VerifyOptions::default()).unwrap_err().kind(),
        ErrorKind::MalformedSecret
    );
}

fn claims_strategy(
) -> impl Strategy<Value = (String, String, Option<String>, Option<String>, Option<i64>, Option<String>)> {
    let uuid = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    let name = "[^\\p{Cc}]{1,255}".prop_filter("not blank", |s: &String| !s.chars().all(char::is_whitespace));
    (
        "[A-Za-z0-9]{1,255}",
        uuid,
        proptest::option::of(name.clone()),
        proptest::option::of(uuid),
        proptest::option::of(1i64..=31_536_000),
        proptest::option::of(name),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any valid claims round-trip sign -> verify unchanged (UUIDs lowercased).
    #[test]
    fn valid_claims_round_trip((customer_id, workspace_id, name, integration_id, expires_in, key_id) in claims_strategy()) {
        let now = 1_732_752_000;
        let expiry = expires_in.map_or(Expiry::Never, Expiry::In);
        let options = MintOptions { expiry, now: Some(now), key_id: key_id.clone() };
        let secret = match &integration_id {
            None => signer().connect_secret(&ConnectRequest { customer_id: &customer_id, workspace_id: &workspace_id, name: name.as_deref() }, &options),
            Some(id) => signer().renew_secret(&RenewRequest { customer_id: &customer_id, workspace_id: &workspace_id, integration_id: id, name: name.as_deref() }, &options),
        }.unwrap();
        let mut verifier_keys = vec![verifier().keys()[0].clone()];
        if let Some(kid) = &key_id {
            verifier_keys = vec![verifier_keys.remove(0).with_key_id(kid).unwrap()];
        }
        let verified = Verifier::from_keys(verifier_keys).unwrap()
            .verify(&secret, &VerifyOptions { now: Some(now), ..VerifyOptions::default() }).unwrap();
        prop_assert_eq!(verified.kind, if integration_id.is_some() { SecretKind::Renew } else { SecretKind::Connect });
        prop_assert_eq!(&verified.customer_id, &customer_id);
        prop_assert_eq!(verified.workspace_id, workspace_id.to_lowercase());
        prop_assert_eq!(verified.name, name);
        prop_assert_eq!(verified.integration_id, integration_id.map(|i| i.to_lowercase()));
        prop_assert_eq!(verified.expires_at, expires_in.map(|e| now + e));
        prop_assert_eq!(verified.key_id, key_id);
    }

    /// No string makes verification panic; every refusal has a kind and a message.
    #[test]
    fn arbitrary_secrets_never_panic(secret in ".{0,400}") {
        if let Err(error) = verifier().verify(&secret, &VerifyOptions::default()) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    /// Secret-shaped strings (three base64url parts) never panic either.
    #[test]
    fn secret_shaped_strings_never_panic(a in "[A-Za-z0-9_-]{0,60}", b in "[A-Za-z0-9_-]{0,200}", c in "[A-Za-z0-9_-]{0,400}") {
        let _ = verifier().verify(&format!("{a}.{b}.{c}"), &VerifyOptions::default());
        let _ = munity_secrets::inspect(&format!("{a}.{b}.{c}"));
    }

    /// Correctly signed arbitrary payloads never panic and are accepted only when their claims are valid.
    #[test]
    fn signed_arbitrary_payloads_never_panic(payload in "\\{.{0,200}\\}") {
        let _ = verifier().verify(&sign_raw(&payload), &VerifyOptions::default());
    }

    /// No text makes key loading panic.
    #[test]
    fn arbitrary_key_text_never_panics(text in ".{0,300}") {
        let _ = Signer::new(&text);
        let _ = Verifier::new(&text);
        let _ = Signer::new(&format!("-----BEGIN PRIVATE KEY-----\n{text}\n-----END PRIVATE KEY-----"));
        let _ = Verifier::new(&format!("-----BEGIN PUBLIC KEY-----\n{text}\n-----END PUBLIC KEY-----"));
    }

    /// Arbitrary claims are either minted or refused with an invalid claim, never a panic.
    #[test]
    fn arbitrary_claims_never_panic(customer_id in ".{0,300}", workspace_id in ".{0,40}", name in proptest::option::of(".{0,300}")) {
        if let Err(error) = signer().connect_secret(&ConnectRequest { customer_id: &customer_id, workspace_id: &workspace_id, name: name.as_deref() }, &MintOptions::default()) {
            prop_assert_eq!(error.kind(), ErrorKind::InvalidClaim);
        }
    }
}
