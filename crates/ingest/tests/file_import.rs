//! `import readings` of a file with a line that is not UTF-8 text: that line is refused with its
//! number and every other line of the file is stored, across batches.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, DurationRound, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use domain::reading::ReadingLimits;
use ingest::csv::NOT_TEXT;
use ingest::file::import_csv;
use ingest::{Ingestor, RowRef};
use store::testing::TestDatabase;
use store::{NewUser, PoolOptions, SourceKind, Store};

#[tokio::test]
async fn a_line_that_is_not_text_costs_only_itself() {
    let database = TestDatabase::sqlite();
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let user = store
        .create_user(NewUser {
            email: Email::parse("file@example.com").unwrap(),
            display_name: DisplayName::parse("File").unwrap(),
            password_hash: "x".into(),
            role: Role::Consumer,
            tariff_code: TariffCode::parse("01").unwrap(),
            time_zone: TimeZone::parse("Europe/Nicosia").unwrap(),
            language: domain::language::Language::English,
        })
        .await
        .unwrap();
    store
        .link_meter(
            user.id,
            &MeterId::parse("CY-FILE").unwrap(),
            IntervalLength::FifteenMinutes,
        )
        .await
        .unwrap();
    let source = store
        .ensure_source("file-import", SourceKind::File)
        .await
        .unwrap();
    let ingestor = Ingestor::new(store.clone(), ReadingLimits::default(), source.id);

    let last = (Utc::now() - Duration::hours(2))
        .duration_trunc(Duration::hours(1))
        .unwrap();
    let mut body = b"meter_id,interval_start,kwh\n".to_vec();
    for index in 0..10 {
        let start = last - Duration::minutes(15 * (9 - index));
        body.extend_from_slice(format!("CY-FILE,{},0.1\n", start.to_rfc3339()).as_bytes());
        if index == 4 {
            // Latin-1 "é" in a meter id: not UTF-8.
            body.extend_from_slice(b"CY-FIL\xe9,2026-07-01T00:00:00Z,0.1\r\n");
        }
    }
    let path = std::env::temp_dir().join(format!(
        "powersave-import-{}.csv",
        Utc::now().timestamp_nanos_opt().unwrap()
    ));
    std::fs::write(&path, &body).unwrap();
    // Batches of 3 rows: the bad line falls inside the second batch.
    let report = import_csv(&ingestor, &path, 3, |_, _| {}).await.unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!((report.counts.inserted, report.rejected), (10, 1));
    // Header on line 1, the fifth reading on line 6, the bad line after it.
    assert_eq!(report.rejects[0].row, RowRef::Line(7));
    assert_eq!(report.rejects[0].reason.to_string(), NOT_TEXT);
}
