//! The raw signature layer against external vectors, below the JWT layer:
//! - RFC 7515 appendix A.2: RSASSA-PKCS1-v1_5 is deterministic, so the signer must reproduce the
//!   RFC's signature byte for byte, from the PKCS#8 and the PKCS#1 form of its key;
//! - Project Wycheproof's RSA PKCS#1 2048/SHA-256 vectors: every valid signature verifies, every
//!   invalid one (bad padding, wrong hash, BER encodings, malleability, ...) is refused.

use crate::framing as b64;
use crate::{Signer, VerifyingKey};
use serde_json::Value;

fn load(text: &str) -> Value {
    serde_json::from_str(text).expect("the vector file parses")
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex")).collect()
}

#[test]
fn rfc7515_a2_signature_is_reproduced() {
    let vector = load(include_str!("../../tests/vectors/external/rfc7515_a2.json"));
    let signing_input = vector["signing_input"].as_str().expect("signing_input");
    let expected = vector["signature_b64u"].as_str().expect("signature");
    for form in ["private_pkcs8", "private_pkcs1"] {
        let signer = Signer::new(vector["derived_pem"][form].as_str().expect(form)).expect(form);
        let signature = signer.sign(signing_input.as_bytes()).unwrap();
        assert_eq!(b64::encode(&signature), expected, "{form}");
    }
    for form in ["public_spki", "public_pkcs1"] {
        let key = VerifyingKey::from_text(vector["derived_pem"][form].as_str().expect(form)).expect(form);
        let signature = b64::decode(expected).unwrap();
        assert!(key.verifies(signing_input.as_bytes(), &signature), "{form}");
        let mut tampered = signing_input.as_bytes().to_vec();
        tampered[40] ^= 1;
        assert!(!key.verifies(&tampered, &signature), "{form}");
    }
    let jwk = vector["jwk_public"].to_string();
    let key = VerifyingKey::from_text(&jwk).unwrap();
    assert!(key.verifies(signing_input.as_bytes(), &b64::decode(expected).unwrap()));
}

#[test]
fn wycheproof_rsa_pkcs1_2048_sha256() {
    let vectors = load(include_str!("../../tests/vectors/external/wycheproof_rsa_pkcs1_2048_sha256.json"));
    let mut checked = 0;
    for group in vectors["testGroups"].as_array().unwrap() {
        let from_pem = VerifyingKey::from_text(group["publicKeyPem"].as_str().unwrap()).unwrap();
        let from_jwk = VerifyingKey::from_text(&group["keyJwk"].to_string()).unwrap();
        assert_eq!(from_pem.fingerprint(), from_jwk.fingerprint());
        for test in group["tests"].as_array().unwrap() {
            let message = hex(test["msg"].as_str().unwrap());
            let signature = hex(test["sig"].as_str().unwrap());
            let accepted = from_pem.verifies(&message, &signature);
            let id = &test["tcId"];
            match test["result"].as_str().unwrap() {
                "valid" => assert!(accepted, "tcId {id} must verify"),
                "invalid" => assert!(!accepted, "tcId {id} must be refused: {}", test["comment"]),
                _ => {} // "acceptable": either answer is allowed
            }
            checked += 1;
        }
    }
    assert_eq!(checked, vectors["numberOfTests"].as_u64().unwrap());
}
