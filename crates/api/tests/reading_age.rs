//! Readings too old are refused row by row, on SQLite and PostgreSQL (docs/SECURITY.md
//! § Meter-data integrity): older than three years by default, or before a configured
//! programme start; and on PostgreSQL no partition is made for a refused month.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod uploads;

use chrono::{DateTime, Duration, Utc};
use common::TestApp;
use domain::reading::{OldestReading, ReadingLimits};
use store::testing::each_backend;
use uploads::{QUARTER, a_past_hour, counts, rejects, setup, source, upload_csv};

#[tokio::test]
async fn readings_older_than_three_years_are_refused_per_row_and_make_no_partitions() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let setup = setup(&app).await;
        let (_, key) = source(&app, &setup.admin, "mdm").await;
        // One row a month (of 30 days) for forty years back.
        let now = a_past_hour();
        let starts: Vec<DateTime<Utc>> = (1..=480)
            .map(|month| now - Duration::days(30 * month))
            .collect();
        let csv: String = starts
            .iter()
            .map(|start| format!("CY-A,{},0.1\n", start.to_rfc3339()))
            .collect();
        let report = upload_csv(&app, &key, csv).await;
        // 36 months of 30 days fit in 1,095 days; the 37th does not.
        assert_eq!(counts(&report), [36, 0, 0, 444], "[{}]", app.backend);
        let refused = rejects(&report);
        assert_eq!(refused.len(), 444);
        assert_eq!(refused[0].0, 37);
        assert!(
            refused[0].2.starts_with(&format!(
                "interval starting {} is older than the oldest accepted reading (",
                starts[36]
            )),
            "{:?}",
            refused[0]
        );
        if app.backend == "postgres" {
            let mut months: Vec<(i32, u32)> = starts[..36]
                .iter()
                .map(|start| {
                    (
                        chrono::Datelike::year(start),
                        chrono::Datelike::month(start),
                    )
                })
                .collect();
            months.sort_unstable();
            months.dedup();
            assert_eq!(
                app.store.reading_partitions().await.unwrap(),
                months.len() as u64,
                "one monthly partition per month of accepted readings, none for refused ones"
            );
        }
    }
}

#[tokio::test]
async fn nothing_before_a_configured_programme_start_is_accepted() {
    for database in each_backend().await {
        let programme_start = a_past_hour() - Duration::days(30);
        let mut settings = common::settings();
        settings.reading_limits = ReadingLimits {
            oldest: OldestReading::Since(programme_start),
            ..ReadingLimits::default()
        };
        let app = TestApp::spawn_with(&database, settings).await;
        let setup = setup(&app).await;
        let (_, key) = source(&app, &setup.admin, "mdm").await;
        let early = programme_start - Duration::minutes(15);
        let report = upload_csv(
            &app,
            &key,
            format!(
                "CY-A,{},0.1\nCY-A,{},0.1\n",
                early.to_rfc3339(),
                programme_start.to_rfc3339()
            ),
        )
        .await;
        assert_eq!(counts(&report), [1, 0, 0, 1]);
        assert_eq!(
            rejects(&report),
            vec![(
                1,
                "CY-A".to_owned(),
                format!(
                    "interval starting {early} is older than the oldest accepted reading ({programme_start})"
                )
            )]
        );
        let kept = app
            .store
            .stored_reading(setup.meter, programme_start, QUARTER)
            .await
            .unwrap();
        assert_eq!(kept.map(|s| s.wh), Some(100));
    }
}
