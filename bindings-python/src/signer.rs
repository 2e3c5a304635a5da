//! `Signer`, `MintedSecret` and the one-call `connect_secret` / `renew_secret`: every call becomes
//! one core `MintRequest` with `MintOptions`, minted by `Signer::mint` without the GIL.

use crate::convert::{self, Arg, KEY_HINT};
use crate::errors::OrRaise;
use crate::verifier::Verifier;
use munity_secrets::options::Expiry;
use munity_secrets::{cached_signer, MintOptions, MintRequest, MintedSecret as CoreMintedSecret, Signer as CoreSigner};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use std::sync::Arc;

/// The claims and options of one mint call, owned so that signing runs without the GIL.
struct Mint {
    customer_id: String,
    workspace_id: Option<String>,
    name: Option<String>,
    integration_id: Option<String>,
    options: MintOptions,
}

impl Mint {
    #[allow(clippy::too_many_arguments)]
    fn read<'py>(
        py: Python<'py>,
        customer_id: &Bound<'py, PyAny>,
        workspace_id: Option<&Bound<'py, PyAny>>,
        name: Option<&Bound<'py, PyAny>>,
        integration_id: Option<&Bound<'py, PyAny>>,
        expires_in: Arg<'py>,
        expires_at: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
        key_id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        // Converted in the order the core checks them: claims, key id, now, expiry.
        let customer_id = convert::claim(py, customer_id, "customer_id", "customer_id")?;
        let workspace_id = convert::optional_claim(py, workspace_id, "workspace_id", "workspace_id")?;
        let name = convert::optional_claim(py, name, "name", "name")?;
        let integration_id = convert::optional_claim(py, integration_id, "integration_id", "integration_id")?;
        let key_id = convert::optional_claim(py, key_id, "key_id", "kid")?;
        let now = convert::optional_instant(py, "now", now)?;
        let expiry = match (expires_in, expires_at) {
            (Arg::Absent, None) => Expiry::default(),
            (Arg::Absent, Some(at)) => Expiry::At(convert::instant(py, "expires_at", at)?),
            (Arg::Given(v), None) if v.is_none() => Expiry::Never,
            (Arg::Given(v), None) => Expiry::In(convert::seconds(py, "expires_in", &v)?),
            (Arg::Given(_), Some(_)) => return Err(PyTypeError::new_err("pass expires_in or expires_at, not both")),
        };
        Ok(Self { customer_id, workspace_id, name, integration_id, options: MintOptions { expiry, now, key_id } })
    }

    fn run(
        self,
        py: Python<'_>,
        signer: impl FnOnce() -> munity_secrets::Result<Arc<CoreSigner>> + Send,
    ) -> PyResult<CoreMintedSecret> {
        py.detach(|| {
            let request = MintRequest {
                customer_id: &self.customer_id,
                workspace_id: self.workspace_id.as_deref(),
                name: self.name.as_deref(),
                integration_id: self.integration_id.as_deref(),
            };
            signer()?.mint(&request, &self.options)
        })
        .or_raise(py)
    }
}

/// Mints connect and renew secrets with one workspace certificate, optionally bound to its
/// workspace. Immutable and safe to share across threads; signing releases the GIL.
#[pyclass(frozen, module = "munity_secrets")]
pub(crate) struct Signer {
    inner: Arc<CoreSigner>,
}

impl Signer {
    fn mint_with<'py>(&self, py: Python<'py>, mint: Mint) -> PyResult<CoreMintedSecret> {
        let inner = Arc::clone(&self.inner);
        mint.run(py, move || Ok(inner))
    }
}

#[pymethods]
impl Signer {
    #[new]
    #[pyo3(signature = (certificate, *, workspace_id = None))]
    fn new(py: Python<'_>, certificate: &Bound<'_, PyAny>, workspace_id: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let text = convert::text(certificate, "certificate", KEY_HINT)?;
        let workspace_id = convert::optional_claim(py, workspace_id, "workspace_id", "workspace_id")?;
        let signer = py
            .detach(|| match &workspace_id {
                None => CoreSigner::new(&text),
                Some(workspace_id) => CoreSigner::bound(&text, workspace_id),
            })
            .or_raise(py)?;
        Ok(Self { inner: Arc::new(signer) })
    }

