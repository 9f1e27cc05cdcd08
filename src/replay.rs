//! The replay window: a signed timestamp must lie within a tolerance of the current time, so a
//! genuine push captured and sent again later is refused. The clock is a parameter (`now_ms`),
//! never read here.

use crate::error::{Error, ErrorCode, Result};

/// The default tolerance either way: five minutes.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

/// Checks a signed timestamp against `now`, both in epoch milliseconds, allowing `tolerance_secs`
/// either way.
pub fn check_window(timestamp_ms: i64, now_ms: i64, tolerance_secs: u64) -> Result<()> {
    let tolerance_ms = i64::try_from(tolerance_secs.saturating_mul(1000)).unwrap_or(i64::MAX);
    let age_ms = now_ms.saturating_sub(timestamp_ms);
    if age_ms > tolerance_ms {
        return Err(Error::new(
            ErrorCode::TimestampTooOld,
            format!(
                "signed timestamp is {} s old, over the {tolerance_secs} s tolerance",
                age_ms / 1000
            ),
        ));
    }
    if age_ms < tolerance_ms.saturating_neg() {
        return Err(Error::new(
            ErrorCode::TimestampInFuture,
            format!(
                "signed timestamp is {} s in the future, over the {tolerance_secs} s tolerance",
                (age_ms / 1000).saturating_neg()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window() {
        assert!(check_window(1_000_000, 1_000_000 + 300_000, 300).is_ok());
        assert_eq!(
            check_window(1_000_000, 1_000_000 + 300_001, 300)
                .unwrap_err()
                .code(),
            ErrorCode::TimestampTooOld
        );
        assert_eq!(
            check_window(1_000_000 + 300_001, 1_000_000, 300)
                .unwrap_err()
                .code(),
            ErrorCode::TimestampInFuture
        );
        assert!(check_window(i64::MIN, i64::MAX, u64::MAX).is_ok());
    }
}
