//! The secret's framing, both ways: `B64(header) "." B64(payload) "." B64(signature)` in canonical
//! unpadded base64url (RFC 7515 section 2), the header (written, and checked: spec section 5 step 2),
//! and the split of a received secret into its parts (step 1). The claims inside the payload are
//! [`crate::claims`]'s.

use crate::error::{MunitySecretError, Result};
use crate::json::StrictObject;
use crate::text::{cut, quote, write_json_string};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

/// The largest secret accepted, in bytes.
pub const MAX_SECRET_BYTES: usize = 8 * 1024;

/// The header every secret without a key id carries, already in base64url:
/// `{"alg":"RS256","typ":"JWT"}`.
const PLAIN_HEADER_B64: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9";

/// `B64(header) "." B64(payload)`: what the signature covers. The header's members are sorted, as
/// PyJWT writes them: `alg`, `kid` (when given), `typ`.
pub(crate) fn signing_input(key_id: Option<&str>, payload: &str) -> String {
    let mut out = String::with_capacity(64 + payload.len() * 4 / 3 + 350);
    match key_id {
        None => out.push_str(PLAIN_HEADER_B64),
        Some(key_id) => {
            let mut header = String::from("{\"alg\":\"RS256\",\"kid\":");
            write_json_string(&mut header, key_id);
            header.push_str(",\"typ\":\"JWT\"}");
            encode_into(header.as_bytes(), &mut out);
        }
    }
    out.push('.');
    encode_into(payload.as_bytes(), &mut out);
    out
}

/// Appends `"." B64(signature)` to a signing input: the finished secret.
pub(crate) fn append_signature(signing_input: &mut String, signature: &[u8]) {
    signing_input.push('.');
    encode_into(signature, signing_input);
}

/// A received secret's parts, decoded; `signing_input` points into the secret.
pub(crate) struct Parts<'a> {
    pub(crate) signing_input: &'a [u8],
    pub(crate) header: Vec<u8>,
    pub(crate) payload: Vec<u8>,
    pub(crate) signature: Vec<u8>,
}

/// Step 1: size, three parts, each canonical unpadded base64url.
pub(crate) fn split(secret: &str) -> Result<Parts<'_>> {
    if secret.len() > MAX_SECRET_BYTES {
        return Err(MunitySecretError::malformed(format!(
            "the secret is {} bytes; at most {MAX_SECRET_BYTES} are accepted",
            secret.len()
        )));
    }
    if secret.is_empty() {
        return Err(MunitySecretError::malformed("the secret is empty"));
    }
    let mut parts = secret.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        let count = secret.matches('.').count() + 1;
        return Err(MunitySecretError::malformed(format!("a secret has 3 parts separated by '.'; found {count}")));
    };
    let decode = |part: &str, which: &str| {
        decode(part).map_err(|e| MunitySecretError::malformed(format!("the {which} is not canonical base64url: {e}")))
    };
    Ok(Parts {
        signing_input: &secret.as_bytes()[..header.len() + 1 + payload.len()],
        header: decode(header, "header")?,
        payload: decode(payload, "payload")?,
        signature: decode(signature, "signature")?,
    })
}

/// Step 2: the header holds only `alg` (exactly RS256), `typ` (JWT) and `kid` (a string). Returns the `kid`.
pub(crate) fn check_header(header: &[u8]) -> Result<Option<String>> {
    let members = StrictObject::parse(header)
        .map_err(|e| MunitySecretError::malformed(format!("the header is not a JSON object: {e}")))?
        .0;
    if let Some((name, _)) = members.iter().find(|(name, _)| !matches!(name.as_str(), "alg" | "typ" | "kid")) {
        return Err(MunitySecretError::malformed(format!(
            "the header member {} is not allowed: a header holds only alg, typ and kid, and a key is never \
             taken from the secret itself",
            quote(name)
        )));
    }
    let member = |wanted: &str| members.iter().find(|(name, _)| name == wanted).map(|(_, value)| value);
    match member("alg") {
        Some(Value::String(alg)) if alg == "RS256" => {}
        Some(other) => {
            return Err(MunitySecretError::UnsupportedAlgorithm { algorithm: cut(&compact_json(other)) });
        }
        None => return Err(MunitySecretError::malformed("the header has no alg")),
    }
    match member("typ") {
        None => {}
        Some(Value::String(typ)) if typ == "JWT" => {}
        Some(other) => {
            return Err(MunitySecretError::malformed(format!(
                "the header's typ is {}; only \"JWT\" is accepted",
                cut(&compact_json(other))
            )))
        }
    }
    match member("kid") {
        None => Ok(None),
        Some(Value::String(kid)) => Ok(Some(kid.clone())),
        Some(_) => Err(MunitySecretError::malformed("the header's kid is not a string")),
    }
}

fn compact_json(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Encodes `bytes` as unpadded base64url, appending to `out`.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    URL_SAFE_NO_PAD.encode_string(bytes, out);
}

/// Encodes `bytes` as unpadded base64url.
pub(crate) fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes canonical unpadded base64url: no `=`, no `+` or `/`, no white space, no impossible length,
/// unused trailing bits zero. The error says what was found, with its position.
pub(crate) fn decode(text: &str) -> Result<Vec<u8>, String> {
    if let Some((position, byte)) =
        text.bytes().enumerate().find(|(_, b)| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
    {
        let what = match byte {
            b'=' => "padding '=' (base64url here is unpadded)".to_owned(),
            b'+' | b'/' => format!("'{}' (standard base64, not base64url)", byte as char),
            b' ' | b'\t' | b'\r' | b'\n' => "white space".to_owned(),
            0x21..=0x7e => format!("'{}'", byte as char),
            _ => format!("byte 0x{byte:02x}"),
        };
        return Err(format!("{what} at position {position}"));
    }
    if text.len() % 4 == 1 {
        return Err(format!("impossible length {} for base64url", text.len()));
    }
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| "non-canonical base64url (the unused trailing bits must be zero)".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn refuses_non_canonical_forms() {
        assert!(decode("eyJ=").unwrap_err().contains("padding"));
        assert!(decode("ab+c").unwrap_err().contains("standard base64"));
        assert!(decode("ab/c").unwrap_err().contains("standard base64"));
        assert!(decode("ab c").unwrap_err().contains("white space"));
        assert!(decode("abcde").unwrap_err().contains("impossible length"));
        // "QQ" is 'A'; "QR" decodes to 'A' too when trailing bits are ignored.
        assert_eq!(decode("QQ").unwrap(), b"A");
        assert!(decode("QR").unwrap_err().contains("trailing bits"));
    }
}
