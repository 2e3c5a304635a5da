//! Options as hosts hand them over, checked like claims (spec section 3): a value of the right type
//! that breaks a rule is [`MunitySecretError::InvalidClaim`] naming the option, never clamped or
//! truncated. Every binding converts its host values with these functions, so each language
//! answers a misuse with the same claim and reason.

use crate::claims::names;
use crate::defaults::{MAX_EXPIRES_IN, MAX_NUMERIC_DATE};
use crate::error::{ClaimErrorReason as Reason, MunitySecretError, Result};

pub use crate::claims::{check_leeway, check_numeric_date, string_from_utf16};

/// The largest magnitude a host float carries as an exact integer (2^53 - 1, JS `MAX_SAFE_INTEGER`).
const MAX_EXACT_F64: f64 = 9_007_199_254_740_991.0;

/// When a secret expires, as the caller asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expiry {
    /// `exp = now + seconds`; whole seconds from 1 to [`MAX_EXPIRES_IN`].
    In(i64),
    /// `exp` at this NumericDate: after now, at most [`MAX_EXPIRES_IN`] ahead.
    At(i64),
    /// No `exp`: the secret never expires (the explicit choice of the documented PyJWT snippet).
    Never,
}

impl Default for Expiry {
    /// One hour: [`crate::defaults::DEFAULT_EXPIRES_IN`].
    fn default() -> Self {
        Self::In(crate::defaults::DEFAULT_EXPIRES_IN)
    }
}

/// Whole seconds from a host float (Python `float`, JS `number`, a `timestamp()`), for the option
/// named `option` (`expires_in`, `expires_at`, `leeway`, `now`). NaN, an infinity or a magnitude
/// beyond 2^53 - 1 is `out_of_range`; a fraction is `fractional`. Only the conversion is checked
/// here: the option's own range is checked where it is used.
pub fn seconds_from_f64(option: &str, value: f64) -> Result<i64> {
    if !value.is_finite() || value.abs() > MAX_EXACT_F64 {
        return Err(MunitySecretError::claim(
            option,
            Reason::OutOfRange,
            format!("{option} must be a finite number of whole seconds; found {value}"),
        ));
    }
    if value.fract() != 0.0 {
        return Err(MunitySecretError::claim(
            option,
            Reason::Fractional,
            format!("{option} must be whole seconds; found {value} (round it yourself if that is what you mean)"),
        ));
    }
    // Exact: |value| <= 2^53 - 1 and it has no fraction.
    Ok(value as i64)
}

/// Whole seconds from a host duration or instant split into seconds and nanoseconds
/// (`java.time.Duration`, `Instant`, a Kotlin `Duration`): nanoseconds other than 0 are
/// `fractional`, nanoseconds of a second or more are `out_of_range`.
pub fn seconds_from_parts(option: &str, seconds: i64, nanos: u32) -> Result<i64> {
    if nanos >= 1_000_000_000 {
        return Err(MunitySecretError::claim(
            option,
            Reason::OutOfRange,
            format!("{option}: {nanos} nanoseconds is not a fraction of a second"),
        ));
    }
    if nanos != 0 {
        return Err(MunitySecretError::claim(
            option,
            Reason::Fractional,
            format!("{option} must be whole seconds; found {seconds} s and {nanos} ns"),
        ));
    }
    Ok(seconds)
}

