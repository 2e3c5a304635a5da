//! A key's fingerprint: its RFC 7638 JWK thumbprint (SHA-256, base64url), so a person can match the
//! key in use against the workspace settings without ever printing the key.

use crate::error::{KeyErrorReason, MunitySecretError, Result};
use crate::framing as b64;
use jsonwebtoken::jwk::{AlgorithmParameters, CommonParameters, Jwk, RSAKeyParameters, RSAKeyType, ThumbprintHash};

/// The RFC 7638 thumbprint of the RSA public key `(n, e)`, both big-endian; leading zeros are
/// dropped first, as the JWK members must be minimal.
pub(crate) fn rsa_thumbprint(n: &[u8], e: &[u8]) -> Result<String> {
    let jwk = Jwk {
        common: CommonParameters::default(),
        algorithm: AlgorithmParameters::RSA(RSAKeyParameters {
            key_type: RSAKeyType::RSA,
            n: b64::encode(strip_leading_zeros(n)),
            e: b64::encode(strip_leading_zeros(e)),
        }),
    };
    jwk.thumbprint(ThumbprintHash::SHA256)
        .map_err(|e| MunitySecretError::key(KeyErrorReason::Rejected, format!("no thumbprint ({e})")))
}

pub(crate) fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[first..]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7638 section 3.1: the example key and its thumbprint.
    #[test]
    fn rfc7638_example() {
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP\
                 ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY\
                 368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0f\
                 M4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        let n = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, n).unwrap();
        let thumbprint = rsa_thumbprint(&n, &[1, 0, 1]).unwrap();
        assert_eq!(thumbprint, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        let mut padded = vec![0, 0];
        padded.extend_from_slice(&n);
        assert_eq!(rsa_thumbprint(&padded, &[0, 1, 0, 1]).unwrap(), thumbprint);
    }
}
