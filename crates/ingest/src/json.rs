//! The JSON shape of a reading, shared by the MQTT feed and the HTTP pull connector:
//! `{"meter_id": "CY-1", "interval_start": "2026-07-01T17:00:00Z", "kwh": 0.21, "quality": "actual"}`.

use domain::reading::{Quality, RejectReason};
use serde::Deserialize;

use crate::{RawReading, parse_timestamp};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingObject {
    meter_id: String,
    interval_start: String,
    kwh: f64,
    quality: Option<String>,
}

/// Reads one JSON value as a reading; a wrong shape is a rejection of that row only.
pub fn parse_reading(value: serde_json::Value) -> Result<RawReading, RejectReason> {
    let object = serde_json::from_value::<ReadingObject>(value)
        .map_err(|error| RejectReason::Malformed(error.to_string()))?;
    Ok(RawReading {
        quality: Quality::parse(object.quality.as_deref().unwrap_or(""))?,
        interval_start: parse_timestamp(&object.interval_start)?,
        meter_id: object.meter_id,
        kwh: object.kwh,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_and_its_faults() {
        let good = serde_json::json!({"meter_id": "CY-1", "interval_start": "2026-07-01T17:00:00Z", "kwh": 0.5});
        assert_eq!(parse_reading(good).map(|r| r.kwh), Ok(0.5));
        let extra = serde_json::json!({"meter_id": "CY-1", "interval_start": "2026-07-01T17:00:00Z", "kwh": 0.5, "x": 1});
        assert!(matches!(
            parse_reading(extra),
            Err(RejectReason::Malformed(_))
        ));
        let time =
            serde_json::json!({"meter_id": "CY-1", "interval_start": "yesterday", "kwh": 0.5});
        assert!(matches!(
            parse_reading(time),
            Err(RejectReason::BadTimestamp(_))
        ));
    }
}
