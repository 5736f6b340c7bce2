//! Meter readings on both backends: idempotent upserts, quality rules, late data, windows,
//! sources and dead letters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone as Zone};
use domain::meter::{IntervalLength, MeterId};
use domain::paging::PageRequest;
use domain::reading::{Quality, ReadingLimits, ValidReading, day_number, validate};
use store::testing::each_backend;
use store::{
    Backend, HistoryRequest, IngestCounts, MeterRef, NewUser, PoolOptions, SourceKind, Store,
    StoreError,
};

async fn open_with_meters(
    database: &store::testing::TestDatabase,
    meters: &[(&str, IntervalLength)],
) -> (Store, Vec<MeterRef>) {
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let user = store
        .create_user(NewUser {
            email: Email::parse("meters@example.com").unwrap(),
            display_name: DisplayName::parse("Meters").unwrap(),
            password_hash: "x".into(),
            role: Role::Consumer,
            tariff_code: TariffCode::parse("01").unwrap(),
            time_zone: Zone::parse("Europe/Nicosia").unwrap(),
            language: domain::language::Language::English,
        })
        .await
        .unwrap();
    for (id, interval) in meters {
        store
            .link_meter(user.id, &MeterId::parse(id).unwrap(), *interval)
            .await
            .unwrap();
    }
    let ids: Vec<String> = meters.iter().map(|(id, _)| (*id).to_owned()).collect();
    let directory = store.meters_by_utility_ids(&ids).await.unwrap();
    assert_eq!(store.meter_directory().await.unwrap().len(), meters.len());
    (store, ids.iter().map(|id| directory[id]).collect())
}

fn reading(meter: MeterRef, start: DateTime<Utc>, kwh: f64, quality: Quality) -> ValidReading {
    validate(
        meter.id,
        meter.interval,
        start,
        kwh,
        quality,
        Utc::now(),
        &ReadingLimits::default(),
    )
    .unwrap()
}

fn day_of(start: DateTime<Utc>, meter: MeterRef, values: &[f64]) -> Vec<ValidReading> {
    let step = Duration::minutes(i64::from(meter.interval.minutes()));
    values
        .iter()
        .enumerate()
        .map(|(i, kwh)| reading(meter, start + step * i as i32, *kwh, Quality::Actual))
        .collect()
}

fn counts(inserted: u64, updated: u64, unchanged: u64) -> IngestCounts {
    IngestCounts {
        inserted,
        updated,
        unchanged,
    }
}

#[tokio::test]
async fn replaying_a_batch_changes_nothing() {
    for database in each_backend().await {
        let (store, meters) = open_with_meters(
            &database,
            &[
                ("CY-1", IntervalLength::FifteenMinutes),
                ("CY-2", IntervalLength::ThirtyMinutes),
            ],
        )
        .await;
        let start = Utc.with_ymd_and_hms(2026, 3, 1, 22, 0, 0).unwrap();
        let mut batch = day_of(start, meters[0], &[0.1; 12]);
        batch.extend(day_of(start, meters[1], &[0.2; 6]));
        assert_eq!(
            store.upsert_readings(&batch).await.unwrap(),
            counts(18, 0, 0),
            "{:?}",
            database.backend()
        );
        assert_eq!(
            store.upsert_readings(&batch).await.unwrap(),
            counts(0, 0, 18)
        );
        // The same reading twice within one batch: stored once.
        let twice = vec![batch[0], batch[0]];
        assert_eq!(
            store.upsert_readings(&twice).await.unwrap(),
            counts(0, 0, 2)
        );

        let rows = store
            .reading_history(&HistoryRequest {
                meters: vec![meters[0].id, meters[1].id],
                first_day: day_number(start),
                last_day: day_number(start) + 1,
                from_minute: 0,
                to_minute: 1440,
            })
            .await
            .unwrap();
        // 22:00–01:00 spans two UTC days for each meter.
        assert_eq!(rows.len(), 4);
        let first = &rows[0];
        assert_eq!((first.interval_minutes, first.readings.len()), (15, 96));
        assert_eq!(first.readings.iter().flatten().count(), 8);
        assert_eq!(first.readings[88], Some((100, Quality::Actual)));
        assert_eq!(rows[2].interval_minutes, 30);
    }
}

