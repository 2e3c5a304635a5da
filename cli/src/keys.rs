//! Where the command line finds keys and secrets: files, environment variables, standard input.

use std::io::Read;
use std::path::Path;

/// The certificate environment variable.
pub const CERTIFICATE_ENV: &str = "MUNITY_CERTIFICATE";
/// The public key environment variable.
pub const PUBLIC_KEY_ENV: &str = "MUNITY_PUBLIC_KEY";

/// A failure outside the core: a file that cannot be read, a variable that is not set.
#[derive(Debug)]
pub struct InputError(pub String);

/// The key text of `file`, or else of the environment variable `env`.
pub fn key_text(file: Option<&Path>, env: &str, flag: &str) -> Result<String, InputError> {
    match file {
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| InputError(format!("cannot read {flag} {}: {e}", path.display())))
        }
        None => std::env::var(env)
            .map_err(|_| InputError(format!("no key: pass {flag} FILE or set the environment variable {env}"))),
    }
}

/// The secret argument, or standard input for `-` (its trailing line break dropped).
pub fn secret_text(argument: &str) -> Result<String, InputError> {
    if argument != "-" {
        return Ok(argument.to_owned());
    }
    let mut text = String::new();
    std::io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut text)
        .map_err(|e| InputError(format!("cannot read the secret from standard input: {e}")))?;
    let trimmed = text.strip_suffix('\n').unwrap_or(&text);
    Ok(trimmed.strip_suffix('\r').unwrap_or(trimmed).to_owned())
}
