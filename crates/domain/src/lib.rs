//! PowerSave's business rules.
//!
//! Everything here is pure: no I/O, no async, no knowledge of SQL or HTTP. Values are parsed at the
//! edge into types that cannot hold invalid data, so the rest of the system can trust them.

pub mod account;
pub mod accuracy;
pub mod baseline;
pub mod calendar;
pub mod consumption;
pub mod household;
pub mod language;
pub mod link_period;
pub mod meter;
pub mod onboarding;
pub mod paging;
pub mod programme;
pub mod progress;
pub mod reading;
pub mod rewards;
pub mod savings;
pub mod secret;
pub mod session;
pub mod settlement;
pub mod sorting;
pub mod streak;

use std::borrow::Cow;

/// Why a value offered from outside was refused; the message is written for the person who sent it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ValidationError(pub Cow<'static, str>);

/// The one of `all` whose stored name is `raw`, or a refusal naming `what` and every name: how
/// the enums stored by name (statuses, reasons, methods) read a row or a request.
pub(crate) fn parse_named<T: Copy>(
    all: &[T],
    name: fn(T) -> &'static str,
    raw: &str,
    what: &str,
) -> Result<T, ValidationError> {
    all.iter()
        .copied()
        .find(|item| name(*item) == raw)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|item| name(*item)).collect();
            ValidationError::owned(format!(
                "unknown {what} {raw:?}: expected one of {}",
                names.join(", ")
            ))
        })
}

impl ValidationError {
    /// A refusal with a fixed message.
    pub const fn new(message: &'static str) -> Self {
        Self(Cow::Borrowed(message))
    }

    /// A refusal whose message names the offending value or limit.
    pub fn owned(message: String) -> Self {
        Self(Cow::Owned(message))
    }
}
