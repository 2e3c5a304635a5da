//! `munity_secrets._native`: the Python face of the munity-secrets core.
//!
//! Thin on purpose: it converts Python values to the core's types and back (`convert`), maps the
//! core's errors to the exception classes of `munity_secrets._errors` (`errors`) and releases the
//! GIL while the core parses keys, signs and verifies. Every rule (claims, options, keys, defaults,
//! the key cache) is the core's.

mod convert;
mod errors;
mod signer;
mod verifier;

use errors::OrRaise;
use munity_secrets::defaults;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

/// A fresh RSA key pair `(private_key_pem, public_key_pem)` for tests and local development.
#[pyfunction]
#[pyo3(signature = (bits = None), text_signature = "(bits=2048)")]
fn generate_key_pair(py: Python<'_>, bits: Option<&Bound<'_, PyAny>>) -> PyResult<(String, String)> {
    let bits = match bits {
        None => defaults::DEFAULT_KEY_BITS,
        Some(bits) if bits.is_instance_of::<PyInt>() && !bits.is_instance_of::<PyBool>() => {
            // Beyond 32 bits: the largest u32, which the core refuses as too large (a negative one as too small).
            bits.extract().unwrap_or(if bits.lt(0)? { 0 } else { u32::MAX })
        }
        Some(bits) => return Err(convert::type_error("bits", "an int", bits)),
    };
    let pair = py.detach(|| munity_secrets::generate_key_pair(bits)).or_raise(py)?;
    Ok((pair.private_key_pem.clone(), pair.public_key_pem.clone()))
}

#[pymodule]
#[pyo3(name = "_native")]
fn munity_secrets_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CERTIFICATE_ENV", defaults::CERTIFICATE_ENV)?;
    m.add("WORKSPACE_ID_ENV", defaults::WORKSPACE_ID_ENV)?;
    m.add("PUBLIC_KEY_ENV", defaults::PUBLIC_KEY_ENV)?;
    m.add("DEFAULT_EXPIRES_IN", defaults::DEFAULT_EXPIRES_IN)?;
    m.add("MAX_EXPIRES_IN", defaults::MAX_EXPIRES_IN)?;
    m.add("DEFAULT_LEEWAY", defaults::DEFAULT_LEEWAY)?;
    m.add("MAX_LEEWAY", defaults::MAX_LEEWAY)?;
    m.add("DEFAULT_KEY_BITS", defaults::DEFAULT_KEY_BITS)?;
    m.add("MAX_NUMERIC_DATE", defaults::MAX_NUMERIC_DATE)?;
    m.add_class::<signer::Signer>()?;
    m.add_class::<signer::MintedSecret>()?;
    m.add_class::<verifier::Verifier>()?;
    m.add_class::<verifier::VerifiedSecret>()?;
    m.add_function(wrap_pyfunction!(signer::connect_secret, m)?)?;
    m.add_function(wrap_pyfunction!(signer::renew_secret, m)?)?;
    m.add_function(wrap_pyfunction!(verifier::verify_secret, m)?)?;
    m.add_function(wrap_pyfunction!(generate_key_pair, m)?)?;
    Ok(())
}
