//! The CSV format of readings: `meter_id,interval_start,kwh[,quality]`, one reading per line,
//! an optional header line, RFC 3339 timestamps, `actual`/`estimated` quality (default actual).

use domain::reading::{Quality, RejectReason};

use crate::{ParsedRow, RawReading, RowRef, parse_timestamp};

/// Reads a whole CSV body row by row: every non-blank line after an optional header is one row,
/// numbered from 1 (header counted), and a line that is not UTF-8 text is refused on its own,
/// so one bad line never costs the good ones. The rows are produced as the iterator is consumed.
pub fn parse_body(body: &[u8]) -> impl Iterator<Item = ParsedRow> + '_ {
    body.split(|byte| *byte == b'\n')
        .enumerate()
        .filter_map(|(index, line)| parse_row(index as u64 + 1, line))
}

/// Reads line `number` (1-based) of a CSV body or file: `None` for a blank line or the header
/// on line 1, otherwise the row, refused when the line is not UTF-8 text.
pub fn parse_row(number: u64, line: &[u8]) -> Option<ParsedRow> {
    let row = RowRef::Line(number);
    let Ok(line) = std::str::from_utf8(line) else {
        return Some((row, Err(RejectReason::Malformed(NOT_TEXT.to_owned()))));
    };
    let skipped = line.trim().is_empty() || (number == 1 && is_header(line));
    (!skipped).then(|| (row, parse_line(line)))
}

/// The reason given for a line that is not UTF-8 text.
pub const NOT_TEXT: &str = "the line is not UTF-8 text";

/// Whether a line is the header (its first field is `meter_id`).
pub fn is_header(line: &str) -> bool {
    line.trim_start_matches('\u{feff}')
        .trim()
        .to_ascii_lowercase()
        .starts_with("meter_id")
}

/// Parses one data line.
pub fn parse_line(line: &str) -> Result<RawReading, RejectReason> {
    let mut fields = line
        .trim_end_matches(['\r', '\n'])
        .split(',')
        .map(|f| f.trim().trim_matches('"'));
    let (Some(meter_id), Some(start), Some(kwh)) = (fields.next(), fields.next(), fields.next())
    else {
        return Err(RejectReason::Malformed(
            "expected meter_id,interval_start,kwh[,quality]".to_owned(),
        ));
    };
    let quality = Quality::parse(fields.next().unwrap_or(""))?;
    if fields.next().is_some() {
        return Err(RejectReason::Malformed(
            "too many fields: expected meter_id,interval_start,kwh[,quality]".to_owned(),
        ));
    }
    if meter_id.is_empty() {
        return Err(RejectReason::BadMeterId(String::new()));
    }
    let kwh: f64 = kwh
        .parse()
        .map_err(|_| RejectReason::BadNumber(kwh.to_owned()))?;
    Ok(RawReading {
        meter_id: meter_id.to_owned(),
        interval_start: parse_timestamp(start)?,
        kwh,
        quality,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        assert!(is_header("meter_id,interval_start,kwh,quality"));
        let reading = parse_line("CY-1,2026-07-01T17:00:00Z,0.512,estimated\r\n").unwrap();
        assert_eq!(
            (reading.meter_id.as_str(), reading.kwh, reading.quality),
            ("CY-1", 0.512, Quality::Estimated)
        );
        let offset = parse_line("CY-1,2026-07-01T20:00:00+03:00,1").unwrap();
        assert_eq!(
            offset.interval_start.to_rfc3339(),
            "2026-07-01T17:00:00+00:00"
        );
        assert!(matches!(
            parse_line("CY-1,2026-07-01T17:00:00Z"),
            Err(RejectReason::Malformed(_))
        ));
        assert!(matches!(
            parse_line("CY-1,yesterday,1"),
            Err(RejectReason::BadTimestamp(_))
        ));
        assert!(matches!(
            parse_line("CY-1,2026-07-01T17:00:00Z,lots"),
            Err(RejectReason::BadNumber(_))
        ));
        assert!(matches!(
            parse_line("CY-1,2026-07-01T17:00:00Z,1,maybe"),
            Err(RejectReason::BadQuality(_))
        ));
        assert!(matches!(
            parse_line("CY-1,2026-07-01T17:00:00Z,1,actual,extra"),
            Err(RejectReason::Malformed(_))
        ));
        assert!(matches!(
            parse_line(",2026-07-01T17:00:00Z,1"),
            Err(RejectReason::BadMeterId(_))
        ));
    }
}
