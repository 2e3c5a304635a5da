//! The claim rules of the spec (section 3), one function a rule, used both when minting and when
//! verifying, so the two can never disagree; the payload written and read side by side in `payload`.

use crate::error::{ClaimErrorReason as Reason, MunitySecretError, Result};
use crate::text::describe_char;

mod payload;
pub(crate) use payload::{decode_payload, encode_payload, Claims};

/// The longest string claim, in Unicode scalar values.
pub const MAX_STRING_CHARS: usize = 255;
pub use crate::defaults::MAX_EXPIRES_IN;

/// Claim and option names as errors report them.
pub mod names {
    /// The customer of the SaaS product.
    pub const CUSTOMER_ID: &str = "customer_id";
    /// The Munity workspace.
    pub const WORKSPACE_ID: &str = "workspace_id";
    /// The optional display name.
    pub const NAME: &str = "name";
    /// The integration a renew secret restores.
    pub const INTEGRATION_ID: &str = "integration_id";
    /// Expiry (NumericDate).
    pub const EXP: &str = "exp";
    /// Issued-at (NumericDate), accepted when verifying, never written.
    pub const IAT: &str = "iat";
    /// Not-before (NumericDate), accepted when verifying, never written.
    pub const NBF: &str = "nbf";
    /// The minting option that sets `exp` relative to now.
    pub const EXPIRES_IN: &str = "expires_in";
    /// The minting option that sets `exp` as an absolute NumericDate.
    pub const EXPIRES_AT: &str = "expires_at";
    /// The verification option that tolerates clock skew.
    pub const LEEWAY: &str = "leeway";
    /// The minting option (and header member) naming the key.
    pub const KID: &str = "kid";
    /// The explicit clock of minting and verifying.
    pub const NOW: &str = "now";
}

/// `customer_id`: 1 to 255 ASCII letters and digits.
pub fn check_customer_id(value: &str) -> Result<()> {
    let claim = names::CUSTOMER_ID;
    check_length(claim, value)?;
    if let Some((position, c)) = value.chars().enumerate().find(|(_, c)| !c.is_ascii_alphanumeric()) {
        return Err(MunitySecretError::claim(
            claim,
            Reason::InvalidCharacter,
            format!("{claim} must be ASCII letters and digits; found {} at position {position}", describe_char(c)),
        ));
    }
    Ok(())
}

/// A UUID in the hyphenated 8-4-4-4-12 form, any case; returns it lowercased.
/// Braces, `urn:uuid:` and the 32-hex form are refused.
pub fn normalize_uuid(claim: &str, value: &str) -> Result<String> {
    let bytes = value.as_bytes();
    let well_formed = bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if !well_formed {
        let found = if value.is_empty() { "an empty string".to_owned() } else { crate::text::quote(value) };
        let hint = if value.starts_with('{') || value.to_ascii_lowercase().starts_with("urn:") {
            " (without braces or urn:uuid: prefix)"
        } else if bytes.len() == 32 {
            " (with its four hyphens)"
        } else {
            ""
        };
        return Err(MunitySecretError::claim(
            claim,
            if value.is_empty() { Reason::Empty } else { Reason::InvalidUuid },
            format!("{claim} must be a UUID like 11111111-2222-3333-aaaa-eeeeeeeeeeee{hint}; found {found}"),
        ));
    }
    Ok(value.to_ascii_lowercase())
}

/// `name` (and a key id): 1 to 255 Unicode scalar values, not only white space, no control
/// characters (category Cc).
pub fn check_name(claim: &str, value: &str) -> Result<()> {
    check_length(claim, value)?;
    if let Some((position, c)) = value.chars().enumerate().find(|(_, c)| c.is_control()) {
        return Err(MunitySecretError::claim(
            claim,
            Reason::InvalidCharacter,
            format!("{claim} must not contain control characters; found {} at position {position}", describe_char(c)),
        ));
    }
    if value.chars().all(char::is_whitespace) {
        return Err(MunitySecretError::claim(claim, Reason::Blank, format!("{claim} must not be only white space")));
    }
    Ok(())
}

