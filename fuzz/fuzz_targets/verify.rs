//! Arbitrary bytes as a secret, against verifiers holding real keys (one key; two keys with ids;
//! the vectors' JWK Set). Nothing may panic; anything accepted must also inspect to the same claims.
#![no_main]

mod common;

use common::{JWKS_VERIFIER, NOW, ROTATING_VERIFIER, VERIFIER};
use libfuzzer_sys::fuzz_target;
use munity_secrets::{inspect, SecretKind, VerifyOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let inspected = inspect(&text);
    for (verifier, expect) in [
        (&*VERIFIER, None),
        (&*ROTATING_VERIFIER, Some(SecretKind::Connect)),
        (&*JWKS_VERIFIER, Some(SecretKind::Renew)),
    ] {
        for now in [Some(NOW), None] {
            let options = VerifyOptions { now, expect, ..VerifyOptions::default() };
            if let Ok(verified) = verifier.verify(&text, &options) {
                let inspection = inspected.as_ref().expect("a verified secret must inspect");
                assert_eq!(inspection.header["alg"], "RS256");
                let customer = inspection.payload["customer_id"].as_str().expect("customer_id is a string");
                assert_eq!(customer, verified.customer_id);
                if let Some(expect) = expect {
                    assert_eq!(verified.kind, expect);
                }
                assert!(verifier.keys().iter().any(|k| k.fingerprint() == verified.fingerprint));
            }
        }
    }
});