#[tokio::test]
async fn actuals_replace_estimates_but_not_the_reverse() {
    for database in each_backend().await {
        let (store, meters) =
            open_with_meters(&database, &[("CY-1", IntervalLength::FifteenMinutes)]).await;
        let start = Utc.with_ymd_and_hms(2026, 6, 10, 12, 0, 0).unwrap();
        let meter = meters[0];
        assert_eq!(
            store
                .upsert_readings(&[reading(meter, start, 0.5, Quality::Estimated)])
                .await
                .unwrap(),
            counts(1, 0, 0)
        );
        assert_eq!(
            store
                .upsert_readings(&[reading(meter, start, 0.5, Quality::Estimated)])
                .await
                .unwrap(),
            counts(0, 0, 1)
        );
        assert_eq!(
            store
                .upsert_readings(&[reading(meter, start, 0.6, Quality::Actual)])
                .await
                .unwrap(),
            counts(0, 1, 0)
        );
        assert_eq!(
            store
                .upsert_readings(&[reading(meter, start, 0.9, Quality::Estimated)])
                .await
                .unwrap(),
            counts(0, 0, 1)
        );
        let rows = store
            .reading_history(&HistoryRequest {
                meters: vec![meter.id],
                first_day: day_number(start),
                last_day: day_number(start),
                from_minute: 12 * 60,
                to_minute: 13 * 60,
            })
            .await
            .unwrap();
        assert_eq!(rows[0].first_slot, 48);
        assert_eq!(
            rows[0].readings,
            vec![Some((600, Quality::Actual)), None, None, None]
        );
    }
}

#[tokio::test]
async fn late_and_out_of_order_data_fills_in() {
    for database in each_backend().await {
        let (store, meters) =
            open_with_meters(&database, &[("CY-1", IntervalLength::FifteenMinutes)]).await;
        let meter = meters[0];
        let day = Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap();
        let all = day_of(day, meter, &[0.25; 96]);
        let (even, odd): (Vec<_>, Vec<_>) = all.iter().enumerate().partition(|(i, _)| i % 2 == 0);
        let mut odd: Vec<ValidReading> = odd.into_iter().map(|(_, r)| *r).collect();
        odd.reverse();
        assert_eq!(store.upsert_readings(&odd).await.unwrap().inserted, 48);
        // Days later, the rest arrives, mixed with a few repeats.
        let mut late: Vec<ValidReading> = even.into_iter().map(|(_, r)| *r).collect();
        late.extend_from_slice(&odd[..5]);
        assert_eq!(
            store.upsert_readings(&late).await.unwrap(),
            counts(48, 0, 5)
        );
        let rows = store
            .reading_history(&HistoryRequest {
                meters: vec![meter.id],
                first_day: day_number(day),
                last_day: day_number(day),
                from_minute: 0,
                to_minute: 1440,
            })
            .await
            .unwrap();
        assert!(
            rows[0]
                .readings
                .iter()
                .all(|r| *r == Some((250, Quality::Actual)))
        );
    }
}

