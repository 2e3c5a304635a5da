//! `Verifier`, `VerifiedSecret` and the one-call `verify_secret`.

use crate::convert::{self, Arg, KEY_HINT};
use crate::errors::OrRaise;
use munity_secrets::defaults::{DEFAULT_LEEWAY, PUBLIC_KEY_ENV};
use munity_secrets::{cached_verifier, VerifiedSecret as CoreVerifiedSecret, Verifier as CoreVerifier, VerifyOptions};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyType};
use std::sync::Arc;

fn verify_options(
    py: Python<'_>,
    expect: Option<&Bound<'_, PyAny>>,
    leeway: Arg<'_>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<VerifyOptions> {
    let leeway = match leeway {
        Arg::Absent => DEFAULT_LEEWAY,
        Arg::Given(v) => convert::seconds(py, "leeway", &v)?,
    };
    // In the core's order: leeway, then now.
    let now = convert::optional_instant(py, "now", now)?;
    Ok(VerifyOptions { leeway, now, expect: convert::expect(expect)? })
}

/// Verifies secrets against one or several RSA public keys (several for key rotation).
/// Immutable and safe to share across threads; verifying releases the GIL.
#[pyclass(frozen, module = "munity_secrets")]
pub(crate) struct Verifier {
    inner: Arc<CoreVerifier>,
}

impl Verifier {
    pub(crate) fn from_core(verifier: CoreVerifier) -> Self {
        Self { inner: Arc::new(verifier) }
    }
}

#[pymethods]
impl Verifier {
    /// From one key text (PEM, JWK, JWK Set) or a sequence of them (every key, in order).
    #[new]
    #[pyo3(signature = (public_keys))]
    fn new(py: Python<'_>, public_keys: &Bound<'_, PyAny>) -> PyResult<Self> {
        // One text, or a sequence of them (a str is a sequence too: it is taken whole).
        let items: Vec<Bound<'_, PyAny>> = if public_keys.is_instance_of::<PyString>() {
            vec![public_keys.clone()]
        } else {
            public_keys.extract().map_err(|_| {
                convert::type_error("public_keys", "a str or a sequence of str (PEM or JWK text)", public_keys)
            })?
        };
        let texts = items
            .iter()
            .map(|item| convert::text(item, "each of public_keys", KEY_HINT))
            .collect::<PyResult<Vec<_>>>()?;
        let verifier = py
            .detach(|| CoreVerifier::from_texts(&texts.iter().map(String::as_str).collect::<Vec<_>>()))
            .or_raise(py)?;
        Ok(Self::from_core(verifier))
    }

    /// A verifier over a JWK Set (or one JWK), as JSON text or as the parsed mapping.
    #[classmethod]
    #[pyo3(signature = (jwks))]
    fn from_jwks(_cls: &Bound<'_, PyType>, py: Python<'_>, jwks: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = if jwks.is_instance_of::<PyString>() {
            convert::text(jwks, "jwks", "a str")?
        } else if jwks.is_instance(&py.import("collections.abc")?.getattr("Mapping")?)? {
            let dict = PyDict::new(py);
            dict.update(jwks.cast()?)?;
            convert::text(&py.import("json")?.call_method1("dumps", (dict,))?, "jwks", "a str")?
        } else {
            return Err(convert::type_error("jwks", "a str (JSON) or a mapping", jwks));
        };
        let verifier = py.detach(|| CoreVerifier::new(&text)).or_raise(py)?;
        Ok(Self::from_core(verifier))
    }

    /// Reads the public keys from the environment variable `name`.
    #[classmethod]
    #[pyo3(signature = (name = None), text_signature = "(name='MUNITY_PUBLIC_KEY')")]
    fn from_env(_cls: &Bound<'_, PyType>, py: Python<'_>, name: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let name = match name {
            Some(name) => convert::text(name, "name", "a str")?,
            None => PUBLIC_KEY_ENV.to_owned(),
        };
        let verifier = py.detach(|| CoreVerifier::from_env_var(&name)).or_raise(py)?;
        Ok(Self::from_core(verifier))
    }

    /// The fingerprints of the keys, in the order they are tried.
    #[getter]
    fn fingerprints(&self) -> Vec<&str> {
        self.inner.fingerprints()
    }

    /// The key ids (`kid`) of the keys, in the same order; None for a key without one.
    #[getter]
    fn key_ids(&self) -> Vec<Option<&str>> {
        self.inner.key_ids()
    }

    /// Verifies `secret` strictly and returns its claims.
    #[pyo3(signature = (secret, *, expect = None, leeway = Arg::Absent, now = None),
           text_signature = "($self, secret, *, expect=None, leeway=60, now=None)")]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        secret: &Bound<'py, PyAny>,
        expect: Option<&Bound<'py, PyAny>>,
        leeway: Arg<'py>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<VerifiedSecret> {
        let secret = convert::text(secret, "secret", "a str")?;
        let options = verify_options(py, expect, leeway, now)?;
        let verified = py.detach(|| self.inner.verify(&secret, &options)).or_raise(py)?;
        Ok(VerifiedSecret { inner: verified })
    }

    fn __repr__(&self) -> String {
        format!("Verifier(fingerprints={:?})", self.inner.fingerprints())
    }
}

/// Verifies `secret` against `public_keys`, parsed at most once (the core's bounded cache).
#[pyfunction]
#[pyo3(signature = (public_keys, secret, *, expect = None, leeway = Arg::Absent, now = None),
       text_signature = "(public_keys, secret, *, expect=None, leeway=60, now=None)")]
pub(crate) fn verify_secret<'py>(
    py: Python<'py>,
    public_keys: &Bound<'py, PyAny>,
    secret: &Bound<'py, PyAny>,
    expect: Option<&Bound<'py, PyAny>>,
    leeway: Arg<'py>,
    now: Option<&Bound<'py, PyAny>>,
) -> PyResult<VerifiedSecret> {
    let public_keys = convert::text(public_keys, "public_keys", KEY_HINT)?;
    let secret = convert::text(secret, "secret", "a str")?;
    let options = verify_options(py, expect, leeway, now)?;
    let verified = py.detach(|| cached_verifier(&public_keys)?.verify(&secret, &options)).or_raise(py)?;
    Ok(VerifiedSecret { inner: verified })
}

/// A secret that passed every check: its kind, its claims, and the key that verified it.
#[pyclass(frozen, module = "munity_secrets")]
pub(crate) struct VerifiedSecret {
    inner: CoreVerifiedSecret,
}

fn datetime<'py>(py: Python<'py>, seconds: Option<i64>) -> PyResult<Option<Bound<'py, PyAny>>> {
    seconds.map(|t| convert::datetime_from_timestamp(py, t)).transpose()
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
        datetime(py, self.inner.expires_at)
    }
    /// `iat` as an aware UTC datetime, or None.
    #[getter]
    fn issued_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        datetime(py, self.inner.issued_at)
    }
    /// `nbf` as an aware UTC datetime, or None.
    #[getter]
    fn not_before<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        datetime(py, self.inner.not_before)
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
