//! Key text as it arrives from environment variables and secret stores, made into plain PEM
//! (spec section 4): surrounding white space and one pair of quotes dropped, literal `\n` (also
//! `\\n`) made line breaks, CRLF made LF, and a PEM that was itself base64-encoded unwrapped.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};

/// Normalises key text; returns plain PEM (or JSON, for JWKs) when the input holds one.
pub(crate) fn normalize_key_text(input: &str) -> String {
    let text = unescape(input);
    if text.contains("-----BEGIN") || text.starts_with('{') {
        return text;
    }
    match unwrap_base64_pem(&text) {
        Some(inner) => unescape(&inner),
        None => text,
    }
}

fn unescape(input: &str) -> String {
    let trimmed = strip_quotes(input.trim()).trim();
    trimmed
        .replace("\\\\r\\\\n", "\n")
        .replace("\\\\n", "\n")
        .replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

fn strip_quotes(text: &str) -> &str {
    for quote in ['"', '\''] {
        if text.len() >= 2 && text.starts_with(quote) && text.ends_with(quote) {
            return &text[1..text.len() - 1];
        }
    }
    text
}

/// The PEM inside base64 text (standard or URL alphabet, padded or not, white space ignored).
fn unwrap_base64_pem(text: &str) -> Option<String> {
    const LENIENT: GeneralPurposeConfig =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return None;
    }
    let alphabet = if compact.contains(['-', '_']) { &alphabet::URL_SAFE } else { &alphabet::STANDARD };
    let bytes = GeneralPurpose::new(alphabet, LENIENT).decode(compact).ok()?;
    let inner = String::from_utf8(bytes).ok()?;
    inner.contains("-----BEGIN").then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;

    const PEM: &str = "-----BEGIN PRIVATE KEY-----\nAAAA\nBBBB\n-----END PRIVATE KEY-----";

    #[test]
    fn plain_pem_is_kept() {
        assert_eq!(normalize_key_text(PEM), PEM);
        assert_eq!(normalize_key_text(&format!("\n  {PEM}\n\n")), PEM);
    }

    #[test]
    fn env_var_forms_become_pem() {
        let escaped = PEM.replace('\n', "\\n");
        assert_eq!(normalize_key_text(&escaped), PEM);
        assert_eq!(normalize_key_text(&format!("\"{escaped}\"")), PEM);
        assert_eq!(normalize_key_text(&format!("'{escaped}'")), PEM);
        assert_eq!(normalize_key_text(&PEM.replace('\n', "\\\\n")), PEM);
        assert_eq!(normalize_key_text(&PEM.replace('\n', "\r\n")), PEM);
        assert_eq!(normalize_key_text(&PEM.replace('\n', "\\r\\n")), PEM);
        assert_eq!(normalize_key_text(&format!(" \"{PEM}\"\n")), PEM);
    }

    #[test]
    fn base64_wrapped_pem_is_unwrapped() {
        let wrapped = STANDARD.encode(format!("{PEM}\n"));
        assert_eq!(normalize_key_text(&wrapped), PEM);
        assert_eq!(normalize_key_text(&format!("\"{wrapped}\"")), PEM);
        let folded: String =
            wrapped.as_bytes().chunks(20).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join("\n");
        assert_eq!(normalize_key_text(&folded), PEM);
        assert_eq!(normalize_key_text(&STANDARD.encode(PEM.replace('\n', "\r\n"))), PEM);
    }

    #[test]
    fn other_text_is_left_for_the_parser_to_refuse() {
        assert_eq!(normalize_key_text("  not a key "), "not a key");
        assert_eq!(normalize_key_text(&STANDARD.encode("hello")), STANDARD.encode("hello"));
        assert_eq!(normalize_key_text(""), "");
        assert_eq!(normalize_key_text("\""), "\"");
    }
}
