//! Runs every case of tests/vectors/secrets.json against the core, and fails if a case goes unused.

mod common;

use common::{assert_no_key_material, expiry_name, key_text, load, mint_options, transform};
use munity_secrets::{MintRequest, MunitySecretError, SecretKind, Signer, VerifiedSecret, Verifier, VerifyOptions};
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn opt_str<'a>(value: &'a Value, field: &str) -> Option<&'a str> {
    value.get(field).and_then(Value::as_str)
}

fn assert_error(case: &Value, result: Result<impl std::fmt::Debug, MunitySecretError>) {
    let id = &case["id"];
    let error = match result {
        Ok(value) => panic!("{id}: expected {}, got {value:?}", case["error"]),
        Err(error) => error,
    };
    assert_eq!(error.code(), case["error"].as_str().unwrap(), "{id}: {error}");
    if let Some(reason) = opt_str(case, "reason") {
        match &error {
            MunitySecretError::InvalidClaim { reason: actual, .. } => assert_eq!(actual.code(), reason, "{id}"),
            other => panic!("{id}: a reason is only expected on claims, got {other:?}"),
        }
    }
    assert_no_key_material(id, &error);
}

fn run_mint(vectors: &Value, case: &Value) {
    let id = &case["id"];
    let signer = Signer::new(&key_text(vectors, case["key"].as_str().unwrap())).unwrap();
    let claims = &case["claims"];
    let options = mint_options(&case["options"]).unwrap();
    assert_eq!(expiry_name(&case["options"]), case["expiry"].as_str().unwrap(), "{id}: expiry");
    let request = MintRequest {
        customer_id: opt_str(claims, "customer_id").unwrap(),
        workspace_id: opt_str(claims, "workspace_id"),
        name: opt_str(claims, "name"),
        integration_id: opt_str(claims, "integration_id"),
    };
    assert_eq!(request.integration_id.is_some(), case["kind"] == "renew", "{id}: kind");
    let result = signer.mint(&request, &options);
    match case["result"].as_str().unwrap() {
        "valid" => {
            let minted = result.unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(minted.secret, case["secret"].as_str().unwrap(), "{id}");
            assert_eq!(minted.kind.as_str(), case["kind"].as_str().unwrap(), "{id}");
            assert_eq!(minted.expires_at, case["expires_at"].as_i64(), "{id}");
        }
        _ => assert_error(case, result),
    }
}

fn claims_json(verified: &VerifiedSecret) -> Value {
    json!({
        "kind": verified.kind.as_str(), "customer_id": verified.customer_id, "workspace_id": verified.workspace_id,
        "name": verified.name, "integration_id": verified.integration_id, "expires_at": verified.expires_at,
        "issued_at": verified.issued_at, "not_before": verified.not_before, "key_id": verified.key_id,
        "fingerprint": verified.fingerprint,
    })
}

/// One verifier over every key file of a case, each file one key text.
fn verifier_for(vectors: &Value, names: &[Value]) -> Verifier {
    let texts: Vec<String> = names.iter().map(|k| key_text(vectors, k.as_str().unwrap())).collect();
    Verifier::from_texts(&texts.iter().map(String::as_str).collect::<Vec<_>>()).unwrap()
}

fn run_verify(vectors: &Value, case: &Value) {
    let verifier = verifier_for(vectors, case["keys"].as_array().unwrap());
    let options = &case["options"];
    let verify_options = VerifyOptions {
        leeway: options.get("leeway").and_then(Value::as_i64).unwrap_or(munity_secrets::DEFAULT_LEEWAY),
        now: options.get("now").and_then(Value::as_i64),
        expect: opt_str(options, "expect").map(|k| k.parse::<SecretKind>().unwrap()),
    };
    let result = verifier.verify(case["secret"].as_str().unwrap(), &verify_options);
    match case["result"].as_str().unwrap() {
        "valid" => {
            let verified = result.unwrap_or_else(|e| panic!("{}: {e}", case["id"]));
            assert_eq!(claims_json(&verified), case["claims"], "{}", case["id"]);
        }
        _ => assert_error(case, result),
    }
}

fn run_key_loading(vectors: &Value, case: &Value) {
    let text = transform(&key_text(vectors, case["key"].as_str().unwrap()), opt_str(case, "transform"));
    let fingerprint = match case["role"].as_str().unwrap() {
        "signer" => Signer::new(&text).map(|s| s.fingerprint().to_owned()),
        "verifier" => Verifier::new(&text).map(|v| v.fingerprints()[0].to_owned()),
        other => panic!("role {other}"),
    };
    match case["result"].as_str().unwrap() {
        "valid" => assert_eq!(
            fingerprint.unwrap_or_else(|e| panic!("{}: {e}", case["id"])),
            case["fingerprint"].as_str().unwrap(),
            "{}",
            case["id"]
        ),
        _ => assert_error(case, fingerprint),
    }
}

#[test]
fn every_vector_passes_and_none_goes_unused() {
    let vectors = load("secrets.json");
    let mut expected = BTreeSet::new();
    let mut ran = BTreeSet::new();
    for (group, run) in
        [("mint", run_mint as fn(&Value, &Value)), ("verify", run_verify), ("key_loading", run_key_loading)]
    {
        let cases = vectors[group].as_array().unwrap_or_else(|| panic!("group {group}"));
        assert!(!cases.is_empty(), "group {group} is empty");
        for case in cases {
            let id = case["id"].as_str().unwrap().to_owned();
            expected.insert(id.clone());
            run(&vectors, case);
            ran.insert(id);
        }
    }
    assert_eq!(ran, expected, "every vector ran");
    assert!(ran.len() >= 200, "only {} vectors", ran.len());
}
