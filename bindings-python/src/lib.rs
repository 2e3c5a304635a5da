//! `munity_secrets._native`: the Python face of the munity-secrets core.
//!
//! Thin on purpose: this file converts Python values to the core's types and back, maps the core's
//! error to the Python exception classes of `munity_secrets._errors`, and releases the GIL while the
//! core signs and verifies. Every rule (claims, keys, normalisation, caching) lives in the core.

use munity_secrets::claims::string_from_utf16;
use munity_secrets::{
    cached_signer, cached_verifier, generate_key_pair as core_generate_key_pair, ConnectRequest, ErrorKind,
    MintOptions, MunitySecretError, RenewRequest, SecretKind, Signer as CoreSigner,
    VerifiedSecret as CoreVerifiedSecret, Verifier as CoreVerifier, VerifyOptions, DEFAULT_LEEWAY,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyString, PyTuple, PyType};
use std::borrow::Cow;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// The Python class of `munity_secrets._errors` named `name`, imported once.
fn error_class<'py>(py: Python<'py>, name: &'static str) -> PyResult<Bound<'py, PyType>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module = MODULE.get_or_try_init(py, || py.import("munity_secrets._errors").map(Bound::unbind))?;
    module.bind(py).getattr(name)?.cast_into::<PyType>().map_err(Into::into)
}

/// The Python class name of each error kind. Exhaustive over the core's `ErrorKind` (which is not
/// `#[non_exhaustive]`), so a kind added to the core fails to compile here until it is mapped.
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

/// Builds the Python exception for a core error: the class of its kind, `str()` the core's
/// message, `.code` the core's code, and the kind's details as attributes.
fn to_py_err(py: Python<'_>, err: &MunitySecretError) -> PyErr {
    match build_py_err(py, err) {
        Ok(exception) => exception,
        // Only if munity_secrets._errors cannot be imported: still an error, never a crash.
        Err(import_failure) => import_failure,
    }
}

fn build_py_err(py: Python<'_>, err: &MunitySecretError) -> PyResult<PyErr> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", err.code())?;
    // Exhaustive, polars style: a kind added to the core fails this build until it has a class.
    let class = match err {
        MunitySecretError::InvalidKey { reason, .. } => {
            kwargs.set_item("reason", reason.code())?;
            class_name(ErrorKind::InvalidKey)
        }
        MunitySecretError::InvalidClaim { claim, reason, .. } => {
            kwargs.set_item("claim", claim)?;
            kwargs.set_item("reason", reason.code())?;
            class_name(ErrorKind::InvalidClaim)
        }
        MunitySecretError::MalformedSecret { .. } => class_name(ErrorKind::MalformedSecret),
        MunitySecretError::UnsupportedAlgorithm { algorithm } => {
            kwargs.set_item("algorithm", algorithm)?;
            class_name(ErrorKind::UnsupportedAlgorithm)
        }
        MunitySecretError::BadSignature { .. } => class_name(ErrorKind::BadSignature),
        MunitySecretError::UnknownKey { kid, .. } => {
            kwargs.set_item("key_id", kid)?;
            class_name(ErrorKind::UnknownKey)
        }
        MunitySecretError::Expired { expires_at, now, leeway } => {
            kwargs.set_item("expires_at", timestamp_to_datetime(py, *expires_at)?)?;
            kwargs.set_item("now", timestamp_to_datetime(py, *now)?)?;
            kwargs.set_item("leeway", *leeway)?;
            class_name(ErrorKind::Expired)
        }
        MunitySecretError::NotYetValid { not_before, now, leeway } => {
            kwargs.set_item("not_before", timestamp_to_datetime(py, *not_before)?)?;
            kwargs.set_item("now", timestamp_to_datetime(py, *now)?)?;
            kwargs.set_item("leeway", *leeway)?;
            class_name(ErrorKind::NotYetValid)
        }
    };
    let value = error_class(py, class)?.call((err.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(value))
}

trait IntoPy<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, MunitySecretError> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, &e))
    }
}

// ---------------------------------------------------------------------------------------------
// Argument conversion
// ---------------------------------------------------------------------------------------------

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".to_owned())
}