    /// The signer of the environment: the certificate from `name`, bound to the workspace in
    /// `workspace_id_name` when that variable is set and not empty (None: never bound).
    #[classmethod]
    #[pyo3(signature = (name = None, *, workspace_id_name = Arg::Absent),
           text_signature = "(name='MUNITY_CERTIFICATE', *, workspace_id_name='MUNITY_WORKSPACE_ID')")]
    fn from_env(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        name: Option<&Bound<'_, PyAny>>,
        workspace_id_name: Arg<'_>,
    ) -> PyResult<Self> {
        let name = match name {
            Some(name) => convert::text(name, "name", "a str")?,
            None => munity_secrets::defaults::CERTIFICATE_ENV.to_owned(),
        };
        let workspace_var = match workspace_id_name {
            Arg::Absent => Some(munity_secrets::defaults::WORKSPACE_ID_ENV.to_owned()),
            Arg::Given(v) if v.is_none() => None,
            Arg::Given(v) => Some(convert::text(&v, "workspace_id_name", "a str or None")?),
        };
        let signer = py.detach(|| CoreSigner::from_env_vars(&name, workspace_var.as_deref())).or_raise(py)?;
        Ok(Self { inner: Arc::new(signer) })
    }

    /// The RFC 7638 JWK thumbprint of the key (SHA-256, base64url).
    #[getter]
    fn fingerprint(&self) -> &str {
        self.inner.fingerprint()
    }

    /// The workspace this signer is bound to (lowercase UUID), or None.
    #[getter]
    fn workspace_id(&self) -> Option<&str> {
        self.inner.workspace_id()
    }

    /// A `Verifier` holding this signer's public key.
    fn verifier(&self) -> Verifier {
        Verifier::from_core(self.inner.verifier())
    }

    /// Mints a connect secret, or a renew secret when `integration_id` is given, with its expiry.
    #[pyo3(signature = (*, customer_id, workspace_id = None, name = None, integration_id = None,
                        expires_in = Arg::Absent, expires_at = None, now = None, key_id = None),
           text_signature = "($self, *, customer_id, workspace_id=None, name=None, integration_id=None, \
                             expires_in=3600, expires_at=None, now=None, key_id=None)")]
    #[allow(clippy::too_many_arguments)]
    fn mint<'py>(
        &self,
        py: Python<'py>,
        customer_id: &Bound<'py, PyAny>,
        workspace_id: Option<&Bound<'py, PyAny>>,
        name: Option<&Bound<'py, PyAny>>,
        integration_id: Option<&Bound<'py, PyAny>>,
        expires_in: Arg<'py>,
        expires_at: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
        key_id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<MintedSecret> {
        let mint =
            Mint::read(py, customer_id, workspace_id, name, integration_id, expires_in, expires_at, now, key_id)?;
        Ok(MintedSecret { inner: self.mint_with(py, mint)? })
    }

    /// Mints a connect secret.
    #[pyo3(signature = (*, customer_id, workspace_id = None, name = None,
                        expires_in = Arg::Absent, expires_at = None, now = None, key_id = None),
           text_signature = "($self, *, customer_id, workspace_id=None, name=None, expires_in=3600, \
                             expires_at=None, now=None, key_id=None)")]
    #[allow(clippy::too_many_arguments)]
    fn connect_secret<'py>(
        &self,
        py: Python<'py>,
        customer_id: &Bound<'py, PyAny>,
        workspace_id: Option<&Bound<'py, PyAny>>,
        name: Option<&Bound<'py, PyAny>>,
        expires_in: Arg<'py>,
        expires_at: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
        key_id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<String> {
        let mint = Mint::read(py, customer_id, workspace_id, name, None, expires_in, expires_at, now, key_id)?;
        Ok(self.mint_with(py, mint)?.secret)
    }

    /// Mints a renew secret: a connect secret's claims plus `integration_id`.
    #[pyo3(signature = (*, customer_id, integration_id, workspace_id = None, name = None,
                        expires_in = Arg::Absent, expires_at = None, now = None, key_id = None),
           text_signature = "($self, *, customer_id, integration_id, workspace_id=None, name=None, \
                             expires_in=3600, expires_at=None, now=None, key_id=None)")]
    #[allow(clippy::too_many_arguments)]
    fn renew_secret<'py>(
        &self,
        py: Python<'py>,
        customer_id: &Bound<'py, PyAny>,
        integration_id: &Bound<'py, PyAny>,
        workspace_id: Option<&Bound<'py, PyAny>>,
        name: Option<&Bound<'py, PyAny>>,
        expires_in: Arg<'py>,
        expires_at: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
        key_id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<String> {
        let mint =
            Mint::read(py, customer_id, workspace_id, name, Some(integration_id), expires_in, expires_at, now, key_id)?;
        Ok(self.mint_with(py, mint)?.secret)
    }

    fn __repr__(&self) -> String {
        match self.inner.workspace_id() {
            Some(workspace_id) => {
                format!("Signer(fingerprint='{}', workspace_id='{workspace_id}')", self.inner.fingerprint())
            }
            None => format!("Signer(fingerprint='{}')", self.inner.fingerprint()),
        }
    }
}

