//! The overview's programme-wide figures on both backends: meters reporting, the whole
//! programme's consumption per quarter hour, Green Points issued and kWh saved by recent sessions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, DurationRound, TimeZone, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone as Zone};
use domain::meter::{IntervalLength, MeterId};
use domain::programme::MeterCount;
use domain::reading::{Quality, ReadingLimits, day_number, validate};
use domain::session::SessionState;
use store::testing::{each_backend, session_plan};
use store::{NewPointsEntry, NewUser, PoolOptions, SessionPlan, SessionResultRecord, Store};

async fn household(store: &Store, email: &str) -> uuid::Uuid {
    store
        .create_user(NewUser {
            email: Email::parse(email).unwrap(),
            display_name: DisplayName::parse("House").unwrap(),
            password_hash: "x".into(),
            role: Role::Consumer,
            tariff_code: TariffCode::parse("01").unwrap(),
            time_zone: Zone::parse("Europe/Nicosia").unwrap(),
            language: domain::language::Language::English,
        })
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn the_programme_consumption_is_summed_per_quarter_hour() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let backend = database.backend().name();
        assert!(store.programme_slot_totals(0, 1).await.unwrap().is_empty());
        assert_eq!(store.meters_reporting(Utc::now()).await.unwrap(), 0);
        let owner = household(&store, "meters@example.com").await;
        for (id, interval) in [
            ("CY-Q1", IntervalLength::FifteenMinutes),
            ("CY-Q2", IntervalLength::FifteenMinutes),
            ("CY-H1", IntervalLength::ThirtyMinutes),
        ] {
            store
                .link_meter(owner, &MeterId::parse(id).unwrap(), interval)
                .await
                .unwrap();
        }
        let ids = ["CY-Q1", "CY-Q2", "CY-H1"].map(String::from).to_vec();
        let meters = store.meters_by_utility_ids(&ids).await.unwrap();
        let mut counts = store.meter_counts().await.unwrap();
        counts.sort_by_key(|c| c.interval_minutes);
        assert_eq!(
            counts,
            [
                MeterCount {
                    interval_minutes: 15,
                    meters: 2
                },
                MeterCount {
                    interval_minutes: 30,
                    meters: 1
                }
            ],
            "{backend}"
        );

        let midnight = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
        let at = |meter: &str, start, kwh, quality| {
            let meter = meters[meter];
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
        };
        let readings = vec![
            at("CY-Q1", midnight, 0.25, Quality::Actual),
            at("CY-Q2", midnight, 0.5, Quality::Estimated),
            at("CY-H1", midnight, 1.0, Quality::Actual),
            at(
                "CY-Q1",
                midnight + Duration::minutes(15),
                0.125,
                Quality::Actual,
            ),
            // The next day, and a day outside the range asked for.
            at(
                "CY-H1",
                midnight + Duration::minutes(1470),
                0.5,
                Quality::Actual,
            ),
            at("CY-Q1", midnight + Duration::days(2), 9.0, Quality::Actual),
        ];
        let before = Utc::now() - Duration::seconds(1);
        store.upsert_readings(&readings).await.unwrap();
        let day = day_number(midnight);
        let slots = store.programme_slot_totals(day, day + 1).await.unwrap();
        assert_eq!(
            slots
                .iter()
                .map(|s| (
                    (s.start - midnight).num_minutes(),
                    s.wh,
                    s.readings,
                    s.estimated
                ))
                .collect::<Vec<_>>(),
            [
                (0, 1_750, 3, true),
                (15, 125, 1, false),
                (1470, 500, 1, false)
            ],
            "{backend}"
        );
        assert_eq!(
            store.meters_reporting(before).await.unwrap(),
            3,
            "{backend}"
        );
        assert_eq!(
            store
                .meters_reporting(Utc::now() + Duration::seconds(1))
                .await
                .unwrap(),
            0
        );
    }
}

fn plan(start: chrono::DateTime<Utc>) -> SessionPlan {
    session_plan("Peak", start, 1)
}

#[tokio::test]
async fn points_issued_and_kwh_saved_are_summed_in_the_database() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let backend = database.backend().name();
        assert_eq!(store.points_issued_total(None).await.unwrap(), 0);
        assert_eq!(store.saved_kwh_since(Utc::now()).await.unwrap(), 0.0);
        let a = household(&store, "a@example.com").await;
        let b = household(&store, "b@example.com").await;
        let entry = |user_id, reference: &str, points| NewPointsEntry {
            user_id,
            reason: domain::rewards::LedgerReason::SessionSavings,
            reference: reference.into(),
            points,
            note: None,
        };
        store
            .append_points(&[
                entry(a, "s1", 120),
                entry(b, "s1", 30),
                entry(a, "s1#2", -20),
            ])
            .await
            .unwrap();
        assert_eq!(
            store.points_issued_total(None).await.unwrap(),
            130,
            "{backend}"
        );
        assert_eq!(
            store
                .points_issued_total(Some(Utc::now() - Duration::hours(1)))
                .await
                .unwrap(),
            130
        );
        assert_eq!(
            store
                .points_issued_total(Some(Utc::now() + Duration::hours(1)))
                .await
                .unwrap(),
            0
        );

        let hour = Utc::now().duration_trunc(Duration::hours(1)).unwrap();
        let mut sessions = Vec::new();
        // Settled recently, settled long ago, and one still planned (its results don't count).
        for (days_ago, state) in [
            (2, SessionState::Final),
            (40, SessionState::Settling),
            (1, SessionState::Draft),
        ] {
            let session = store
                .create_session(&plan(hour - Duration::days(days_ago)), None)
                .await
                .unwrap();
            let mut current = SessionState::Draft;
            for next in [
                SessionState::Scheduled,
                SessionState::Live,
                SessionState::Settling,
                SessionState::Final,
            ] {
                if current == state {
                    break;
                }
                store
                    .set_session_state(session.id, current, next)
                    .await
                    .unwrap();
                current = next;
            }
            sessions.push(session.id);
        }
        let result = |session_id, user_id, saved| SessionResultRecord {
            session_id,
            user_id,
            status: domain::settlement::ResultStatus::Final,
            reason: None,
            baseline_kwh: Some(3.0),
            actual_kwh: Some(3.0 - saved),
            saved_kwh: Some(saved),
            periods: Vec::new(),
            data_complete: true,
            computed_at: Utc::now(),
        };
        store
            .save_session_results(&[
                result(sessions[0], a, 1.5),
                result(sessions[0], b, -0.25),
                result(sessions[1], a, 10.0),
                result(sessions[2], a, 100.0),
            ])
            .await
            .unwrap();
        let saved = store
            .saved_kwh_since(Utc::now() - Duration::days(30))
            .await
            .unwrap();
        assert!((saved - 1.25).abs() < 1e-9, "{backend}: {saved}");
    }
}