/// A claim from a Python `str`. A lone surrogate (which Python strings may hold) goes through the
/// core's `string_from_utf16`, which refuses it as an invalid claim named `claim`.
fn claim_str(py: Python<'_>, value: &Bound<'_, PyAny>, argument: &str, claim: &str) -> PyResult<String> {
    let Ok(text) = value.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!("{argument} must be a str, not {}", type_name(value))));
    };
    match text.to_cow() {
        Ok(s) => Ok(s.into_owned()),
        Err(_) => {
            let encoded = text.call_method1("encode", ("utf-16-le", "surrogatepass"))?;
            let bytes: Vec<u8> = encoded.extract()?;
            let units: Vec<u16> = bytes.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
            string_from_utf16(claim, &units).or_raise(py)
        }
    }
}

fn optional_claim_str(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    argument: &str,
    claim: &str,
) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => claim_str(py, v, argument, claim).map(Some),
    }
}

/// Key text or a secret: a `str`; one that cannot be UTF-8 (a lone surrogate) is passed on with the
/// surrogate replaced, so that the core refuses it as what it is (a malformed key or secret).
fn text_arg<'a>(value: &'a Bound<'_, PyAny>, argument: &str, hint: &str) -> PyResult<Cow<'a, str>> {
    let Ok(text) = value.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!("{argument} must be a str, not {}{hint}", type_name(value))));
    };
    Ok(match text.to_cow() {
        Ok(s) => Cow::Owned(s.into_owned()),
        Err(_) => Cow::Owned(text.to_string_lossy().into_owned()),
    })
}

/// The name of an environment variable: a `str`, `default` when not given.
fn env_name(name: Option<&Bound<'_, PyAny>>, default: &str) -> PyResult<String> {
    match name {
        None => Ok(default.to_owned()),
        Some(name) => Ok(text_arg(name, "name", "")?.into_owned()),
    }
}

const KEY_HINT: &str = " (pass the PEM or JWK text; decode bytes first, e.g. data.decode())";

/// An `int` (not `bool`) as i64, saturating: out-of-range values are left to the core's range checks.
fn int_seconds(value: &Bound<'_, PyAny>) -> PyResult<Option<i64>> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Ok(None);
    }
    match value.extract::<i64>() {
        Ok(v) => Ok(Some(v)),
        Err(_) => {
            let negative = value.lt(0)?;
            Ok(Some(if negative { i64::MIN } else { i64::MAX }))
        }
    }
}

fn datetime_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    Ok(MODULE.get_or_try_init(py, || py.import("datetime").map(Bound::unbind))?.bind(py))
}

fn is_instance_of_named(py: Python<'_>, value: &Bound<'_, PyAny>, class: &str) -> PyResult<bool> {
    value.is_instance(&datetime_module(py)?.getattr(class)?)
}

/// `now=`: an int (seconds since the epoch) or an aware `datetime` (fractions of a second dropped,
/// as `int(time.time())` would); a naive datetime is a `TypeError`.
fn now_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    if let Some(seconds) = int_seconds(value)? {
        return Ok(Some(seconds));
    }
    if is_instance_of_named(py, value, "datetime")? {
        if value.call_method0("utcoffset")?.is_none() {
            return Err(PyTypeError::new_err(
                "now must be an int or an aware datetime; this datetime is naive (give it a tzinfo, \
                 e.g. datetime.now(timezone.utc))",
            ));
        }
        let timestamp: f64 = value.call_method0("timestamp")?.extract()?;
        // Saturating float-to-int conversion; range checks stay with the core.
        return Ok(Some(timestamp.floor() as i64));
    }
    Err(PyTypeError::new_err(format!("now must be an int or an aware datetime, not {}", type_name(value))))
}

/// A duration in whole seconds: an int or a `timedelta` without fractions of a second.
fn duration_arg(py: Python<'_>, value: &Bound<'_, PyAny>, argument: &str) -> PyResult<i64> {
    if let Some(seconds) = int_seconds(value)? {
        return Ok(seconds);
    }
    if is_instance_of_named(py, value, "timedelta")? {
        let days: i64 = value.getattr("days")?.extract()?;
        let seconds: i64 = value.getattr("seconds")?.extract()?;
        let microseconds: i64 = value.getattr("microseconds")?.extract()?;
        if microseconds != 0 {
            return Err(PyValueError::new_err(format!(
                "{argument} must be whole seconds; this timedelta has {microseconds} microseconds"
            )));
        }
        return Ok(days.saturating_mul(86_400).saturating_add(seconds));
    }
    Err(PyTypeError::new_err(format!("{argument} must be an int (seconds) or a timedelta, not {}", type_name(value))))
}

fn expires_in_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    match value.filter(|v| !v.is_none()) {
        None => Ok(None),
        Some(v) => duration_arg(py, v, "expires_in").map(Some),
    }
}

