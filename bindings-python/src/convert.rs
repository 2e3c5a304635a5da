//! Python values to the core's types and back. Only types are checked here (a wrong type is a
//! `TypeError`); every rule on a value of the right type is the core's, through its `options`
//! converters, so Python answers a misuse with the same claim and reason as every other binding.

use crate::errors::OrRaise;
use munity_secrets::options::{seconds_from_f64, seconds_from_parts, string_from_utf16};
use munity_secrets::SecretKind;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

/// A keyword argument that may be absent, told apart from an explicit `None` (pyo3 folds the two
/// together for `Option`): `expires_in=None` means "no expiry", leaving it out means the default.
pub(crate) enum Arg<'py> {
    Absent,
    Given(Bound<'py, PyAny>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Arg<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Self::Given(obj.to_owned()))
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".to_owned())
}

pub(crate) fn type_error(argument: &str, expected: &str, value: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!("{argument} must be {expected}, not {}", type_name(value)))
}

pub(crate) const KEY_HINT: &str = "a str (the PEM or JWK text; decode bytes first, e.g. data.decode())";

/// Key text or a secret. A `str` that cannot be UTF-8 (it holds a lone surrogate) is passed on with
/// the surrogate replaced, so the core refuses the text as what it is (a malformed key or secret).
pub(crate) fn text(value: &Bound<'_, PyAny>, argument: &str, expected: &str) -> PyResult<String> {
    let text = value.cast::<PyString>().map_err(|_| type_error(argument, expected, value))?;
    Ok(text.to_string_lossy().into_owned())
}

/// A claim. A lone surrogate goes through the core's UTF-16 decoding, which refuses it as an
/// invalid `claim` (reason `lone_surrogate`).
pub(crate) fn claim(py: Python<'_>, value: &Bound<'_, PyAny>, argument: &str, claim: &str) -> PyResult<String> {
    let text = value.cast::<PyString>().map_err(|_| type_error(argument, "a str", value))?;
    if let Ok(utf8) = text.to_cow() {
        return Ok(utf8.into_owned());
    }
    let bytes: Vec<u8> = text.call_method1("encode", ("utf-16-le", "surrogatepass"))?.extract()?;
    let units: Vec<u16> = bytes.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
    string_from_utf16(claim, &units).or_raise(py)
}

pub(crate) fn optional_claim(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    argument: &str,
    name: &str,
) -> PyResult<Option<String>> {
    value.map(|v| claim(py, v, argument, name)).transpose()
}

/// A number of seconds from an `int` or `float` (never a `bool`), or `None` for another type.
/// Floats and ints beyond 64 bits go through the core's `seconds_from_f64`: a fraction is
/// `fractional`, a magnitude it cannot hold exactly is `out_of_range`.
fn number(py: Python<'_>, option: &str, value: &Bound<'_, PyAny>) -> PyResult<Option<i64>> {
    if value.is_instance_of::<PyBool>() {
        return Ok(None);
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(whole) = value.extract::<i64>() {
            return Ok(Some(whole));
        }
        // Too large for 64 bits: as a float (an infinity beyond a float's range), so the core's
        // converter reports it out of range with its own message.
        let float = value.extract::<f64>().unwrap_or(if value.lt(0)? { f64::NEG_INFINITY } else { f64::INFINITY });
        return seconds_from_f64(option, float).or_raise(py).map(Some);
    }
    if value.is_instance_of::<PyFloat>() {
        return seconds_from_f64(option, value.extract()?).or_raise(py).map(Some);
    }
    Ok(None)
}

fn datetime_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    Ok(MODULE.get_or_try_init(py, || py.import("datetime").map(Bound::unbind))?.bind(py))
}

fn is_a(py: Python<'_>, value: &Bound<'_, PyAny>, class: &str) -> PyResult<bool> {
    value.is_instance(&datetime_module(py)?.getattr(class)?)
}

/// A `timedelta` as whole seconds through the core's `seconds_from_parts` (microseconds other
/// than 0 are `fractional`). Exact: no float on the way.
fn timedelta_seconds(py: Python<'_>, option: &str, delta: &Bound<'_, PyAny>) -> PyResult<i64> {
    let days: i64 = delta.getattr("days")?.extract()?;
    let seconds: i64 = delta.getattr("seconds")?.extract()?;
    let micros: u32 = delta.getattr("microseconds")?.extract()?;
    // |days| <= 999,999,999: no overflow.
    seconds_from_parts(option, days * 86_400 + seconds, micros * 1_000).or_raise(py)
}

/// A duration option (`expires_in`, `leeway`): whole seconds as an `int`, `float` or `timedelta`.
pub(crate) fn seconds(py: Python<'_>, option: &str, value: &Bound<'_, PyAny>) -> PyResult<i64> {
    if let Some(seconds) = number(py, option, value)? {
        return Ok(seconds);
    }
    if is_a(py, value, "timedelta")? {
        return timedelta_seconds(py, option, value);
    }
    Err(type_error(option, "a number of seconds (int or float) or a timedelta", value))
}

/// A time option (`now`, `expires_at`): a NumericDate as an `int` or `float`, or an aware
/// `datetime`. A naive datetime is a `TypeError`: guessing its zone could move `exp` by hours.
pub(crate) fn instant(py: Python<'_>, option: &str, value: &Bound<'_, PyAny>) -> PyResult<i64> {
    if let Some(seconds) = number(py, option, value)? {
        return Ok(seconds);
    }
    if is_a(py, value, "datetime")? {
        if value.call_method0("utcoffset")?.is_none() {
            return Err(PyTypeError::new_err(format!(
                "{option} must be a NumericDate or an aware datetime; this datetime is naive (give it a tzinfo, \
                 e.g. datetime.now(timezone.utc))"
            )));
        }
        let since_epoch = value.sub(epoch(py)?)?;
        return timedelta_seconds(py, option, &since_epoch);
    }
    Err(type_error(option, "a NumericDate (int or float) or an aware datetime", value))
}

pub(crate) fn optional_instant(
    py: Python<'_>,
    option: &str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<i64>> {
    value.map(|v| instant(py, option, v)).transpose()
}

/// `expect=`: `"connect"`, `"renew"` or `None`; another string is the core's parse error, as a
/// `ValueError`.
pub(crate) fn expect(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<SecretKind>> {
    let Some(value) = value else { return Ok(None) };
    let text = value.cast::<PyString>().map_err(|_| type_error("expect", "\"connect\", \"renew\" or None", value))?;
    text.to_string_lossy().parse::<SecretKind>().map(Some).map_err(PyValueError::new_err)
}

fn conversions(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    Ok(MODULE.get_or_try_init(py, || py.import("munity_secrets._errors").map(Bound::unbind))?.bind(py))
}

fn epoch(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    conversions(py)?.getattr("_EPOCH")
}

/// A NumericDate as an aware UTC `datetime`. The core hands out only 0 to `MAX_NUMERIC_DATE`
/// (9999-12-31T23:59:59Z), which a `datetime` always holds.
pub(crate) fn datetime_from_timestamp(py: Python<'_>, seconds: i64) -> PyResult<Bound<'_, PyAny>> {
    conversions(py)?.getattr("_datetime_from_timestamp")?.call1((seconds,))
}
