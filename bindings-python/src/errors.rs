//! The core's error as a Python exception of `munity_secrets._errors`: one class per kind, with the
//! fields every binding has (`code`, `kind`, `claim`, `reason`) and the kind's own details.

use crate::convert::datetime_from_timestamp;
use munity_secrets::{ErrorKind, MunitySecretError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

/// The Python class name of each error kind. Exhaustive over the core's `ErrorKind`, so a kind
/// added to the core fails to compile here until it has a class.
fn class_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidKey => "InvalidKeyError",
        ErrorKind::InvalidClaim => "InvalidClaimError",
        ErrorKind::MalformedSecret => "MalformedSecretError",
        ErrorKind::UnsupportedAlgorithm => "UnsupportedAlgorithmError",
        ErrorKind::BadSignature => "BadSignatureError",
        ErrorKind::UnknownKey => "UnknownKeyError",
        ErrorKind::Expired => "ExpiredSecretError",
        ErrorKind::NotYetValid => "NotYetValidError",
    }
}

fn error_class<'py>(py: Python<'py>, kind: ErrorKind) -> PyResult<Bound<'py, PyType>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module = MODULE.get_or_try_init(py, || py.import("munity_secrets._errors").map(Bound::unbind))?;
    module.bind(py).getattr(class_name(kind))?.cast_into::<PyType>().map_err(Into::into)
}

/// The exception for `err`: `str()` is the core's message; `code`, `kind`, `claim`, `reason` and
/// the kind's details are attributes.
fn build(py: Python<'_>, err: &MunitySecretError) -> PyResult<PyErr> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", err.code())?;
    kwargs.set_item("kind", err.kind().code())?;
    match err {
        MunitySecretError::InvalidKey { reason, .. } => kwargs.set_item("reason", reason.code())?,
        MunitySecretError::InvalidClaim { claim, reason, .. } => {
            kwargs.set_item("claim", claim)?;
            kwargs.set_item("reason", reason.code())?;
        }
        MunitySecretError::MalformedSecret { .. } | MunitySecretError::BadSignature { .. } => {}
        MunitySecretError::UnsupportedAlgorithm { algorithm } => kwargs.set_item("algorithm", algorithm)?,
        MunitySecretError::UnknownKey { kid, .. } => kwargs.set_item("key_id", kid)?,
        MunitySecretError::Expired { expires_at, now, leeway } => {
            kwargs.set_item("expires_at", datetime_from_timestamp(py, *expires_at)?)?;
            kwargs.set_item("now", datetime_from_timestamp(py, *now)?)?;
            kwargs.set_item("leeway", *leeway)?;
        }
        MunitySecretError::NotYetValid { not_before, now, leeway } => {
            kwargs.set_item("not_before", datetime_from_timestamp(py, *not_before)?)?;
            kwargs.set_item("now", datetime_from_timestamp(py, *now)?)?;
            kwargs.set_item("leeway", *leeway)?;
        }
    }
    let value = error_class(py, err.kind())?.call((err.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(value))
}

/// `?` for core results: the core's error becomes its Python exception (or, should
/// `munity_secrets._errors` fail to import, that import error: never a crash).
pub(crate) trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, MunitySecretError> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|err| build(py, &err).unwrap_or_else(|import_failure| import_failure))
    }
}