fn leeway_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    let Some(value) = value else { return Ok(DEFAULT_LEEWAY) };
    if value.is_none() {
        return Err(PyTypeError::new_err("leeway must be an int (seconds) or a timedelta, not None"));
    }
    let seconds = duration_arg(py, value, "leeway")?;
    u64::try_from(seconds).map_err(|_| PyValueError::new_err(format!("leeway must not be negative; found {seconds}")))
}

fn expect_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<SecretKind>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    let Ok(text) = value.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "expect must be \"connect\", \"renew\" or None, not {}",
            type_name(value)
        )));
    };
    let text = text.to_string_lossy();
    text.parse::<SecretKind>().map(Some).map_err(PyValueError::new_err)
}

fn timestamp_to_datetime(py: Python<'_>, seconds: i64) -> PyResult<Bound<'_, PyAny>> {
    static CONVERT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let convert = CONVERT.get_or_try_init(py, || {
        py.import("munity_secrets._errors")?.getattr("_datetime_from_timestamp").map(Bound::unbind)
    })?;
    convert.bind(py).call1((seconds,))
}

/// The claims and options of one mint call, owned so that signing can run without the GIL.
struct MintArgs {
    customer_id: String,
    workspace_id: String,
    name: Option<String>,
    integration_id: Option<String>,
    options: MintOptions,
}

impl MintArgs {
    #[allow(clippy::too_many_arguments)]
    fn read(
        py: Python<'_>,
        customer_id: &Bound<'_, PyAny>,
        workspace_id: &Bound<'_, PyAny>,
        integration_id: Option<&Bound<'_, PyAny>>,
        name: Option<&Bound<'_, PyAny>>,
        expires_in: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
        key_id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(Self {
            customer_id: claim_str(py, customer_id, "customer_id", "customer_id")?,
            workspace_id: claim_str(py, workspace_id, "workspace_id", "workspace_id")?,
            integration_id: match integration_id {
                Some(id) => Some(claim_str(py, id, "integration_id", "integration_id")?),
                None => None,
            },
            name: optional_claim_str(py, name, "name", "name")?,
            options: MintOptions {
                expires_in: expires_in_arg(py, expires_in)?,
                now: now_arg(py, now)?,
                key_id: optional_claim_str(py, key_id, "key_id", "kid")?,
            },
        })
    }

    fn mint(&self, signer: &CoreSigner) -> Result<String, MunitySecretError> {
        match &self.integration_id {
            None => signer.connect_secret(
                &ConnectRequest {
                    customer_id: &self.customer_id,
                    workspace_id: &self.workspace_id,
                    name: self.name.as_deref(),
                },
                &self.options,
            ),
            Some(integration_id) => signer.renew_secret(
                &RenewRequest {
                    customer_id: &self.customer_id,
                    workspace_id: &self.workspace_id,
                    integration_id,
                    name: self.name.as_deref(),
                },
                &self.options,
            ),
        }
    }
}

fn verify_options(
    py: Python<'_>,
    expect: Option<&Bound<'_, PyAny>>,
    leeway: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<VerifyOptions> {
    Ok(VerifyOptions { expect: expect_arg(expect)?, leeway: leeway_arg(py, leeway)?, now: now_arg(py, now)? })
}

// ---------------------------------------------------------------------------------------------
// Classes
// ---------------------------------------------------------------------------------------------

/// Mints connect and renew secrets with one workspace certificate.
///
/// Parse the certificate once and share the signer: it is immutable and safe to use from many
/// threads at once, and signing releases the GIL.
#[pyclass(frozen, module = "munity_secrets")]
struct Signer {
    inner: Arc<CoreSigner>,
}

#[pymethods]
impl Signer {
    #[new]
    #[pyo3(signature = (certificate))]
    fn new(py: Python<'_>, certificate: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(certificate, "certificate", KEY_HINT)?.into_owned();
        let signer = py.detach(|| CoreSigner::new(&text)).or_raise(py)?;
        Ok(Self { inner: Arc::new(signer) })
    }

    /// Reads the certificate from the environment variable `name`.
    #[classmethod]
    #[pyo3(signature = (name = None), text_signature = "(name='MUNITY_CERTIFICATE')")]
    fn from_env(_cls: &Bound<'_, PyType>, py: Python<'_>, name: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let name = env_name(name, "MUNITY_CERTIFICATE")?;
        let signer = py.detach(|| CoreSigner::from_env(&name)).or_raise(py)?;
        Ok(Self { inner: Arc::new(signer) })
    }

    /// The RFC 7638 JWK thumbprint of the key (SHA-256, base64url).
    #[getter]
    fn fingerprint(&self) -> &str {
        self.inner.fingerprint()
    }

    /// A `Verifier` holding this signer's public key.
    fn verifier(&self) -> Verifier {
        Verifier { inner: Arc::new(self.inner.verifier()) }
    }

    /// Mints a connect secret.
    #[pyo3(signature = (*, customer_id, workspace_id, name = None, expires_in = None, now = None, key_id = None))]
    #[allow(clippy::too_many_arguments)]
    fn connect_secret(
        &self,
        py: Python<'_>,
        customer_id: &Bound<'_, PyAny>,
        workspace_id: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        expires_in: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
        key_id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let args = MintArgs::read(py, customer_id, workspace_id, None, name, expires_in, now, key_id)?;
        py.detach(|| args.mint(&self.inner)).or_raise(py)
    }

    /// Mints a renew secret: a connect secret's claims plus `integration_id`.
    #[pyo3(signature = (*, customer_id, workspace_id, integration_id, name = None, expires_in = None, now = None, key_id = None))]
    #[allow(clippy::too_many_arguments)]
    fn renew_secret(
        &self,
        py: Python<'_>,
        customer_id: &Bound<'_, PyAny>,
        workspace_id: &Bound<'_, PyAny>,
        integration_id: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        expires_in: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
        key_id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let args = MintArgs::read(py, customer_id, workspace_id, Some(integration_id), name, expires_in, now, key_id)?;
        py.detach(|| args.mint(&self.inner)).or_raise(py)
    }

    fn __repr__(&self) -> String {
        format!("Signer(fingerprint='{}')", self.inner.fingerprint())
    }
}

/// Verifies secrets against one or several RSA public keys (several for key rotation).
#[pyclass(frozen, module = "munity_secrets")]
struct Verifier {
    inner: Arc<CoreVerifier>,
}

fn verifier_from(py: Python<'_>, public_keys: &Bound<'_, PyAny>) -> PyResult<CoreVerifier> {
    if public_keys.is_instance_of::<PyString>() {
        let text = text_arg(public_keys, "public_keys", KEY_HINT)?.into_owned();
        return py.detach(|| CoreVerifier::new(&text)).or_raise(py);
    }
    // A list or tuple of key texts: every key of every text, in order.
    let items: Vec<Bound<'_, PyAny>> = if let Ok(list) = public_keys.cast::<pyo3::types::PyList>() {
        list.iter().collect()
    } else if let Ok(tuple) = public_keys.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        return Err(PyTypeError::new_err(format!(
            "public_keys must be a str or a list of str, not {}{KEY_HINT}",
            type_name(public_keys)
        )));
    };
    let texts = items
        .iter()
        .map(|item| text_arg(item, "each of public_keys", KEY_HINT).map(Cow::into_owned))
        .collect::<PyResult<Vec<String>>>()?;
    py.detach(|| {
        let mut keys = Vec::new();
        for text in &texts {
            keys.extend(CoreVerifier::new(text)?.keys().iter().cloned());
        }
        CoreVerifier::from_keys(keys)
    })
    .or_raise(py)
}

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(signature = (public_keys))]
    fn new(py: Python<'_>, public_keys: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self { inner: Arc::new(verifier_from(py, public_keys)?) })
    }

    /// A verifier over a JWK Set (or one JWK), as JSON text or as the parsed dict.
    #[classmethod]
    #[pyo3(signature = (jwks))]
    fn from_jwks(_cls: &Bound<'_, PyType>, py: Python<'_>, jwks: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = if jwks.is_instance_of::<PyDict>() {
            py.import("json")?.call_method1("dumps", (jwks,))?
        } else if jwks.is_instance_of::<PyString>() {
            jwks.clone()
        } else {
            return Err(PyTypeError::new_err(format!("jwks must be a str (JSON) or a dict, not {}", type_name(jwks))));
        };
        let text = text_arg(&text, "jwks", "")?.into_owned();
        let verifier = py.detach(|| CoreVerifier::new(&text)).or_raise(py)?;
        Ok(Self { inner: Arc::new(verifier) })
    }

    /// Reads the public keys from the environment variable `name`.
    #[classmethod]
    #[pyo3(signature = (name = None), text_signature = "(name='MUNITY_PUBLIC_KEY')")]
    fn from_env(_cls: &Bound<'_, PyType>, py: Python<'_>, name: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let name = env_name(name, "MUNITY_PUBLIC_KEY")?;
        let verifier = py.detach(|| CoreVerifier::from_env(&name)).or_raise(py)?;
        Ok(Self { inner: Arc::new(verifier) })
    }

    /// The fingerprints of the keys, in the order they are tried.
    #[getter]
    fn fingerprints(&self) -> Vec<String> {
        self.inner.keys().iter().map(|k| k.fingerprint().to_owned()).collect()
    }

    /// Verifies `secret` strictly and returns its claims.
    #[pyo3(signature = (secret, *, expect = None, leeway = None, now = None),
           text_signature = "($self, secret, *, expect=None, leeway=60, now=None)")]
    fn verify(
        &self,
        py: Python<'_>,
        secret: &Bound<'_, PyAny>,
        expect: Option<&Bound<'_, PyAny>>,
        leeway: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<VerifiedSecret> {
        let secret = text_arg(secret, "secret", "")?;
        let options = verify_options(py, expect, leeway, now)?;
        let verified = py.detach(|| self.inner.verify(&secret, &options)).or_raise(py)?;
        Ok(VerifiedSecret { inner: verified })
    }

    fn __repr__(&self) -> String {
        format!("Verifier(fingerprints={:?})", self.fingerprints())
    }
}

