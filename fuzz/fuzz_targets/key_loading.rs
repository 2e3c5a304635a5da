//! Arbitrary text as a key, to Signer::new, Verifier::new and VerifyingKey::from_text.
//!
//! Input: byte 0 selects the mode; the rest is
//! - mode 0 (and 7): text as is (PEM, JWK, JWK Set, garbage);
//! - modes 1-5: DER bytes, armoured as PEM under PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY,
//!   RSA PUBLIC KEY or CERTIFICATE;
//! - mode 6: n bytes, 0xFF, e bytes, written as an RSA JWK (and as a JWK Set with a kid).
//!
//! Nothing may panic; a key that loads must behave (sign, verify its own secrets, sane size).
#![no_main]

mod common;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use common::NOW;
use libfuzzer_sys::fuzz_target;
use munity_secrets::{
    ConnectRequest, Expiry, MintOptions, Signer, Verifier, VerifyOptions, VerifyingKey, MAX_RSA_BITS, MIN_RSA_BITS,
};

const LABELS: [&str; 5] = ["PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE"];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let mut texts = Vec::new();
    match mode % 8 {
        m @ 1..=5 => {
            let label = LABELS[m as usize - 1];
            let body = STANDARD.encode(rest);
            let mut pem = format!("-----BEGIN {label}-----\n");
            for line in body.as_bytes().chunks(64) {
                pem.push_str(std::str::from_utf8(line).unwrap());
                pem.push('\n');
            }
            pem.push_str(&format!("-----END {label}-----\n"));
            texts.push(pem);
        }
        6 => {
            let (n, e) = match rest.iter().position(|&b| b == 0xff) {
                Some(at) => (&rest[..at], &rest[at + 1..]),
                None => (rest, &[1u8, 0, 1][..]),
            };
            let jwk = serde_json::json!({"kty": "RSA", "n": URL_SAFE_NO_PAD.encode(n), "e": URL_SAFE_NO_PAD.encode(e)});
            let mut with_kid = jwk.clone();
            with_kid["kid"] = "k1".into();
            texts.push(jwk.to_string());
            texts.push(serde_json::json!({"keys": [with_kid]}).to_string());
        }
        _ => texts.push(String::from_utf8_lossy(rest).into_owned()),
    }
    for text in &texts {
        check(text);
    }
});

fn check(text: &str) {
    let public = Verifier::new(text);
    let single = VerifyingKey::from_text(text);
    if let Ok(verifier) = &public {
        assert!(!verifier.keys().is_empty());
        for key in verifier.keys() {
            assert!((MIN_RSA_BITS..=MAX_RSA_BITS).contains(&key.bits()), "{} bits", key.bits());
            assert_eq!(key.fingerprint().len(), 43);
        }
    }
    if let Ok(key) = &single {
        assert!((MIN_RSA_BITS..=MAX_RSA_BITS).contains(&key.bits()), "{} bits", key.bits());
    }
    if let Ok(signer) = Signer::new(text) {
        let secret = signer
            .connect_secret(
                &ConnectRequest { customer_id: "c1", workspace_id: "11111111-2222-3333-aaaa-eeeeeeeeeeee", name: None },
                &MintOptions { now: Some(NOW), expiry: Expiry::In(60), key_id: None },
            )
            .expect("a loaded signer mints");
        let options = VerifyOptions { now: Some(NOW), ..VerifyOptions::default() };
        let verified = signer.verifier().verify(&secret, &options).expect("a signer's own verifier accepts");
        assert_eq!(verified.fingerprint, signer.fingerprint());
        // A private key's text also loads as a verifier of its public half.
        if let Ok(verifier) = &public {
            assert_eq!(verifier.verify(&secret, &options).expect("same key").fingerprint, signer.fingerprint());
        }
    }
}
