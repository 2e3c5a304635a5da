//! Runs every case of tests/vectors/misuse.json (options, environment and key-text misuse) against the
//! core, and fails if a case goes unused. The only test of this binary, so it alone touches the
//! environment variables.

mod common;

use common::{assert_no_key_material, key_text, load, mint_options, seconds, text_of};
use munity_secrets::{MintRequest, MunitySecretError, Result, SecretKind, Signer, Verifier, VerifyOptions};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// What a call returned, as the valid cases of misuse.json write it.
fn signer_json(signer: &Signer) -> Value {
    json!({ "fingerprint": signer.fingerprint(), "workspace_id": signer.workspace_id() })
}

fn verifier_json(verifier: &Verifier) -> Value {
    json!({ "fingerprints": verifier.fingerprints(), "key_ids": verifier.key_ids() })
}

/// Sets every variable the document lists: those the case names to their value, the others unset.
fn set_environment(document: &Value, case: &Value) {
    let env = &case["env"];
    for name in document["environment_variables"].as_array().unwrap() {
        let name = name.as_str().unwrap();
        match env.get(name) {
            None | Some(Value::Null) => std::env::remove_var(name),
            Some(spec @ Value::Object(_)) => std::env::set_var(name, text_of(document, spec)),
            Some(Value::String(text)) => std::env::set_var(name, text),
            Some(other) => panic!("{}: env {name} = {other}", case["id"]),
        }
    }
}

fn str_field<'a>(value: &'a Value, field: &str) -> Option<&'a str> {
    value.get(field).and_then(Value::as_str)
}

fn run(document: &Value, case: &Value) -> Result<Value> {
    match case["entry"].as_str().unwrap() {
        "mint" => {
            let signer_spec = &case["signer"];
            let certificate = key_text(document, str_field(signer_spec, "key").unwrap());
            let signer = match str_field(signer_spec, "workspace_id") {
                Some(workspace_id) => Signer::bound(&certificate, workspace_id)?,
                None => Signer::new(&certificate)?,
            };
            let request = &case["request"];
            let request = MintRequest {
                customer_id: str_field(request, "customer_id").unwrap(),
                workspace_id: str_field(request, "workspace_id"),
                name: str_field(request, "name"),
                integration_id: str_field(request, "integration_id"),
            };
            let minted = signer.mint(&request, &mint_options(&case["options"])?)?;
            Ok(json!({ "secret": minted.secret, "kind": minted.kind.as_str(), "expires_at": minted.expires_at }))
        }
        "verify" => {
            let keys: Vec<String> = case["verifier"]["keys"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| key_text(document, k.as_str().unwrap()))
                .collect();
            let verifier = Verifier::from_texts(&keys.iter().map(String::as_str).collect::<Vec<_>>())?;
            let options = &case["options"];
            let number = |name: &str| options.get(name).map(|v| seconds(name, v)).transpose();
            let verify_options = VerifyOptions {
                leeway: number("leeway")?.unwrap_or(munity_secrets::DEFAULT_LEEWAY),
                now: number("now")?,
                expect: str_field(options, "expect").map(|k| k.parse::<SecretKind>().unwrap()),
            };
            let verified = verifier.verify(case["secret"].as_str().unwrap(), &verify_options)?;
            Ok(json!({ "expires_at": verified.expires_at }))
        }
        "signer" => {
            let text = text_of(document, &case["key_text"]);
            let signer = match str_field(case, "workspace_id") {
                Some(workspace_id) => Signer::bound(&text, workspace_id)?,
                None => Signer::new(&text)?,
            };
            Ok(signer_json(&signer))
        }
        "signer_from_env" => {
            set_environment(document, case);
            Ok(signer_json(&Signer::from_env()?))
        }
        "verifier" => Ok(verifier_json(&Verifier::new(&text_of(document, &case["key_text"]))?)),
        "verifier_from_texts" => {
            let texts: Vec<String> =
                case["key_texts"].as_array().unwrap().iter().map(|spec| text_of(document, spec)).collect();
            Ok(verifier_json(&Verifier::from_texts(&texts.iter().map(String::as_str).collect::<Vec<_>>())?))
        }
        "verifier_from_env" => {
            set_environment(document, case);
            Ok(verifier_json(&Verifier::from_env()?))
        }
        "generate_key_pair" => {
            let bits = u32::try_from(case["bits"].as_u64().unwrap()).unwrap();
            let pair = munity_secrets::generate_key_pair(bits)?;
            Ok(json!({ "bits": Verifier::new(&pair.public_key_pem)?.keys()[0].bits() }))
        }
        other => panic!("{}: unknown entry {other}", case["id"]),
    }
}

fn check(case: &Value, outcome: Result<Value>) {
    let id = &case["id"];
    match (case["result"].as_str().unwrap(), outcome) {
        ("valid", Ok(actual)) => {
            // Every expected field is checked; a runner may produce more than a case expects.
            let expected = case["expected"].as_object().unwrap_or_else(|| panic!("{id}: no expected result"));
            assert!(!expected.is_empty(), "{id}: no expected result");
            for (name, value) in expected {
                assert_eq!(actual.get(name), Some(value), "{id}: {name}");
            }
        }
        ("valid", Err(error)) => panic!("{id}: expected success, got {error:?}"),
        ("invalid", Ok(actual)) => panic!("{id}: expected {}, got {actual}", case["error"]),
        ("invalid", Err(error)) => {
            assert_eq!(error.code(), case["error"].as_str().unwrap(), "{id}: {error}");
            assert_eq!(error.kind().code(), case["kind"].as_str().unwrap(), "{id}");
            let (claim, reason) = match &error {
                MunitySecretError::InvalidClaim { claim, reason, .. } => (Some(claim.as_str()), Some(reason.code())),
                MunitySecretError::InvalidKey { reason, .. } => (None, Some(reason.code())),
                _ => (None, None),
            };
            assert_eq!(claim, case["claim"].as_str(), "{id}: claim");
            assert_eq!(reason, case["reason"].as_str(), "{id}: reason");
            assert_no_key_material(id, &error);
        }
        (other, _) => panic!("{id}: result {other}"),
    }
}

#[test]
fn every_misuse_case_passes_and_none_goes_unused() {
    let document = load("misuse.json");
    assert_eq!(document["schema"], "munity-secrets-misuse/1");
    let cases = document["cases"].as_array().unwrap();
    let mut expected = BTreeSet::new();
    let mut ran = BTreeSet::new();
    for case in cases {
        let id = case["id"].as_str().unwrap().to_owned();
        assert!(expected.insert(id.clone()), "duplicate id {id}");
        check(case, run(&document, case));
        ran.insert(id);
    }
    assert_eq!(ran, expected, "every case ran");
    let entries: BTreeSet<&str> = cases.iter().map(|c| c["entry"].as_str().unwrap()).collect();
    assert_eq!(entries.len(), 8, "every entry point has cases: {entries:?}");
    assert!(ran.len() >= 60, "only {} cases", ran.len());
}