/// A secret that passed every check: its kind, its claims, and the key that verified it.
#[pyclass(frozen, module = "munity_secrets")]
struct VerifiedSecret {
    inner: CoreVerifiedSecret,
}

#[pymethods]
impl VerifiedSecret {
    /// "connect", or "renew" when the secret has an integration_id.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }
    /// The customer.
    #[getter]
    fn customer_id(&self) -> &str {
        &self.inner.customer_id
    }
    /// The workspace (lowercase UUID).
    #[getter]
    fn workspace_id(&self) -> &str {
        &self.inner.workspace_id
    }
    /// The display name, or None.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }
    /// The integration a renew secret restores (lowercase UUID), or None.
    #[getter]
    fn integration_id(&self) -> Option<&str> {
        self.inner.integration_id.as_deref()
    }
    /// `exp` as an aware UTC datetime, or None.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.expires_at.map(|t| timestamp_to_datetime(py, t)).transpose()
    }
    /// `iat` as an aware UTC datetime, or None.
    #[getter]
    fn issued_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.issued_at.map(|t| timestamp_to_datetime(py, t)).transpose()
    }
    /// `nbf` as an aware UTC datetime, or None.
    #[getter]
    fn not_before<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.not_before.map(|t| timestamp_to_datetime(py, t)).transpose()
    }
    /// The header's `kid`, or None.
    #[getter]
    fn key_id(&self) -> Option<&str> {
        self.inner.key_id.as_deref()
    }
    /// The RFC 7638 thumbprint of the key that verified the signature.
    #[getter]
    fn fingerprint(&self) -> &str {
        &self.inner.fingerprint
    }

    /// Every field as a dict, times as int seconds (NumericDate): ready for JSON.
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let v = &self.inner;
        d.set_item("kind", v.kind.as_str())?;
        d.set_item("customer_id", &v.customer_id)?;
        d.set_item("workspace_id", &v.workspace_id)?;
        d.set_item("name", &v.name)?;
        d.set_item("integration_id", &v.integration_id)?;
        d.set_item("expires_at", v.expires_at)?;
        d.set_item("issued_at", v.issued_at)?;
        d.set_item("not_before", v.not_before)?;
        d.set_item("key_id", &v.key_id)?;
        d.set_item("fingerprint", &v.fingerprint)?;
        Ok(d)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<VerifiedSecret>().map(|o| o.get().inner == self.inner).unwrap_or(false)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let v = &self.inner;
        (v.kind.as_str(), &v.customer_id, &v.workspace_id, &v.name, &v.integration_id).hash(&mut h);
        (v.expires_at, v.issued_at, v.not_before, &v.key_id, &v.fingerprint).hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        fn text(value: &Option<String>) -> String {
            value.as_ref().map_or_else(|| "None".to_owned(), |s| format!("{s:?}"))
        }
        let v = &self.inner;
        format!(
            "VerifiedSecret(kind={:?}, customer_id={:?}, workspace_id={:?}, name={}, integration_id={}, \
             expires_at={}, key_id={}, fingerprint={:?})",
            v.kind.as_str(),
            v.customer_id,
            v.workspace_id,
            text(&v.name),
            text(&v.integration_id),
            v.expires_at.map_or_else(|| "None".to_owned(), |t| t.to_string()),
            text(&v.key_id),
            v.fingerprint
        )
    }
}