/// A freshly minted secret with its kind and expiry: what a web endpoint hands to its front end.
#[pyclass(frozen, module = "munity_secrets")]
pub(crate) struct MintedSecret {
    inner: CoreMintedSecret,
}

#[pymethods]
impl MintedSecret {
    /// The secret.
    #[getter]
    fn secret(&self) -> &str {
        &self.inner.secret
    }
    /// "connect", or "renew" when minted with an integration_id.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }
    /// `exp` as an aware UTC datetime, or None when minted with expires_in=None.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.expires_at.map(|t| convert::datetime_from_timestamp(py, t)).transpose()
    }
    /// `{"secret", "kind", "expires_at"}` with `expires_at` an int NumericDate or None: ready for JSON.
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("secret", &self.inner.secret)?;
        d.set_item("kind", self.inner.kind.as_str())?;
        d.set_item("expires_at", self.inner.expires_at)?;
        Ok(d)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<MintedSecret>().map(|o| o.get().inner == self.inner).unwrap_or(false)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.inner.secret, self.inner.kind.as_str(), self.inner.expires_at).hash(&mut h);
        h.finish()
    }
    /// Without the secret itself: it is a bearer credential, so it stays out of logs.
    fn __repr__(&self) -> String {
        let expires_at = self.inner.expires_at.map_or_else(|| "None".to_owned(), |t| t.to_string());
        format!(
            "MintedSecret(kind={:?}, expires_at={expires_at}, secret=<{} chars>)",
            self.inner.kind.as_str(),
            self.inner.secret.len()
        )
    }
}

/// Mints a connect secret with `certificate`, parsed at most once (the core's bounded cache).
#[pyfunction]
#[pyo3(signature = (certificate, *, customer_id, workspace_id, name = None,
                    expires_in = Arg::Absent, expires_at = None, now = None, key_id = None),
       text_signature = "(certificate, *, customer_id, workspace_id, name=None, expires_in=3600, \
                         expires_at=None, now=None, key_id=None)")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn connect_secret<'py>(
    py: Python<'py>,
    certificate: &Bound<'py, PyAny>,
    customer_id: &Bound<'py, PyAny>,
    workspace_id: &Bound<'py, PyAny>,
    name: Option<&Bound<'py, PyAny>>,
    expires_in: Arg<'py>,
    expires_at: Option<&Bound<'py, PyAny>>,
    now: Option<&Bound<'py, PyAny>>,
    key_id: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    let certificate = convert::text(certificate, "certificate", KEY_HINT)?;
    let mint = Mint::read(py, customer_id, Some(workspace_id), name, None, expires_in, expires_at, now, key_id)?;
    Ok(mint.run(py, || cached_signer(&certificate))?.secret)
}

/// Mints a renew secret with `certificate`, parsed at most once (the core's bounded cache).
#[pyfunction]
#[pyo3(signature = (certificate, *, customer_id, workspace_id, integration_id, name = None,
                    expires_in = Arg::Absent, expires_at = None, now = None, key_id = None),
       text_signature = "(certificate, *, customer_id, workspace_id, integration_id, name=None, \
                         expires_in=3600, expires_at=None, now=None, key_id=None)")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn renew_secret<'py>(
    py: Python<'py>,
    certificate: &Bound<'py, PyAny>,
    customer_id: &Bound<'py, PyAny>,
    workspace_id: &Bound<'py, PyAny>,
    integration_id: &Bound<'py, PyAny>,
    name: Option<&Bound<'py, PyAny>>,
    expires_in: Arg<'py>,
    expires_at: Option<&Bound<'py, PyAny>>,
    now: Option<&Bound<'py, PyAny>>,
    key_id: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    let certificate = convert::text(certificate, "certificate", KEY_HINT)?;
    let mint = Mint::read(
        py,
        customer_id,
        Some(workspace_id),
        name,
        Some(integration_id),
        expires_in,
        expires_at,
        now,
        key_id,
    )?;
    Ok(mint.run(py, || cached_signer(&certificate))?.secret)
}
