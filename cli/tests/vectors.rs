//! Every case of tests/vectors/secrets.json and tests/vectors/misuse.json through the command line,
//! as a user would type it; fails when a case goes unused. Numbers are passed as their JSON text
//! (`1.5`, `NaN`), so the command line converts them the way a host language does.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Cases a command line cannot express, each with the reason; they count as run only if they exist.
const NOT_EXPRESSIBLE: &[(&str, &str)] = &[
    ("invalid-name-nul", "a program argument cannot hold a NUL character"),
    ("verifier-texts-empty-list", "no --public-key at all means the environment, never an empty list"),
    ("signer-bound-empty-workspace", "the command line binds through MUNITY_WORKSPACE_ID, where empty means unbound"),
];

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn load(file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(vectors_dir().join(file)).unwrap()).unwrap()
}

fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_munity-secrets"));
    for name in ["MUNITY_CERTIFICATE", "MUNITY_WORKSPACE_ID", "MUNITY_PUBLIC_KEY"] {
        command.env_remove(name);
    }
    command
}

fn key_path(document: &Value, name: &str) -> PathBuf {
    vectors_dir().join(document["keys"][name]["file"].as_str().unwrap_or_else(|| panic!("key {name}")))
}

fn transform(text: &str, how: Option<&str>) -> String {
    match how {
        None => text.to_owned(),
        Some("escaped_newlines") => text.replace('\n', "\\n"),
        Some("double_escaped_newlines") => text.replace('\n', "\\\\n"),
        Some("quoted") => format!("\"{text}\""),
        Some("crlf") => text.replace('\n', "\r\n"),
        Some("base64") => base64_standard(text.as_bytes()),
        Some("surrounding_whitespace") => format!("  \n{text}  \n"),
        Some(other) => panic!("unknown transform {other}"),
    }
}

fn base64_standard(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A text spec of misuse.json, as text.
fn text_of(document: &Value, spec: &Value) -> String {
    match (spec.get("text"), spec.get("key")) {
        (Some(Value::String(text)), None) => text.clone(),
        (None, Some(Value::String(key))) => transform(
            &std::fs::read_to_string(key_path(document, key)).unwrap(),
            spec.get("transform").and_then(Value::as_str),
        ),
        _ => panic!("text spec {spec}"),
    }
}

/// Writes `text` to a fresh file of this test run.
fn temp_file(id: &str, index: usize, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("munity-secrets-cli-vectors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{id}-{index}"));
    std::fs::write(&path, text).unwrap();
    path
}

/// A JSON number or special ("NaN", "Infinity") as the text a user types.
fn number_text(value: &Value) -> String {
    match value {
        Value::Number(number) => number.to_string(),
        Value::String(special) => special.clone(),
        other => panic!("not a number: {other}"),
    }
}

/// The mint flags of a case's options.
fn mint_flags(command: &mut Command, options: &Value) {
    let get = |name: &str| options.get(name).filter(|v| !v.is_null());
    if get("no_expiry").and_then(Value::as_bool) == Some(true) {
        command.arg("--no-expiry");
    }
    for (name, flag) in [("expires_at", "--expires-at"), ("expires_in", "--expires-in"), ("now", "--now")] {
        if let Some(value) = get(name) {
            command.arg(flag).arg(number_text(value));
        }
    }
    if let Some(key_id) = get("key_id") {
        command.arg("--key-id").arg(key_id.as_str().unwrap());
    }
}

fn claim_flags(command: &mut Command, claims: &Value) {
    command.arg(if claims.get("integration_id").is_some() { "renew" } else { "connect" });
    for (name, flag) in [
        ("customer_id", "--customer-id"),
        ("workspace_id", "--workspace-id"),
        ("name", "--name"),
        ("integration_id", "--integration-id"),
    ] {
        if let Some(value) = claims.get(name).and_then(Value::as_str) {
            command.arg(flag).arg(value);
        }
    }
}

/// What a failed run reports on its one stderr line: `error: CODE (reason): ...` for claims,
/// `error: CODE: invalid key (reason): ...` for keys.
struct Reported {
    code: String,
    reason: Option<String>,
}

fn outcome(id: &str, output: &Output) -> Result<String, Reported> {
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    match output.status.code() {
        Some(0) => Ok(stdout),
        Some(1) => {
            assert!(stdout.is_empty(), "{id}: output on failure");
            assert_eq!(stderr.lines().count(), 1, "{id}: {stderr}");
            let line = stderr.strip_prefix("error: ").unwrap_or_else(|| panic!("{id}: {stderr}"));
            let code = line.split([' ', ':']).next().unwrap().to_owned();
            let reason = if code.starts_with("INVALID_CLAIM/") {
                line[code.len()..].strip_prefix(" (").and_then(|r| r.split(')').next()).map(str::to_owned)
            } else {
                code.strip_prefix("INVALID_KEY/").map(str::to_owned)
            };
            assert!(!line.contains("MII"), "{id}: key material in {line}");
            Err(Reported { code, reason })
        }
        other => panic!("{id}: exit {other:?}: {stderr}"),
    }
}