/// `expires_in`: whole seconds from 1 to 31,536,000 (365 days).
pub fn check_expires_in(seconds: i64) -> Result<()> {
    if !(1..=MAX_EXPIRES_IN).contains(&seconds) {
        return Err(MunitySecretError::claim(
            names::EXPIRES_IN,
            Reason::OutOfRange,
            format!("expires_in must be from 1 to {MAX_EXPIRES_IN} seconds (365 days); found {seconds}"),
        ));
    }
    Ok(())
}

/// An explicit clock: a NumericDate from 0 to [`crate::defaults::MAX_NUMERIC_DATE`].
pub fn check_now(seconds: i64) -> Result<()> {
    check_numeric_date(names::NOW, seconds).map(drop)
}

/// A NumericDate option or claim (`now`, `expires_at`, `exp`, `nbf`, `iat`): from 0
/// (1970-01-01T00:00:00Z) to [`crate::defaults::MAX_NUMERIC_DATE`] (9999-12-31T23:59:59Z).
pub fn check_numeric_date(name: &str, value: i64) -> Result<i64> {
    if !(0..=crate::defaults::MAX_NUMERIC_DATE).contains(&value) {
        return Err(MunitySecretError::claim(
            name,
            Reason::OutOfRange,
            format!(
                "{name} must be a NumericDate from 0 (1970-01-01T00:00:00Z) to {} \
                 (9999-12-31T23:59:59Z); found {value}",
                crate::defaults::MAX_NUMERIC_DATE
            ),
        ));
    }
    Ok(value)
}

/// The verification leeway: whole seconds from 0 to [`crate::defaults::MAX_LEEWAY`].
pub fn check_leeway(seconds: i64) -> Result<i64> {
    if !(0..=crate::defaults::MAX_LEEWAY).contains(&seconds) {
        return Err(MunitySecretError::claim(
            names::LEEWAY,
            Reason::OutOfRange,
            format!("leeway must be from 0 to {} seconds; found {seconds}", crate::defaults::MAX_LEEWAY),
        ));
    }
    Ok(seconds)
}

/// Turns UTF-16 text from a host language (JS, JVM, Python with surrogates) into a string, refusing
/// a lone surrogate as an invalid claim instead of replacing it silently.
pub fn string_from_utf16(claim: &str, units: &[u16]) -> Result<String> {
    let mut out = String::with_capacity(units.len());
    for (position, decoded) in char::decode_utf16(units.iter().copied()).enumerate() {
        match decoded {
            Ok(c) => out.push(c),
            Err(lone) => {
                return Err(MunitySecretError::claim(
                    claim,
                    Reason::LoneSurrogate,
                    format!(
                        "{claim} must be valid Unicode; found a lone surrogate U+{:04X} at position {position}",
                        lone.unpaired_surrogate()
                    ),
                ))
            }
        }
    }
    Ok(out)
}

