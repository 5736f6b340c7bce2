//! `powersave import register FILE`: the utility's customer register from CSV
//! (`meter_id,account_number,district,tariff_code[,interval_minutes]`, optional header), checked
//! line by line; valid lines are stored, refused ones listed with their reason.

use std::path::Path;

use anyhow::Context;
use domain::onboarding::RegisterEntry;
use store::{RegisterOutcome, Store};

/// Refused lines printed; the rest are counted.
const REJECTS_SHOWN: usize = 20;

/// Reads one register line; the reason names the field.
pub fn parse_line(line: &str, districts: &[String]) -> Result<RegisterEntry, String> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    if !(4..=5).contains(&fields.len()) {
        return Err(format!(
            "expected 4 or 5 fields (meter_id,account_number,district,tariff_code[,interval_minutes]), found {}",
            fields.len()
        ));
    }
    RegisterEntry::parse(
        fields[0],
        fields[1],
        fields[2],
        fields[3],
        fields.get(4).copied().unwrap_or(""),
        districts,
    )
}

/// Imports `file` into the register; returns what it stored and the lines refused.
pub async fn register(
    store: &Store,
    file: &Path,
    districts: &[String],
) -> anyhow::Result<(RegisterOutcome, u64)> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut entries = Vec::new();
    let mut rejected = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || (index == 0 && line.starts_with("meter_id")) {
            continue;
        }
        match parse_line(line, districts) {
            Ok(entry) => entries.push(entry),
            Err(reason) => rejected.push((index + 1, reason)),
        }
    }
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let outcome = store
        .import_register(&entries, &source, rejected.len() as u64, None)
        .await?;
    for (line, reason) in rejected.iter().take(REJECTS_SHOWN) {
        eprintln!("line {line}: {reason}");
    }
    if rejected.len() > REJECTS_SHOWN {
        eprintln!(
            "… and {} more refused lines",
            rejected.len() - REJECTS_SHOWN
        );
    }
    Ok((outcome, rejected.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::meter::IntervalLength;

    fn districts() -> Vec<String> {
        vec!["Nicosia".to_owned(), "Limassol".to_owned()]
    }

    #[test]
    fn lines_are_read_with_defaults_and_refused_by_field() {
        let entry = parse_line("cy-1, 1002 0030 45 ,limassol,01", &districts()).unwrap();
        assert_eq!(entry.meter_id.as_str(), "CY-1");
        assert_eq!(entry.account_number.as_str(), "1002003045");
        assert_eq!(
            entry.district.map(|d| d.as_str().to_owned()).as_deref(),
            Some("Limassol")
        );
        assert_eq!(entry.interval, IntervalLength::FifteenMinutes);
        let half_hourly = parse_line("CY-2,100200,,08,30", &districts()).unwrap();
        assert_eq!(half_hourly.district, None);
        assert_eq!(half_hourly.interval, IntervalLength::ThirtyMinutes);
        for (line, field) in [
            ("CY-3,12ab56,Nicosia,01", "account_number"),
            ("CY 3,123456,Nicosia,01", "meter_id"),
            ("CY-3,123456,Atlantis,01", "district"),
            ("CY-3,123456,Nicosia,01,20", "interval_minutes"),
            ("CY-3,123456", "expected 4 or 5 fields"),
        ] {
            let reason = parse_line(line, &districts()).unwrap_err();
            assert!(reason.starts_with(field), "{line}: {reason}");
        }
    }
}
