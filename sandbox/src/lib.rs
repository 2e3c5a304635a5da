//! Placeholder: the sandbox service lands with its issue.