// ---------------------------------------------------------------------------------------------
// One-call functions
// ---------------------------------------------------------------------------------------------

/// Mints a connect secret with `certificate`, parsed at most once (the core's bounded cache).
#[pyfunction]
#[pyo3(signature = (certificate, *, customer_id, workspace_id, name = None, expires_in = None, now = None, key_id = None))]
#[allow(clippy::too_many_arguments)]
fn connect_secret(
    py: Python<'_>,
    certificate: &Bound<'_, PyAny>,
    customer_id: &Bound<'_, PyAny>,
    workspace_id: &Bound<'_, PyAny>,
    name: Option<&Bound<'_, PyAny>>,
    expires_in: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    key_id: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let certificate = text_arg(certificate, "certificate", KEY_HINT)?;
    let args = MintArgs::read(py, customer_id, workspace_id, None, name, expires_in, now, key_id)?;
    py.detach(|| args.mint(&*cached_signer(&certificate)?)).or_raise(py)
}

/// Mints a renew secret with `certificate`, parsed at most once (the core's bounded cache).
#[pyfunction]
#[pyo3(signature = (certificate, *, customer_id, workspace_id, integration_id, name = None, expires_in = None, now = None, key_id = None))]
#[allow(clippy::too_many_arguments)]
fn renew_secret(
    py: Python<'_>,
    certificate: &Bound<'_, PyAny>,
    customer_id: &Bound<'_, PyAny>,
    workspace_id: &Bound<'_, PyAny>,
    integration_id: &Bound<'_, PyAny>,
    name: Option<&Bound<'_, PyAny>>,
    expires_in: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    key_id: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let certificate = text_arg(certificate, "certificate", KEY_HINT)?;
    let args = MintArgs::read(py, customer_id, workspace_id, Some(integration_id), name, expires_in, now, key_id)?;
    py.detach(|| args.mint(&*cached_signer(&certificate)?)).or_raise(py)
}

