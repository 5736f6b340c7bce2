//! `powersave import register FILE`: the utility's customer register from CSV
//! (`meter_id,account_number,district,tariff_code[,interval_minutes]`, optional header), checked
//! line by line; valid lines are stored, refused ones listed with their reason.

use std::path::Path;

use anyhow::Context;
use domain::household::{District, TariffCode};
use domain::meter::{IntervalLength, MeterId};
use domain::onboarding::{AccountNumber, RegisterEntry};
use store::Store;

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
    let field = |name: &str, error: domain::ValidationError| format!("{name}: {error}");
    Ok(RegisterEntry {
        meter_id: MeterId::parse(fields[0]).map_err(|e| field("meter_id", e))?,
        account_number: AccountNumber::parse(fields[1]).map_err(|e| field("account_number", e))?,
        district: match fields[2] {
            "" => None,
            raw => Some(District::parse(raw, districts).map_err(|e| field("district", e))?),
        },
        tariff_code: TariffCode::parse(fields[3]).map_err(|e| field("tariff_code", e))?,
        interval: match fields.get(4).copied().unwrap_or("") {
            "" => IntervalLength::FifteenMinutes,
            raw => raw
                .parse::<i64>()
                .map_err(|_| domain::ValidationError::new("interval must be 15 or 30 minutes"))
                .and_then(IntervalLength::from_minutes)
                .map_err(|e| field("interval_minutes", e))?,
        },
    })
}

/// Imports `file` into the register; returns the lines stored and refused.
pub async fn register(
    store: &Store,
    file: &Path,
    districts: &[String],
) -> anyhow::Result<(u64, u64)> {
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
    let stored = store
        .import_register(&entries, &source, rejected.len() as u64)
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
    Ok((stored, rejected.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

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
