//! Smart meters as the utility identifies them.

use std::fmt;

use crate::ValidationError;

/// Longest utility meter id accepted.
pub const METER_ID_MAX_CHARS: usize = 64;

/// The utility's own identifier of a meter, unique across the whole programme.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MeterId(String);

impl MeterId {
    /// 1–64 characters of letters, digits, `-`, `_` or `.`, as meter data systems emit them;
    /// upper-cased so that "cy-001" and "CY-001" are the same meter.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let id = raw.trim();
        let shape_ok = !id.is_empty()
            && id.len() <= METER_ID_MAX_CHARS
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if shape_ok {
            Ok(Self(id.to_ascii_uppercase()))
        } else {
            Err(ValidationError::new(
                "meter id must be 1-64 letters, digits, '-', '_' or '.'",
            ))
        }
    }

    /// The normalised id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MeterId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The length of a billing-grade reading interval. Only 15 and 30 minutes exist, so that every
/// interval divides a 30-minute settlement period exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntervalLength {
    /// Quarter-hourly readings.
    FifteenMinutes,
    /// Half-hourly readings.
    ThirtyMinutes,
}

impl IntervalLength {
    /// Accepts the length in minutes.
    pub fn from_minutes(minutes: i64) -> Result<Self, ValidationError> {
        match minutes {
            15 => Ok(Self::FifteenMinutes),
            30 => Ok(Self::ThirtyMinutes),
            _ => Err(ValidationError::new(
                "interval length must be 15 or 30 minutes",
            )),
        }
    }

    /// The length in minutes.
    pub const fn minutes(self) -> i16 {
        match self {
            Self::FifteenMinutes => 15,
            Self::ThirtyMinutes => 30,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn meter_ids_are_normalised() {
        assert_eq!(MeterId::parse(" cy-000123 ").unwrap().as_str(), "CY-000123");
        assert!(MeterId::parse("").is_err());
        assert!(MeterId::parse("CY 1").is_err());
        assert!(MeterId::parse(&"1".repeat(65)).is_err());
    }

    #[test]
    fn interval_lengths() {
        assert_eq!(IntervalLength::from_minutes(15).unwrap().minutes(), 15);
        assert_eq!(IntervalLength::from_minutes(30).unwrap().minutes(), 30);
        assert!(IntervalLength::from_minutes(60).is_err());
    }

    proptest! {
        #[test]
        fn interval_only_accepts_15_and_30(minutes in -1000i64..1000) {
            prop_assert_eq!(IntervalLength::from_minutes(minutes).is_ok(), minutes == 15 || minutes == 30);
        }
    }
}
