//! Runs every case of tests/vectors/secrets.json against the core, and fails if a case goes unused.

use munity_secrets::{
    ConnectRequest, Expiry, MintOptions, MunitySecretError, RenewRequest, SecretKind, Signer, VerifiedSecret, Verifier,
    VerifyOptions,
};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn load() -> Value {
    let text = std::fs::read_to_string(vectors_dir().join("secrets.json")).expect("secrets.json");
    serde_json::from_str(&text).expect("secrets.json parses")
}

fn key_text(vectors: &Value, name: &str) -> String {
    let file = vectors["keys"][name]["file"].as_str().unwrap_or_else(|| panic!("key {name}"));
    std::fs::read_to_string(vectors_dir().join(file)).expect(file)
}

/// Key text as environment variables and secret stores hold it (see tests/vectors/README.md).
fn transform(text: &str, how: Option<&str>) -> String {
    use base64::Engine;
    match how {
        None => text.to_owned(),
        Some("escaped_newlines") => text.replace('\n', "\\n"),
        Some("double_escaped_newlines") => text.replace('\n', "\\\\n"),
        Some("quoted") => format!("\"{text}\""),
        Some("crlf") => text.replace('\n', "\r\n"),
        Some("base64") => base64::engine::general_purpose::STANDARD.encode(text),
        Some("surrounding_whitespace") => format!("  \n{text}  \n"),
        Some(other) => panic!("unknown transform {other}"),
    }
}

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
    let message = error.to_string();
    assert!(longest_base64_run(&message) < 64, "{id}: key material or a secret in {message}");
}

/// Key material and secrets are long base64 runs; messages must carry neither.
fn longest_base64_run(text: &str) -> usize {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "+/-_=".contains(c))).map(str::len).max().unwrap_or(0)
}

fn run_mint(vectors: &Value, case: &Value) {
    let signer = Signer::new(&key_text(vectors, case["key"].as_str().unwrap())).unwrap();
    let claims = &case["claims"];
    let options = &case["options"];
    let mint_options = MintOptions {
        expiry: options.get("expires_in").and_then(Value::as_i64).map_or(Expiry::Never, Expiry::In),
        now: options.get("now").and_then(Value::as_i64),
        key_id: opt_str(options, "key_id").map(str::to_owned),
    };
    let customer_id = opt_str(claims, "customer_id").unwrap();
    let workspace_id = opt_str(claims, "workspace_id").unwrap();
    let name = opt_str(claims, "name");
    let result = match case["kind"].as_str().unwrap() {
        "connect" => signer.connect_secret(&ConnectRequest { customer_id, workspace_id, name }, &mint_options),
        "renew" => signer.renew_secret(
            &RenewRequest {
                customer_id,
                workspace_id,
                name,
                integration_id: opt_str(claims, "integration_id").unwrap(),
            },
            &mint_options,
        ),
        other => panic!("kind {other}"),
    };
    match case["result"].as_str().unwrap() {
        "valid" => assert_eq!(result.unwrap(), case["secret"].as_str().unwrap(), "{}", case["id"]),
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

/// One verifier over every key file of a case: PEM texts are joined; JWK files are merged into one set.
fn verifier_for(vectors: &Value, names: &[Value]) -> Verifier {
    let texts: Vec<String> = names.iter().map(|k| key_text(vectors, k.as_str().unwrap())).collect();
    if texts.iter().any(|t| t.trim_start().starts_with('{')) {
        let mut all = Vec::new();
        for text in &texts {
            let value: Value = serde_json::from_str(text).unwrap();
            match value.get("keys") {
                Some(Value::Array(set)) => all.extend(set.iter().cloned()),
                _ => all.push(value),
            }
        }
        Verifier::new(&json!({ "keys": all }).to_string()).unwrap()
    } else {
        Verifier::new(&texts.join("\n")).unwrap()
    }
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
        "verifier" => Verifier::new(&text).map(|v| v.keys()[0].fingerprint().to_owned()),
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
    let vectors = load();
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
