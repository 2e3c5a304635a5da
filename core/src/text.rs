//! Text for the wire and for messages, a leaf every other module may use: JSON strings escaped as
//! Python's `json.dumps` writes them, and untrusted input shortened and quoted for error messages.

/// The longest untrusted text quoted in a message, in characters.
const QUOTE_CHARS: usize = 40;
/// The longest untrusted text kept in an error field (a `kid`, a claim name, an `alg`), in characters.
const FIELD_CHARS: usize = 64;

/// Appends `text` as a JSON string literal, escaped like Python's `json.dumps(ensure_ascii=True)`:
/// `"` `\` and `\n \r \t \b \f` by name, everything else outside U+0020..U+007E as lowercase
/// `\uXXXX` (UTF-16 surrogate pairs beyond U+FFFF). `/` stays as it is.
pub(crate) fn write_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    push_u_escape(out, *unit);
                }
            }
        }
    }
    out.push('"');
}

fn push_u_escape(out: &mut String, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((unit >> shift) & 0xf)] as char);
    }
}

/// `text` cut to `max` characters, with `…` when something was cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

/// Quotes an untrusted string for a message: cut to 40 characters and JSON-escaped, so that neither
/// control characters nor a pasted secret end up in logs.
pub(crate) fn quote(text: &str) -> String {
    let cut = shorten(text, QUOTE_CHARS);
    let mut out = String::with_capacity(cut.len() + 2);
    write_json_string(&mut out, &cut);
    out
}

/// An untrusted name cut to 64 characters for an error field (not escaped: the field is data).
pub(crate) fn cut(text: &str) -> String {
    shorten(text, FIELD_CHARS)
}

/// A short, printable description of one character, for messages (`'-'`, `U+0007`).
pub(crate) fn describe_char(c: char) -> String {
    if (' '..='~').contains(&c) {
        format!("'{c}'")
    } else {
        format!("U+{:04X}", c as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        write_json_string(&mut out, text);
        out
    }

    #[test]
    fn escapes_like_python_json_dumps() {
        assert_eq!(escaped("plain / text"), r#""plain / text""#);
        assert_eq!(escaped("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(escaped("\n\r\t\u{8}\u{c}"), r#""\n\r\t\b\f""#);
        assert_eq!(escaped("\u{0}\u{1f}\u{7f}"), r#""\u0000\u001f\u007f""#);
        assert_eq!(escaped("é€\u{2028}"), r#""\u00e9\u20ac\u2028""#);
        assert_eq!(escaped("😀"), r#""\ud83d\ude00""#);
        assert_eq!(escaped("\u{fffd}\u{ffff}"), r#""\ufffd\uffff""#);
    }

    #[test]
    fn quote_and_cut_shorten_untrusted_text() {
        assert_eq!(quote("a\nb"), r#""a\nb""#);
        assert_eq!(quote(&"x".repeat(40)), format!("\"{}\"", "x".repeat(40)));
        assert_eq!(quote(&"x".repeat(41)), format!("\"{}\\u2026\"", "x".repeat(40)));
        assert_eq!(cut(&"é".repeat(64)), "é".repeat(64));
        assert_eq!(cut(&"é".repeat(65)), format!("{}…", "é".repeat(64)));
        assert_eq!(describe_char('-'), "'-'");
        assert_eq!(describe_char('\u{7}'), "U+0007");
    }
}
