//! What the vector runners share: key files, key-text transforms, option values as hosts pass them.
#![allow(dead_code)] // each test binary uses its own part

use munity_secrets::{options, Expiry, MintOptions, MunitySecretError, Result};
use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

pub fn load(file: &str) -> Value {
    let text = std::fs::read_to_string(vectors_dir().join(file)).expect(file);
    serde_json::from_str(&text).expect("the vector file parses")
}

/// The text of the key file `name` of the document's `keys` table.
pub fn key_text(document: &Value, name: &str) -> String {
    let file = document["keys"][name]["file"].as_str().unwrap_or_else(|| panic!("key {name}"));
    std::fs::read_to_string(vectors_dir().join(file)).expect(file)
}

/// Key text as environment variables and secret stores hold it (see tests/vectors/README.md).
pub fn transform(text: &str, how: Option<&str>) -> String {
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

/// A text spec of misuse.json: `{"key": name, "transform"?: how}` or `{"text": literal}`.
pub fn text_of(document: &Value, spec: &Value) -> String {
    match (spec.get("text"), spec.get("key")) {
        (Some(Value::String(text)), None) => text.clone(),
        (None, Some(Value::String(key))) => {
            transform(&key_text(document, key), spec.get("transform").and_then(Value::as_str))
        }
        _ => panic!("a text spec is {{\"text\": ...}} or {{\"key\": ...}}: {spec}"),
    }
}

/// An option value as a host with integers and floats passes it: a JSON integer as an integer, any
/// other number (or "NaN", "Infinity", "-Infinity") as a float through the core's conversion.
pub fn seconds(option: &str, value: &Value) -> Result<i64> {
    match value {
        Value::Number(number) => match number.as_i64() {
            Some(integer) => Ok(integer),
            None => options::seconds_from_f64(option, number.as_f64().expect("a number")),
        },
        Value::String(special) => options::seconds_from_f64(
            option,
            match special.as_str() {
                "NaN" => f64::NAN,
                "Infinity" => f64::INFINITY,
                "-Infinity" => f64::NEG_INFINITY,
                other => panic!("unknown special number {other}"),
            },
        ),
        other => panic!("{option}: not a number: {other}"),
    }
}

/// The mint options of a case: `no_expiry`, `expires_at`, `expires_in` or the default; `now`, `key_id`.
pub fn mint_options(options: &Value) -> Result<MintOptions> {
    let get = |name: &str| options.get(name).filter(|v| !v.is_null());
    let now = get("now").map(|v| seconds("now", v)).transpose()?;
    let expiry = if get("no_expiry").and_then(Value::as_bool) == Some(true) {
        Expiry::Never
    } else if let Some(at) = get("expires_at") {
        Expiry::At(seconds("expires_at", at)?)
    } else if let Some(seconds_in) = get("expires_in") {
        Expiry::In(seconds("expires_in", seconds_in)?)
    } else {
        Expiry::default()
    };
    Ok(MintOptions { expiry, now, key_id: get("key_id").and_then(Value::as_str).map(str::to_owned) })
}

/// Which expiry the options ask for, as the `expiry` field of a mint case names it.
pub fn expiry_name(options: &Value) -> &'static str {
    let has = |name: &str| options.get(name).is_some_and(|v| !v.is_null());
    if options.get("no_expiry").and_then(Value::as_bool) == Some(true) {
        "none"
    } else if has("expires_at") {
        "expires_at"
    } else if has("expires_in") {
        "expires_in"
    } else {
        "default"
    }
}

/// Key material and secrets are long base64 runs; messages must carry neither.
pub fn assert_no_key_material(id: &Value, error: &MunitySecretError) {
    let message = error.to_string();
    let longest =
        message.split(|c: char| !(c.is_ascii_alphanumeric() || "+/-_=".contains(c))).map(str::len).max().unwrap_or(0);
    assert!(longest < 64, "{id}: key material or a secret in {message}");
}
