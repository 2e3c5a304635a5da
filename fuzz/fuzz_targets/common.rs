//! Shared fixtures for the fuzz targets: TEST-ONLY keys from tests/vectors/keys, parsed once.
#![allow(dead_code)]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use munity_secrets::{Signer, Verifier, VerifyingKey};
use std::sync::LazyLock;

pub const MAIN_PRIVATE_PKCS8: &str = include_str!("../../tests/vectors/keys/TEST-ONLY-main-private-pkcs8.pem");
pub const MAIN_PUBLIC_SPKI: &str = include_str!("../../tests/vectors/keys/TEST-ONLY-main-public-spki.pem");
pub const OTHER_PUBLIC_SPKI: &str = include_str!("../../tests/vectors/keys/TEST-ONLY-other-public-spki.pem");
pub const ROTATION_JWKS: &str = include_str!("../../tests/vectors/keys/TEST-ONLY-rotation-jwks.json");

/// The fixed clock every target verifies at (the vectors' `now`).
pub const NOW: i64 = 1_732_752_000;

pub static SIGNER: LazyLock<Signer> = LazyLock::new(|| Signer::new(MAIN_PRIVATE_PKCS8).expect("TEST-ONLY key loads"));

/// The main public key alone, without a key id.
pub static VERIFIER: LazyLock<Verifier> =
    LazyLock::new(|| Verifier::new(MAIN_PUBLIC_SPKI).expect("TEST-ONLY key loads"));

/// Two keys for rotation: "other" (kid "old") first, then "main" (kid "main").
pub static ROTATING_VERIFIER: LazyLock<Verifier> = LazyLock::new(|| {
    Verifier::from_keys(vec![
        VerifyingKey::from_text(OTHER_PUBLIC_SPKI).unwrap().with_key_id("old").unwrap(),
        VerifyingKey::from_text(MAIN_PUBLIC_SPKI).unwrap().with_key_id("main").unwrap(),
    ])
    .expect("two keys with distinct ids")
});

/// The vectors' JWK Set (key ids from the file).
pub static JWKS_VERIFIER: LazyLock<Verifier> =
    LazyLock::new(|| Verifier::new(ROTATION_JWKS).expect("TEST-ONLY JWKS loads"));

/// aws-lc-rs's own key pair for the main key, to sign arbitrary signing inputs outside the library.
pub static RAW_KEY_PAIR: LazyLock<aws_lc_rs::signature::RsaKeyPair> = LazyLock::new(|| {
    aws_lc_rs::signature::RsaKeyPair::from_pkcs8(&pem_body(MAIN_PRIVATE_PKCS8)).expect("TEST-ONLY key loads")
});

pub fn pem_body(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body).expect("PEM body is base64")
}

/// RS256 over `header_json` and `payload_json`, exactly as a correct signer would.
pub fn sign_raw(header_json: &[u8], payload_json: &[u8]) -> String {
    let mut secret = URL_SAFE_NO_PAD.encode(header_json);
    secret.push('.');
    secret.push_str(&URL_SAFE_NO_PAD.encode(payload_json));
    let mut signature = vec![0; RAW_KEY_PAIR.public_modulus_len()];
    RAW_KEY_PAIR
        .sign(
            &aws_lc_rs::signature::RSA_PKCS1_SHA256,
            &aws_lc_rs::rand::SystemRandom::new(),
            secret.as_bytes(),
            &mut signature,
        )
        .expect("signing succeeds");
    secret.push('.');
    secret.push_str(&URL_SAFE_NO_PAD.encode(&signature));
    secret
}
