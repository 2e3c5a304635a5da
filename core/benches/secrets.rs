//! Throughput of the hot paths with a 2048-bit key: key load, sign, verify; beside jsonwebtoken's own
//! `encode`/`decode` (same aws-lc-rs backend, key re-parsed at every signature) for reference.
//! Prints one line per figure: `name ops_per_second`. `scripts/bench-core.sh` runs it beside
//! `openssl speed rsa2048` and prints ratios. A benchmark, never a test: nothing here can fail CI.

use munity_secrets::{ConnectRequest, MintOptions, Signer, Verifier, VerifyOptions};
use std::hint::black_box;
use std::time::{Duration, Instant};

const WORKSPACE: &str = "11111111-2222-3333-aaaa-eeeeeeeeeeee";

fn measure(name: &str, seconds: f64, mut op: impl FnMut()) -> f64 {
    for _ in 0..50 {
        op(); // warm-up
    }
    let budget = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut count = 0u64;
    while started.elapsed() < budget {
        for _ in 0..20 {
            op();
        }
        count += 20;
    }
    let rate = count as f64 / started.elapsed().as_secs_f64();
    println!("{name} {rate:.0}");
    rate
}

fn main() {
    let seconds: f64 = std::env::var("BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/keys/");
    let private = std::fs::read_to_string(format!("{root}TEST-ONLY-main-private-pkcs8.pem")).unwrap();
    let public = std::fs::read_to_string(format!("{root}TEST-ONLY-main-public-spki.pem")).unwrap();
    let request = ConnectRequest { customer_id: "customer1234", workspace_id: WORKSPACE, name: Some("optional name") };
    let options = MintOptions::default();

    measure("key_load", seconds, || {
        black_box(Signer::new(black_box(&private)).unwrap());
    });
    let signer = Signer::new(&private).unwrap();
    measure("sign", seconds, || {
        black_box(signer.connect_secret(black_box(&request), &options).unwrap());
    });
    let secret = signer.connect_secret(&request, &options).unwrap();
    let verifier = Verifier::new(&public).unwrap();
    let verify_options = VerifyOptions::default();
    measure("verify", seconds, || {
        black_box(verifier.verify(black_box(&secret), &verify_options).unwrap());
    });

    // jsonwebtoken, same backend, for reference
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
    let claims = serde_json::json!({"customer_id": "customer1234", "workspace_id": WORKSPACE, "name": "optional name"});
    let pem_body = |file: &str| {
        use base64::Engine;
        let text = std::fs::read_to_string(format!("{root}{file}")).unwrap();
        base64::engine::general_purpose::STANDARD
            .decode(text.lines().filter(|l| !l.starts_with("-----")).collect::<String>())
            .unwrap()
    };
    let encoding_key = EncodingKey::from_rsa_der(&pem_body("TEST-ONLY-main-private-pkcs1.pem"));
    let header = Header::new(Algorithm::RS256);
    measure("jsonwebtoken_sign", seconds, || {
        black_box(jsonwebtoken::encode(&header, &claims, &encoding_key).unwrap());
    });
    let decoding_key = DecodingKey::from_rsa_der(&pem_body("TEST-ONLY-main-public-pkcs1.pem"));
    let mut validation = Validation::new(Algorithm::RS256);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    measure("jsonwebtoken_verify", seconds, || {
        black_box(jsonwebtoken::decode::<serde_json::Value>(&secret, &decoding_key, &validation).unwrap());
    });
}
