//! The payload both ways, side by side: written when minting (the spec's member order, strings escaped
//! as Python's `json.dumps` does) and read when verifying (strict, each claim by the rule of
//! [`super`], so minting and verifying can never disagree).

use super::{check_customer_id, check_name, check_numeric_date, names, normalize_uuid};
use crate::error::{ClaimErrorReason, MunitySecretError, Result};
use crate::json::StrictObject;
use crate::text::{cut, quote, write_json_string};
use serde_json::Value;

/// The claims of a payload, checked (UUIDs lowercased).
#[derive(Debug)]
pub(crate) struct Claims {
    pub(crate) customer_id: String,
    pub(crate) workspace_id: String,
    pub(crate) name: Option<String>,
    pub(crate) integration_id: Option<String>,
    pub(crate) expires_at: Option<i64>,
    pub(crate) issued_at: Option<i64>,
    pub(crate) not_before: Option<i64>,
}

/// Writes a payload from checked claims: members in the order `customer_id`, `workspace_id`, `name`,
/// `integration_id`, `exp`, each only when present, no white space.
pub(crate) fn encode_payload(
    customer_id: &str,
    workspace_id: &str,
    name: Option<&str>,
    integration_id: Option<&str>,
    exp: Option<i64>,
) -> String {
    let mut payload = String::with_capacity(160 + name.map_or(0, str::len) * 6);
    payload.push_str("{\"customer_id\":");
    write_json_string(&mut payload, customer_id);
    payload.push_str(",\"workspace_id\":");
    write_json_string(&mut payload, workspace_id);
    if let Some(name) = name {
        payload.push_str(",\"name\":");
        write_json_string(&mut payload, name);
    }
    if let Some(integration_id) = integration_id {
        payload.push_str(",\"integration_id\":");
        write_json_string(&mut payload, integration_id);
    }
    if let Some(exp) = exp {
        payload.push_str(",\"exp\":");
        payload.push_str(&exp.to_string());
    }
    payload.push('}');
    payload
}

/// Reads a payload (spec section 5 step 4, after the signature passed): UTF-8 without BOM, one JSON
/// object without duplicate members, only the known claims, each of its type and by its rule.
pub(crate) fn decode_payload(payload: &[u8]) -> Result<Claims> {
    if payload.starts_with(&[0xef, 0xbb, 0xbf]) {
        return Err(MunitySecretError::malformed("the payload starts with a UTF-8 byte-order mark"));
    }
    let members = StrictObject::parse(payload)
        .map_err(|e| MunitySecretError::malformed(format!("the payload is not a JSON object: {e}")))?
        .0;
    let mut strings: [Option<String>; 4] = Default::default();
    let mut times: [Option<i64>; 3] = [None; 3];
    const STRINGS: [&str; 4] = [names::CUSTOMER_ID, names::WORKSPACE_ID, names::NAME, names::INTEGRATION_ID];
    const TIMES: [&str; 3] = [names::EXP, names::IAT, names::NBF];
    for (name, value) in members {
        if let Some(slot) = STRINGS.iter().position(|c| *c == name) {
            match value {
                Value::String(text) => strings[slot] = Some(text),
                other => return Err(wrong_type(STRINGS[slot], "a string", &other)),
            }
        } else if let Some(slot) = TIMES.iter().position(|c| *c == name) {
            times[slot] = Some(numeric_date(TIMES[slot], &value)?);
        } else {
            return Err(MunitySecretError::claim(
                &cut(&name),
                ClaimErrorReason::Unknown,
                format!(
                    "unknown claim {}; a secret holds only customer_id, workspace_id, name, integration_id, exp, iat and nbf",
                    quote(&name)
                ),
            ));
        }
    }
    let [customer_id, workspace_id, name, integration_id] = strings;
    let customer_id = customer_id.ok_or_else(|| missing(names::CUSTOMER_ID))?;
    check_customer_id(&customer_id)?;
    let workspace_id = normalize_uuid(names::WORKSPACE_ID, &workspace_id.ok_or_else(|| missing(names::WORKSPACE_ID))?)?;
    if let Some(name) = &name {
        check_name(names::NAME, name)?;
    }
    let integration_id = integration_id.map(|id| normalize_uuid(names::INTEGRATION_ID, &id)).transpose()?;
    let [expires_at, issued_at, not_before] = times;
    Ok(Claims { customer_id, workspace_id, name, integration_id, expires_at, issued_at, not_before })
}

/// Step 5: `exp` and `nbf` against the clock, with leeway.
/// An integer NumericDate claim from 0 to [`crate::defaults::MAX_NUMERIC_DATE`]: outside it (before
/// the epoch, after year 9999, beyond any integer type) is `out_of_range`, so every binding can turn
/// it into its date type; a fraction, a string or anything else is `wrong_type`.
fn numeric_date(claim: &str, value: &Value) -> Result<i64> {
    let integer = match value {
        Value::Number(number) => number.as_i64().ok_or_else(|| {
            // Integers beyond i64 arrive as u64, or as f64 when beyond u64 too.
            let huge_integer = number.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() >= 9.2e18);
            if number.is_u64() || huge_integer {
                MunitySecretError::claim(
                    claim,
                    ClaimErrorReason::OutOfRange,
                    format!("{claim} is {number}, beyond any NumericDate this library handles"),
                )
            } else {
                wrong_type(claim, "an integer NumericDate", value)
            }
        }),
        other => Err(wrong_type(claim, "an integer NumericDate", other)),
    }?;
    check_numeric_date(claim, integer)
}

fn wrong_type(claim: &str, expected: &str, found: &Value) -> MunitySecretError {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number with a fraction or exponent",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    MunitySecretError::claim(claim, ClaimErrorReason::WrongType, format!("{claim} must be {expected}; found {found}"))
}

fn missing(claim: &str) -> MunitySecretError {
    MunitySecretError::claim(claim, ClaimErrorReason::Missing, format!("the secret has no {claim}, which is required"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::MunitySecretError;

    fn claim_error(result: Result<impl std::fmt::Debug>) -> (String, &'static str) {
        match result {
            Err(MunitySecretError::InvalidClaim { claim, reason, .. }) => (claim, reason.code()),
            other => panic!("expected an invalid claim, got {other:?}"),
        }
    }

    #[test]
    fn a_payload_round_trips() {
        let written = encode_payload("c1", "11111111-2222-3333-aaaa-eeeeeeeeeeee", Some("Zoë"), None, Some(60));
        assert_eq!(
            written,
            r#"{"customer_id":"c1","workspace_id":"11111111-2222-3333-aaaa-eeeeeeeeeeee","name":"Zo\u00eb","exp":60}"#
        );
        let read = decode_payload(written.as_bytes()).unwrap();
        assert_eq!((read.name.as_deref(), read.expires_at, read.integration_id), (Some("Zoë"), Some(60), None));
    }

    #[test]
    fn numeric_dates_out_of_range_are_invalid_claims() {
        for (value, ok) in [
            (Value::from(0), true),
            (Value::from(crate::defaults::MAX_NUMERIC_DATE), true),
            (Value::from(-1), false),
            (Value::from(crate::defaults::MAX_NUMERIC_DATE + 1), false),
            (Value::from(u64::MAX), false),
        ] {
            let result = numeric_date("exp", &value);
            if ok {
                result.unwrap();
            } else {
                assert_eq!(claim_error(result), ("exp".into(), "out_of_range"), "{value}");
            }
        }
    }
}
