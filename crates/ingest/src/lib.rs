//! The meter-data pipeline.
//!
//! Every path that brings readings in — the HTTP API (JSON or CSV), file imports, the MQTT feed
//! and the scheduled pull — parses rows into [`RawReading`]s and hands them to an [`Ingestor`],
//! which resolves meters, validates each reading, stores the valid ones with the idempotent upsert
//! and reports what happened to every row. A bad row never costs the good rows of its batch.

pub mod csv;
pub mod fanout;
pub mod file;
mod ingestor;
pub mod json;
pub mod mqtt;
pub mod pull;
pub mod tls;

pub use ingestor::{IngestReport, Ingestor, ReadingEvents, Rejected, RowRef};

use chrono::{DateTime, Utc};
use domain::reading::{Quality, RejectReason};

/// One input row: where it was, and what it parsed to.
pub type ParsedRow = (RowRef, Result<RawReading, RejectReason>);

/// A reading as it arrived, parsed but not yet validated against the meter list and limits.
#[derive(Debug, Clone, PartialEq)]
pub struct RawReading {
    /// The utility's meter id, as sent.
    pub meter_id: String,
    /// Start of the interval.
    pub interval_start: DateTime<Utc>,
    /// Energy in kWh.
    pub kwh: f64,
    /// Measured or estimated.
    pub quality: Quality,
}

/// Reads an RFC 3339 timestamp (`2026-07-01T17:00:00Z`, or with an offset) as UTC.
pub fn parse_timestamp(raw: &str) -> Result<DateTime<Utc>, RejectReason> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| RejectReason::BadTimestamp(raw.trim().to_owned()))
}
