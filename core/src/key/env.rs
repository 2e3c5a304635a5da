//! Key text from environment variables, as deployments keep it. The values never appear in messages.

use crate::claims::names;
use crate::error::{ClaimErrorReason, KeyErrorReason, MunitySecretError, Result};

/// The value of an environment variable holding a key: unset or empty is `InvalidKey` (`no_key`),
/// not UTF-8 is `InvalidKey` (`malformed`). The value itself never appears in a message.
pub(crate) fn read_key_env(name: &str) -> Result<String> {
    let missing = |what: &str| {
        MunitySecretError::key(
            KeyErrorReason::NoKey,
            format!("the environment variable {name} {what}; put the key's PEM text in it"),
        )
    };
    match std::env::var(name) {
        Ok(value) if value.trim().is_empty() => Err(missing("is empty")),
        Ok(value) => Ok(value),
        Err(std::env::VarError::NotPresent) => Err(missing("is not set")),
        Err(std::env::VarError::NotUnicode(_)) => Err(MunitySecretError::key(
            KeyErrorReason::Malformed,
            format!("the environment variable {name} is not valid UTF-8; put the key's PEM text in it"),
        )),
    }
}

/// The workspace id of an environment variable: `None` when unset or empty.
pub(crate) fn read_workspace_env(name: &str) -> Result<Option<String>> {
    match std::env::var(name) {
        Ok(value) if value.is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(MunitySecretError::claim(
            names::WORKSPACE_ID,
            ClaimErrorReason::InvalidUuid,
            format!("the environment variable {name} is not valid UTF-8; put the workspace's UUID in it"),
        )),
    }
}