fn expect_error(case: &Value, result: Result<String, Reported>) {
    let id = case["id"].as_str().unwrap();
    match result {
        Ok(stdout) => panic!("{id}: expected {}, got {stdout}", case["error"]),
        Err(reported) => {
            assert_eq!(reported.code, case["error"].as_str().unwrap(), "{id}");
            if let Some(reason) = case.get("reason").and_then(Value::as_str) {
                assert_eq!(reported.reason.as_deref(), Some(reason), "{id}: reason");
            }
        }
    }
}

fn run_secrets_case(document: &Value, group: &str, case: &Value) {
    let id = case["id"].as_str().unwrap();
    let mut command = bin();
    match group {
        "mint" => {
            claim_flags(&mut command, &case["claims"]);
            command.arg("--certificate").arg(key_path(document, case["key"].as_str().unwrap()));
            mint_flags(&mut command, &case["options"]);
        }
        "verify" => {
            command.arg("verify");
            for key in case["keys"].as_array().unwrap() {
                command.arg("--public-key").arg(key_path(document, key.as_str().unwrap()));
            }
            let options = &case["options"];
            for (name, flag) in [("now", "--now"), ("leeway", "--leeway"), ("expect", "--expect")] {
                if let Some(value) = options.get(name) {
                    command.arg(flag).arg(value.as_str().map_or_else(|| number_text(value), str::to_owned));
                }
            }
            command.arg("--").arg(case["secret"].as_str().unwrap());
        }
        "key_loading" => {
            let text = transform(
                &std::fs::read_to_string(key_path(document, case["key"].as_str().unwrap())).unwrap(),
                case.get("transform").and_then(Value::as_str),
            );
            let flag = if case["role"] == "signer" { "--certificate" } else { "--public-key" };
            command.arg("fingerprint").arg(flag).arg(temp_file(id, 0, &text));
        }
        other => panic!("group {other}"),
    }
    let result = outcome(id, &command.output().unwrap());
    if case["result"] != "valid" {
        return expect_error(case, result);
    }
    let stdout = result.unwrap_or_else(|r| panic!("{id}: {}", r.code));
    match group {
        "mint" => assert_eq!(stdout.trim_end(), case["secret"].as_str().unwrap(), "{id}"),
        "verify" => {
            let claims: Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(claims, case["claims"], "{id}");
        }
        _ => assert_eq!(fingerprint_lines(&stdout)[0].0, case["fingerprint"].as_str().unwrap(), "{id}"),
    }
}

/// `fingerprint` output: one line a key, `FP`, `FP  kid=K` or `FP  workspace_id=W`.
fn fingerprint_lines(stdout: &str) -> Vec<(String, Option<(String, String)>)> {
    stdout
        .lines()
        .map(|line| match line.split_once("  ") {
            Some((fingerprint, extra)) => {
                let (name, value) = extra.split_once('=').unwrap();
                (fingerprint.to_owned(), Some((name.to_owned(), value.to_owned())))
            }
            None => (line.to_owned(), None),
        })
        .collect()
}

