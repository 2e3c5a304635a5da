//! Canonical unpadded base64url (RFC 7515 section 2), strict on decoding.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

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