/// Verifies `secret` against `public_keys`, parsed at most once (the core's bounded cache).
#[pyfunction]
#[pyo3(signature = (public_keys, secret, *, expect = None, leeway = None, now = None),
       text_signature = "(public_keys, secret, *, expect=None, leeway=60, now=None)")]
fn verify_secret(
    py: Python<'_>,
    public_keys: &Bound<'_, PyAny>,
    secret: &Bound<'_, PyAny>,
    expect: Option<&Bound<'_, PyAny>>,
    leeway: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<VerifiedSecret> {
    let public_keys = text_arg(public_keys, "public_keys", KEY_HINT)?;
    let secret = text_arg(secret, "secret", "")?;
    let options = verify_options(py, expect, leeway, now)?;
    let verified = py.detach(|| cached_verifier(&public_keys)?.verify(&secret, &options)).or_raise(py)?;
    Ok(VerifiedSecret { inner: verified })
}

/// A fresh RSA key pair `(private_key_pem, public_key_pem)` for tests and local development.
#[pyfunction]
#[pyo3(signature = (bits = None), text_signature = "(bits=2048)")]
fn generate_key_pair(py: Python<'_>, bits: Option<&Bound<'_, PyAny>>) -> PyResult<(String, String)> {
    let default_bits = 2048_u32.into_pyobject(py)?.into_any();
    let bits = bits.unwrap_or(&default_bits);
    if bits.is_instance_of::<PyBool>() || !bits.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!("bits must be an int, not {}", type_name(bits))));
    }
    let bits: u32 = bits.extract().unwrap_or(0);
    let pair = py.detach(|| core_generate_key_pair(bits)).or_raise(py)?;
    Ok((pair.private_key_pem.clone(), pair.public_key_pem.clone()))
}

#[pymodule]
#[pyo3(name = "_native")]
fn munity_secrets_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_LEEWAY", DEFAULT_LEEWAY)?;
    m.add_class::<Signer>()?;
    m.add_class::<Verifier>()?;
    m.add_class::<VerifiedSecret>()?;
    m.add_function(wrap_pyfunction!(connect_secret, m)?)?;
    m.add_function(wrap_pyfunction!(renew_secret, m)?)?;
    m.add_function(wrap_pyfunction!(verify_secret, m)?)?;
    m.add_function(wrap_pyfunction!(generate_key_pair, m)?)?;
    Ok(())
}