fn run_misuse_case(document: &Value, case: &Value) {
    let id = case["id"].as_str().unwrap();
    let mut command = bin();
    let entry = case["entry"].as_str().unwrap();
    match entry {
        "mint" => {
            let signer = &case["signer"];
            if let Some(workspace_id) = signer.get("workspace_id").and_then(Value::as_str) {
                command.env("MUNITY_WORKSPACE_ID", workspace_id);
            }
            claim_flags(&mut command, &case["request"]);
            command.arg("--certificate").arg(key_path(document, signer["key"].as_str().unwrap()));
            mint_flags(&mut command, &case["options"]);
        }
        "verify" => {
            command.arg("verify");
            for key in case["verifier"]["keys"].as_array().unwrap() {
                command.arg("--public-key").arg(key_path(document, key.as_str().unwrap()));
            }
            for (name, flag) in [("now", "--now"), ("leeway", "--leeway")] {
                if let Some(value) = case["options"].get(name) {
                    command.arg(flag).arg(number_text(value));
                }
            }
            command.arg("--").arg(case["secret"].as_str().unwrap());
        }
        "signer" => {
            if let Some(workspace_id) = case.get("workspace_id").and_then(Value::as_str) {
                command.env("MUNITY_WORKSPACE_ID", workspace_id);
            }
            let path = temp_file(id, 0, &text_of(document, &case["key_text"]));
            command.arg("fingerprint").arg("--certificate").arg(path);
        }
        "verifier" => {
            let path = temp_file(id, 0, &text_of(document, &case["key_text"]));
            command.arg("fingerprint").arg("--public-key").arg(path);
        }
        "verifier_from_texts" => {
            command.arg("fingerprint");
            for (index, spec) in case["key_texts"].as_array().unwrap().iter().enumerate() {
                command.arg("--public-key").arg(temp_file(id, index, &text_of(document, spec)));
            }
        }
        "signer_from_env" | "verifier_from_env" => {
            for (name, value) in case["env"].as_object().unwrap() {
                match value {
                    Value::Null => command.env_remove(name),
                    Value::String(text) => command.env(name, text),
                    spec => command.env(name, text_of(document, spec)),
                };
            }
            command.arg("fingerprint").arg(if entry == "signer_from_env" { "--certificate" } else { "--public-key" });
        }
        "generate_key_pair" => {
            let dir = std::env::temp_dir().join(format!("munity-secrets-cli-keygen-{id}-{}", std::process::id()));
            command.args(["keygen", "--force", "--bits", &case["bits"].to_string(), "--out"]).arg(&dir);
            let output = command.output().unwrap();
            if case["result"] == "valid" {
                assert!(output.status.success(), "{id}");
                let fingerprint =
                    bin().arg("fingerprint").arg("--public-key").arg(dir.join("public.pem")).output().unwrap();
                assert!(fingerprint.status.success(), "{id}");
                std::fs::remove_dir_all(&dir).unwrap();
            } else {
                // The command line offers only the sizes it can generate: another is a usage error.
                assert_eq!(output.status.code(), Some(2), "{id}");
            }
            return;
        }
        other => panic!("{id}: entry {other}"),
    }
    let result = outcome(id, &command.output().unwrap());
    if case["result"] != "valid" {
        return expect_error(case, result);
    }
    let stdout = result.unwrap_or_else(|r| panic!("{id}: {}", r.code));
    let expected = &case["expected"];
    match entry {
        "mint" => {
            assert_eq!(stdout.trim_end(), expected["secret"].as_str().unwrap(), "{id}");
        }
        "verify" => {
            let claims: Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(claims["expires_at"], expected["expires_at"], "{id}");
        }
        "signer" | "signer_from_env" => {
            let lines = fingerprint_lines(&stdout);
            assert_eq!(lines.len(), 1, "{id}");
            assert_eq!(lines[0].0, expected["fingerprint"].as_str().unwrap(), "{id}");
            let workspace_id = lines[0].1.as_ref().map(|(name, value)| {
                assert_eq!(name, "workspace_id", "{id}");
                value.as_str()
            });
            assert_eq!(workspace_id, expected["workspace_id"].as_str(), "{id}");
        }
        _ => {
            let lines = fingerprint_lines(&stdout);
            let fingerprints: Vec<&str> = lines.iter().map(|(f, _)| f.as_str()).collect();
            let key_ids: Vec<Option<&str>> = lines
                .iter()
                .map(|(_, extra)| {
                    extra.as_ref().map(|(name, value)| {
                        assert_eq!(name, "kid", "{id}");
                        value.as_str()
                    })
                })
                .collect();
            assert_eq!(serde_json::json!(fingerprints), expected["fingerprints"], "{id}");
            assert_eq!(serde_json::json!(key_ids), expected["key_ids"], "{id}");
        }
    }
}

#[test]
fn every_vector_and_misuse_case_through_the_command_line() {
    let secrets = load("secrets.json");
    let misuse = load("misuse.json");
    let mut expected = BTreeSet::new();
    let mut ran = BTreeSet::new();
    let skip = |id: &str| NOT_EXPRESSIBLE.iter().any(|(skipped, _)| *skipped == id);
    for group in ["mint", "verify", "key_loading"] {
        for case in secrets[group].as_array().unwrap() {
            let id = case["id"].as_str().unwrap().to_owned();
            expected.insert(id.clone());
            if !skip(&id) {
                run_secrets_case(&secrets, group, case);
            }
            ran.insert(id);
        }
    }
    for case in misuse["cases"].as_array().unwrap() {
        let id = case["id"].as_str().unwrap().to_owned();
        assert!(expected.insert(id.clone()), "duplicate id {id}");
        if !skip(&id) {
            run_misuse_case(&misuse, case);
        }
        ran.insert(id);
    }
    for (id, _) in NOT_EXPRESSIBLE {
        assert!(expected.contains(*id), "{id} is listed as not expressible but no longer exists");
    }
    assert_eq!(ran, expected, "every case ran");
    assert!(ran.len() >= 300, "only {} cases", ran.len());
    let _ = std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("munity-secrets-cli-vectors-{}", std::process::id())),
    );
}