#[tokio::test]
async fn sources_count_deliveries_and_keep_dead_letters() {
    for database in each_backend().await {
        let (store, _) = open_with_meters(&database, &[]).await;
        let api = store
            .create_source("meter-data-system", SourceKind::Api, Some(vec![7; 32]))
            .await
            .unwrap();
        assert!(matches!(
            store
                .create_source("meter-data-system", SourceKind::Api, None)
                .await,
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(
            store
                .source_by_key_hash(&[7; 32])
                .await
                .unwrap()
                .unwrap()
                .id,
            api.id
        );
        let end = Utc::now() - Duration::minutes(30);
        store
            .record_ingest(api.id, counts(10, 2, 3), 4, Some(end))
            .await
            .unwrap();
        store
            .record_ingest(api.id, counts(1, 0, 0), 1, Some(end - Duration::hours(5)))
            .await
            .unwrap();
        let mqtt = store.ensure_source("mqtt", SourceKind::Mqtt).await.unwrap();
        assert_eq!(
            store
                .ensure_source("mqtt", SourceKind::Mqtt)
                .await
                .unwrap()
                .id,
            mqtt.id
        );
        store
            .add_dead_letter(mqtt.id, &"é".repeat(5000), "not JSON")
            .await
            .unwrap();

        let sources = store.list_sources().await.unwrap();
        let listed = sources.iter().find(|s| s.id == api.id).unwrap();
        assert_eq!((listed.readings_today, listed.rejected_today), (16, 5));
        // "Today" is the local day of the zone the counters are kept in: counted in UTC+14, the
        // deliveries are not today's in UTC−12, whose date is always another one.
        let ahead = store.clone().with_day_zone(chrono_tz::Etc::GMTMinus14);
        let behind = store.clone().with_day_zone(chrono_tz::Etc::GMTPlus12);
        let other = ahead.ensure_source("zoned", SourceKind::Api).await.unwrap();
        ahead
            .record_ingest(other.id, counts(3, 0, 0), 2, Some(end))
            .await
            .unwrap();
        let today_of = async |store: &Store| {
            let sources = store.list_sources().await.unwrap();
            let source = sources.iter().find(|s| s.id == other.id).unwrap();
            (source.readings_today, source.rejected_today)
        };
        assert_eq!(today_of(&ahead).await, (3, 2));
        assert_eq!(today_of(&behind).await, (0, 0));
        assert_eq!(
            listed.last_reading_at.map(|t| t.timestamp()),
            Some(end.timestamp())
        );
        let letters = store
            .dead_letters(Some(mqtt.id), PageRequest::default())
            .await
            .unwrap();
        assert_eq!(letters.total, 1);
        assert!(letters.items[0].payload.len() <= 4096);

        let revoked = store.revoke_source(api.id).await.unwrap();
        assert!(revoked.revoked_at.is_some());
        assert_eq!(
            (revoked.readings_today, revoked.rejected_today),
            (16, 5),
            "today's counts survive"
        );
        assert!(store.source_by_key_hash(&[7; 32]).await.unwrap().is_none());
        let clash = store
            .ensure_source(&api.name, SourceKind::Mqtt)
            .await
            .unwrap_err();
        assert!(
            matches!(&clash, StoreError::Conflict(m) if m.contains("already exists with kind api")),
            "{clash}"
        );
        let keyless = store.revoke_source(mqtt.id).await.unwrap_err();
        assert!(
            matches!(&keyless, StoreError::Conflict(m) if m.contains("only API sources")),
            "{keyless}"
        );
        store.set_watermark(mqtt.id, end).await.unwrap();
    }
}

#[tokio::test]
async fn retention_drops_old_readings() {
    for database in each_backend().await {
        let (store, meters) =
            open_with_meters(&database, &[("CY-1", IntervalLength::ThirtyMinutes)]).await;
        let old = Utc.with_ymd_and_hms(2024, 1, 15, 0, 0, 0).unwrap();
        let next_day = old + Duration::days(1);
        let recent = Utc.with_ymd_and_hms(2026, 1, 15, 0, 0, 0).unwrap();
        for start in [old, next_day, recent] {
            store
                .upsert_readings(&day_of(start, meters[0], &[0.1; 4]))
                .await
                .unwrap();
        }
        // Two old days of one month: SQLite deletes their two day rows, PostgreSQL drops the one
        // monthly partition that holds them.
        let expected = match database.backend() {
            Backend::Sqlite => 2,
            Backend::Postgres => 1,
        };
        assert_eq!(
            store
                .drop_readings_before(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap())
                .await
                .unwrap(),
            expected,
            "{:?}",
            database.backend()
        );
        let rows = store
            .reading_history(&HistoryRequest {
                meters: vec![meters[0].id],
                first_day: day_number(old),
                last_day: day_number(recent),
                from_minute: 0,
                to_minute: 1440,
            })
            .await
            .unwrap();
        assert_eq!(
            rows.iter().map(|r| r.day).collect::<Vec<_>>(),
            vec![day_number(recent)]
        );
    }
}
