//! PEM blocks of key text (after normalisation), and the refusal of text without one.

use crate::error::{KeyErrorReason as Reason, MunitySecretError, Result};

/// Who reads the key, for hints that name the key it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Needs the workspace's private key.
    Signer,
    /// Needs public keys.
    Verifier,
}

/// The one PEM block of `text`; none, several, or unparsable PEM are refused.
pub(crate) fn single_pem_block(text: &str, role: Role) -> Result<pem::Pem> {
    let blocks = pem_blocks(text)?;
    match blocks.len() {
        1 => Ok(blocks.into_iter().next().expect("one block")),
        0 => Err(no_pem(text, role)),
        count => {
            let labels: Vec<&str> = blocks.iter().map(pem::Pem::tag).collect();
            Err(MunitySecretError::key(
                Reason::MultipleKeys,
                format!(
                    "found {count} PEM blocks ({}); the signer needs exactly one private key, \
                     so none is picked: pass only the workspace's private key",
                    labels.join(", ")
                ),
            ))
        }
    }
}

/// Every PEM block of `text`, or a malformed-key error.
pub(crate) fn pem_blocks(text: &str) -> Result<Vec<pem::Pem>> {
    if text.is_empty() {
        return Err(MunitySecretError::key(
            Reason::NoKey,
            "the key text is empty (or only white space and quotes); pass the key's PEM text",
        ));
    }
    pem::parse_many(text)
        .map_err(|e| MunitySecretError::key(Reason::Malformed, format!("the PEM text does not parse ({e})")))
}

/// The refusal of text holding no PEM block; its hint names the key the caller needs.
pub(crate) fn no_pem(text: &str, role: Role) -> MunitySecretError {
    let hint = if text.starts_with("-----BEGIN") {
        "a PEM block starts but does not end with a matching -----END line"
    } else if text.starts_with("ssh-") {
        "this looks like an OpenSSH public key"
    } else {
        "no PEM block (-----BEGIN ...-----) was found"
    };
    let expected = match role {
        Role::Signer => "the workspace certificate as PEM (-----BEGIN PRIVATE KEY-----)",
        Role::Verifier => "a public key as PEM (-----BEGIN PUBLIC KEY-----), a JWK or a JWK Set",
    };
    MunitySecretError::key(Reason::Malformed, format!("{hint}; expected {expected}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_no_pem_hint_names_the_key_the_caller_needs() {
        let signer = no_pem("hello", Role::Signer).to_string();
        assert!(signer.contains("PRIVATE KEY") && !signer.contains("PUBLIC KEY"), "{signer}");
        let verifier = no_pem("hello", Role::Verifier).to_string();
        assert!(verifier.contains("PUBLIC KEY") && !verifier.contains("PRIVATE KEY"), "{verifier}");
        assert!(no_pem("ssh-rsa AAAA", Role::Verifier).to_string().contains("OpenSSH"));
    }
}
