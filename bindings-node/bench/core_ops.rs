//! The core alone, for bench/instructions.sh: the same sign and verify as bench/instructions.js (same key,
//! claims and options), repeated, so that instructions per call in Node minus these is what the binding
//! costs. Usage: cargo run --release --example core_ops -p munity-secrets-node -- <sign|verify> <count>
use munity_secrets::{Expiry, MintOptions, MintRequest, Signer, Verifier, VerifyOptions};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: u32 = args.get(2).and_then(|n| n.parse().ok()).expect("usage: core_ops <sign|verify> <count>");
    let keys = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/keys/");
    let private = std::fs::read_to_string(format!("{keys}TEST-ONLY-main-private-pkcs8.pem")).expect("private key");
    let public = std::fs::read_to_string(format!("{keys}TEST-ONLY-main-public-spki.pem")).expect("public key");
    let request = MintRequest {
        customer_id: "customer1234",
        workspace_id: Some("11111111-2222-3333-aaaa-eeeeeeeeeeee"),
        name: Some("optional name"),
        integration_id: None,
    };
    let options = MintOptions { expiry: Expiry::Never, ..MintOptions::default() };
    let signer = Signer::new(&private).expect("signer");
    let verifier = Verifier::new(&public).expect("verifier");
    let secret = signer.mint(&request, &options).expect("mint").secret;
    let verify_options = VerifyOptions::default();
    for _ in 0..count {
        match args[1].as_str() {
            "sign" => drop(black_box(signer.mint(black_box(&request), &options).expect("mint"))),
            "verify" => drop(black_box(verifier.verify(black_box(&secret), &verify_options).expect("verify"))),
            other => panic!("unknown operation {other}"),
        }
    }
}