/// The `exp` to write for `expiry` at `now` (already checked), or `None` for [`Expiry::Never`].
pub(crate) fn resolve_expiry(expiry: Expiry, now: i64) -> Result<Option<i64>> {
    match expiry {
        Expiry::Never => Ok(None),
        Expiry::In(seconds) => {
            crate::claims::check_expires_in(seconds)?;
            let exp = now + seconds; // both bounded far below i64::MAX
            if exp > MAX_NUMERIC_DATE {
                return Err(MunitySecretError::claim(
                    names::EXP,
                    Reason::OutOfRange,
                    format!("now + expires_in is {exp}, beyond the last NumericDate {MAX_NUMERIC_DATE}"),
                ));
            }
            Ok(Some(exp))
        }
        Expiry::At(at) => {
            check_numeric_date(names::EXPIRES_AT, at)?;
            if at <= now || at - now > MAX_EXPIRES_IN {
                return Err(MunitySecretError::claim(
                    names::EXPIRES_AT,
                    Reason::OutOfRange,
                    format!(
                        "expires_at must lie after now and at most {MAX_EXPIRES_IN} seconds (365 days) ahead; \
                         found {at}, which is {} s from now ({now})",
                        at - now
                    ),
                ));
            }
            Ok(Some(at))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::defaults::MAX_LEEWAY;

    fn reason(result: Result<impl std::fmt::Debug>) -> (String, Reason) {
        match result {
            Err(MunitySecretError::InvalidClaim { claim, reason, .. }) => (claim, reason),
            other => panic!("expected an invalid claim, got {other:?}"),
        }
    }

    #[test]
    fn floats_convert_only_when_whole_and_finite() {
        assert_eq!(seconds_from_f64("expires_in", 600.0).unwrap(), 600);
        assert_eq!(seconds_from_f64("now", -1.0).unwrap(), -1);
        assert_eq!(seconds_from_f64("now", -0.0).unwrap(), 0);
        assert_eq!(seconds_from_f64("now", MAX_EXACT_F64).unwrap(), 9_007_199_254_740_991);
        assert_eq!(reason(seconds_from_f64("expires_in", 1.5)), ("expires_in".into(), Reason::Fractional));
        assert_eq!(reason(seconds_from_f64("leeway", 0.001)), ("leeway".into(), Reason::Fractional));
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, -1e300, 9_007_199_254_740_992.0] {
            assert_eq!(reason(seconds_from_f64("now", bad)), ("now".into(), Reason::OutOfRange), "{bad}");
        }
    }

    #[test]
    fn parts_convert_only_when_whole() {
        assert_eq!(seconds_from_parts("expires_in", 600, 0).unwrap(), 600);
        assert_eq!(seconds_from_parts("leeway", -5, 0).unwrap(), -5);
        assert_eq!(reason(seconds_from_parts("expires_in", 0, 500_000_000)), ("expires_in".into(), Reason::Fractional));
        assert_eq!(reason(seconds_from_parts("now", 1, 1)), ("now".into(), Reason::Fractional));
        assert_eq!(reason(seconds_from_parts("now", 1, 1_000_000_000)), ("now".into(), Reason::OutOfRange));
    }

    #[test]
    fn numeric_dates_lie_between_the_epoch_and_year_9999() {
        check_numeric_date("now", 0).unwrap();
        check_numeric_date("now", MAX_NUMERIC_DATE).unwrap();
        assert_eq!(reason(check_numeric_date("now", -1)), ("now".into(), Reason::OutOfRange));
        assert_eq!(reason(check_numeric_date("exp", MAX_NUMERIC_DATE + 1)), ("exp".into(), Reason::OutOfRange));
        assert_eq!(reason(check_numeric_date("exp", i64::MIN)), ("exp".into(), Reason::OutOfRange));
    }

    #[test]
    fn leeway_lies_between_zero_and_its_maximum() {
        assert_eq!(check_leeway(0).unwrap(), 0);
        assert_eq!(check_leeway(MAX_LEEWAY).unwrap(), MAX_LEEWAY);
        assert_eq!(reason(check_leeway(-1)), ("leeway".into(), Reason::OutOfRange));
        assert_eq!(reason(check_leeway(MAX_LEEWAY + 1)), ("leeway".into(), Reason::OutOfRange));
        assert_eq!(reason(check_leeway(i64::MAX)), ("leeway".into(), Reason::OutOfRange));
    }

    #[test]
    fn expiry_resolves_to_exp() {
        const NOW: i64 = 1_732_752_000;
        assert_eq!(Expiry::default(), Expiry::In(3600));
        assert_eq!(resolve_expiry(Expiry::default(), NOW).unwrap(), Some(NOW + 3600));
        assert_eq!(resolve_expiry(Expiry::Never, NOW).unwrap(), None);
        assert_eq!(resolve_expiry(Expiry::At(NOW + 1), NOW).unwrap(), Some(NOW + 1));
        assert_eq!(resolve_expiry(Expiry::At(NOW + MAX_EXPIRES_IN), NOW).unwrap(), Some(NOW + MAX_EXPIRES_IN));
        for (expiry, claim) in [
            (Expiry::In(0), "expires_in"),
            (Expiry::In(-1), "expires_in"),
            (Expiry::In(MAX_EXPIRES_IN + 1), "expires_in"),
            (Expiry::At(NOW), "expires_at"),
            (Expiry::At(NOW - 1), "expires_at"),
            (Expiry::At(NOW + MAX_EXPIRES_IN + 1), "expires_at"),
            (Expiry::At(-1), "expires_at"),
            (Expiry::At(MAX_NUMERIC_DATE + 1), "expires_at"),
        ] {
            assert_eq!(reason(resolve_expiry(expiry, NOW)), (claim.into(), Reason::OutOfRange), "{expiry:?}");
        }
        assert_eq!(reason(resolve_expiry(Expiry::In(3600), MAX_NUMERIC_DATE - 10)), ("exp".into(), Reason::OutOfRange));
    }
}
