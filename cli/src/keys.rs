//! Where the command line finds keys and secrets: files, environment variables, standard input.

use munity_secrets::{Signer, Verifier, PUBLIC_KEY_ENV, WORKSPACE_ID_ENV};
use std::io::Read;
use std::path::{Path, PathBuf};

/// A failure outside the core: a file that cannot be read, standard input that fails.
#[derive(Debug)]
pub struct InputError(pub String);

/// What went wrong: the core's error, or the command line's own.
pub enum Failure {
    Core(munity_secrets::MunitySecretError),
    Input(InputError),
}

impl From<munity_secrets::MunitySecretError> for Failure {
    fn from(error: munity_secrets::MunitySecretError) -> Self {
        Self::Core(error)
    }
}

impl From<InputError> for Failure {
    fn from(error: InputError) -> Self {
        Self::Input(error)
    }
}

fn read(path: &Path, flag: &str) -> Result<String, InputError> {
    std::fs::read_to_string(path).map_err(|e| InputError(format!("cannot read {flag} {}: {e}", path.display())))
}

/// The signer of `--certificate FILE`, or of the environment (MUNITY_CERTIFICATE). Either way it is
/// bound to its workspace when MUNITY_WORKSPACE_ID is set and not empty.
pub fn signer(certificate: Option<&Path>) -> Result<Signer, Failure> {
    let Some(path) = certificate else {
        return Ok(Signer::from_env()?);
    };
    let text = read(path, "--certificate")?;
    match std::env::var(WORKSPACE_ID_ENV) {
        Ok(workspace_id) if !workspace_id.is_empty() => Ok(Signer::bound(&text, &workspace_id)?),
        _ => Ok(Signer::new(&text)?),
    }
}

/// The verifier of the `--public-key` files (each one key text), or of MUNITY_PUBLIC_KEY when none.
pub fn verifier(files: &[PathBuf]) -> Result<Verifier, Failure> {
    if files.is_empty() {
        return Ok(Verifier::from_env()?);
    }
    let texts = files.iter().map(|path| read(path, "--public-key")).collect::<Result<Vec<_>, _>>()?;
    Ok(Verifier::from_texts(&texts.iter().map(String::as_str).collect::<Vec<_>>())?)
}

/// The key text of one `--public-key` file, or of MUNITY_PUBLIC_KEY (for the sandbox, which takes text).
pub fn public_key_text(files: &[PathBuf]) -> Result<String, InputError> {
    match files {
        [] => std::env::var(PUBLIC_KEY_ENV).map_err(|_| {
            InputError(format!("no key: pass --public-key FILE or set the environment variable {PUBLIC_KEY_ENV}"))
        }),
        [path] => read(path, "--public-key"),
        _ => Err(InputError("the sandbox takes one --public-key file (a JWK Set holds several keys)".to_owned())),
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
