//! Numbers on the command line as a host language hands them to the core: an integer stays an
//! integer; any other number (`1.5`, `1e20`, `NaN`) goes through the core's conversion, so a value
//! that breaks a rule is the core's `InvalidClaim` (exit 1), exactly as in every binding. Text that
//! is no number at all is a usage error (exit 2), the command line's "wrong type".

use munity_secrets::{options, Result};

/// A number as typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A decimal integer that fits i64.
    Integer(i64),
    /// Any other number, as a float.
    Float(f64),
}

impl Number {
    /// Whole seconds for the option `option`, checked by the core's conversion.
    pub fn seconds(self, option: &str) -> Result<i64> {
        match self {
            Self::Integer(value) => Ok(value),
            Self::Float(value) => options::seconds_from_f64(option, value),
        }
    }
}

/// Parses seconds: an integer or any other number Rust reads (`1.5`, `1e20`, `NaN`, `inf`).
pub fn parse_number(text: &str) -> std::result::Result<Number, String> {
    if let Ok(integer) = text.parse::<i64>() {
        return Ok(Number::Integer(integer));
    }
    text.parse::<f64>().map(Number::Float).map_err(|_| format!("{text:?} is not a number of seconds"))
}

/// Parses a NumericDate: a number as [`parse_number`], or an RFC 3339 UTC time
/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (a fraction other than zero stays fractional, for the core to refuse).
pub fn parse_date(text: &str) -> std::result::Result<Number, String> {
    if text.contains('T') || text.contains('t') {
        return parse_rfc3339(text)
            .ok_or_else(|| format!("{text:?} is not an RFC 3339 UTC time like 2026-11-28T12:00:00Z"));
    }
    parse_number(text)
}

fn parse_rfc3339(text: &str) -> Option<Number> {
    let text = text.strip_suffix('Z').or_else(|| text.strip_suffix('z'))?;
    let (date, time) = text.split_once(['T', 't'])?;
    let mut date_parts = date.splitn(3, '-');
    let (year, month, day) = (date_parts.next()?, date_parts.next()?, date_parts.next()?);
    let (whole, fraction) = match time.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (time, None),
    };
    let mut time_parts = whole.splitn(3, ':');
    let (hour, minute, second) = (time_parts.next()?, time_parts.next()?, time_parts.next()?);
    let field = |text: &str, digits: usize, max: i64| -> Option<i64> {
        (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<i64>().ok())
            .flatten()
            .filter(|v| *v <= max)
    };
    let (year, month, day) = (field(year, 4, 9999)?, field(month, 2, 12)?, field(day, 2, 31)?);
    let (hour, minute, second) = (field(hour, 2, 23)?, field(minute, 2, 59)?, field(second, 2, 59)?);
    if month == 0 || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    match fraction {
        None => Some(Number::Integer(seconds)),
        Some(fraction) if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) => {
            if fraction.bytes().all(|b| b == b'0') {
                Some(Number::Integer(seconds))
            } else {
                format!("{seconds}.{fraction}").parse::<f64>().ok().map(Number::Float)
            }
        }
        Some(_) => None,
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("600"), Ok(Number::Integer(600)));
        assert_eq!(parse_number("-1"), Ok(Number::Integer(-1)));
        assert_eq!(parse_number("1.5"), Ok(Number::Float(1.5)));
        assert!(matches!(parse_number("NaN"), Ok(Number::Float(f)) if f.is_nan()));
        assert_eq!(parse_number("100000000000000000000"), Ok(Number::Float(1e20)));
        assert!(parse_number("ten").is_err());
        assert!(parse_number("").is_err());
    }

    #[test]
    fn rfc3339_utc_times() {
        assert_eq!(parse_date("1970-01-01T00:00:00Z"), Ok(Number::Integer(0)));
        assert_eq!(parse_date("2024-11-28T00:00:00Z"), Ok(Number::Integer(1_732_752_000)));
        assert_eq!(parse_date("2024-02-29T12:34:56Z"), Ok(Number::Integer(1_709_210_096)));
        assert_eq!(parse_date("9999-12-31T23:59:59Z"), Ok(Number::Integer(253_402_300_799)));
        assert_eq!(parse_date("1969-12-31T23:59:59Z"), Ok(Number::Integer(-1)));
        assert_eq!(parse_date("2024-11-28T00:00:00.000Z"), Ok(Number::Integer(1_732_752_000)));
        assert_eq!(parse_date("2024-11-28T00:00:00.5Z"), Ok(Number::Float(1_732_752_000.5)));
        assert_eq!(parse_date("1732752000"), Ok(Number::Integer(1_732_752_000)));
        for bad in [
            "2024-11-28T00:00:00",
            "2024-11-28T00:00:00+01:00",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-11-28T24:00:00Z",
            "24-11-28T00:00:00Z",
            "2024-11-28T00:00:00.Z",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