fn check_length(claim: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(MunitySecretError::claim(claim, Reason::Empty, format!("{claim} must not be empty")));
    }
    // Count no further than one past the limit: a huge string is refused without a full scan.
    let chars = value.chars().take(MAX_STRING_CHARS + 1).count();
    if chars > MAX_STRING_CHARS {
        let total = value.chars().count();
        return Err(MunitySecretError::claim(
            claim,
            Reason::TooLong,
            format!("{claim} must be at most {MAX_STRING_CHARS} characters; found {total}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ClaimErrorReason;

    fn reason(result: Result<impl Sized>) -> ClaimErrorReason {
        match result {
            Err(MunitySecretError::InvalidClaim { reason, .. }) => reason,
            Err(other) => panic!("unexpected error {other:?}"),
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn customer_id_rule() {
        check_customer_id("customer1234").unwrap();
        check_customer_id(&"a".repeat(255)).unwrap();
        assert_eq!(reason(check_customer_id("")), Reason::Empty);
        assert_eq!(reason(check_customer_id(&"a".repeat(256))), Reason::TooLong);
        for bad in ["customer_1234", "customer-1234", "a b", "é", "abc\n", "ａ"] {
            assert_eq!(reason(check_customer_id(bad)), Reason::InvalidCharacter, "{bad}");
        }
        let message = check_customer_id("customer-1234").unwrap_err().to_string();
        assert!(message.contains("found '-' at position 8"), "{message}");
    }

    #[test]
    fn uuid_rule() {
        let canonical = "11111111-2222-3333-aaaa-eeeeeeeeeeee";
        assert_eq!(normalize_uuid("workspace_id", canonical).unwrap(), canonical);
        assert_eq!(normalize_uuid("workspace_id", &canonical.to_uppercase()).unwrap(), canonical);
        for bad in [
            "{11111111-2222-3333-aaaa-eeeeeeeeeeee}",
            "urn:uuid:11111111-2222-3333-aaaa-eeeeeeeeeeee",
            "11111111222233334444eeeeeeeeeeee",
            "11111111-2222-3333-aaaa-eeeeeeeeeeeg",
            "11111111-2222-3333-aaaa-eeeeeeeeeee",
            "11111111-2222-3333-aaaa-eeeeeeeeeeee ",
            "111111112-222-3333-aaaa-eeeeeeeeeeee",
            "11111111-2222-3333-aaaa-eeeeeeeeeeé",
        ] {
            assert_eq!(reason(normalize_uuid("workspace_id", bad)), Reason::InvalidUuid, "{bad}");
        }
        assert_eq!(reason(normalize_uuid("workspace_id", "")), Reason::Empty);
    }

    #[test]
    fn name_rule() {
        check_name("name", "optional name").unwrap();
        check_name("name", "Zoë \"the\" \\ 😀").unwrap();
        check_name("name", &"😀".repeat(255)).unwrap();
        assert_eq!(reason(check_name("name", &"😀".repeat(256))), Reason::TooLong);
        assert_eq!(reason(check_name("name", "")), Reason::Empty);
        assert_eq!(reason(check_name("name", " \t\u{3000}")), Reason::InvalidCharacter);
        assert_eq!(reason(check_name("name", "   \u{3000}")), Reason::Blank);
        assert_eq!(reason(check_name("name", "a\nb")), Reason::InvalidCharacter);
        assert_eq!(reason(check_name("name", "a\u{7f}")), Reason::InvalidCharacter);
        assert_eq!(reason(check_name("name", "a\u{85}")), Reason::InvalidCharacter);
    }

    #[test]
    fn expires_in_and_now_rules() {
        check_expires_in(1).unwrap();
        check_expires_in(MAX_EXPIRES_IN).unwrap();
        assert_eq!(reason(check_expires_in(0)), Reason::OutOfRange);
        assert_eq!(reason(check_expires_in(-5)), Reason::OutOfRange);
        assert_eq!(reason(check_expires_in(MAX_EXPIRES_IN + 1)), Reason::OutOfRange);
        check_now(0).unwrap();
        check_now(crate::defaults::MAX_NUMERIC_DATE).unwrap();
        assert_eq!(reason(check_now(-1)), Reason::OutOfRange);
        assert_eq!(reason(check_now(crate::defaults::MAX_NUMERIC_DATE + 1)), Reason::OutOfRange);
    }

    #[test]
    fn utf16_lone_surrogates_are_refused() {
        let units: Vec<u16> = "a😀".encode_utf16().collect();
        assert_eq!(string_from_utf16("name", &units).unwrap(), "a😀");
        assert_eq!(reason(string_from_utf16("name", &[0x61, 0xd800])), Reason::LoneSurrogate);
        assert_eq!(reason(string_from_utf16("name", &[0xdc00, 0x61])), Reason::LoneSurrogate);
    }
}
