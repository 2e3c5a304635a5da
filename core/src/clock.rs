//! The current time, from the caller (reproducible output) or the system clock.

use crate::claims::check_now;
use crate::error::Result;
use std::time::{SystemTime, UNIX_EPOCH};

/// `explicit` when given (checked), otherwise the system clock, in seconds since the epoch.
pub(crate) fn resolve(explicit: Option<i64>) -> Result<i64> {
    match explicit {
        Some(now) => {
            check_now(now)?;
            Ok(now)
        }
        None => Ok(system_now()),
    }
}

fn system_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
