//! Live progress on both backends: many households' progress computed together is each
//! household's own, in the order asked, and the programme's aggregate adds them up.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::baseline::Eligibility;
use domain::calendar::Calendar;
use domain::household::{TariffCode, TimeZone as HouseholdZone};
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ReadingLimits, validate};
use domain::session::{Audience, SessionState, SessionWindow};
use engine::{Engine, EngineSettings, LiveProgress};
use store::testing::each_backend;
use store::{NewUser, PoolOptions, SessionPlan, Store};
use uuid::Uuid;

async fn household(store: &Store, email: &str, meter: Option<&str>) -> (Uuid, Option<i64>) {
    let user = store
        .create_user(NewUser {
            email: Email::parse(email).unwrap(),
            display_name: DisplayName::parse("Household").unwrap(),
            password_hash: "x".into(),
            role: Role::Consumer,
            tariff_code: TariffCode::parse("01").unwrap(),
            time_zone: HouseholdZone::parse("Europe/Nicosia").unwrap(),
        })
        .await
        .unwrap();
    let Some(meter) = meter else {
        return (user.id, None);
    };
    store
        .link_meter(
            user.id,
            &MeterId::parse(meter).unwrap(),
            IntervalLength::FifteenMinutes,
        )
        .await
        .unwrap();
    let id = store
        .meters_by_utility_ids(&[meter.to_owned()])
        .await
        .unwrap()[meter]
        .id;
    (user.id, Some(id))
}

/// Quarter hours of `kwh` for a meter over `[from, to)`.
async fn readings(store: &Store, meter: i64, from: DateTime<Utc>, to: DateTime<Utc>, kwh: f64) {
    let mut batch = Vec::new();
    let mut at = from;
    while at < to {
        batch.push(
            validate(
                meter,
                IntervalLength::FifteenMinutes,
                at,
                kwh,
                Quality::Actual,
                Utc::now(),
                &ReadingLimits::default(),
            )
            .unwrap(),
        );
        at += Duration::minutes(15);
    }
    store.upsert_readings(&batch).await.unwrap();
}

fn actuals(progress: &LiveProgress) -> Vec<(f64, u64)> {
    progress
        .periods
        .iter()
        .map(|p| ((p.actual_kwh * 1000.0).round() / 1000.0, p.reporting))
        .collect()
}

#[tokio::test]
async fn households_progress_together_is_each_households_own_and_adds_up() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let engine = Engine::new(
            store.clone(),
            EngineSettings {
                calendar: Calendar::cyprus(2024..=2030, []),
                eligibility: Eligibility::default(),
                settlement_window: Duration::days(21),
            },
        );

        // A Wednesday in the past, 17:00–19:00 in Nicosia; the first hour of it has arrived.
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 15, 0, 0).unwrap();
        let history_start = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap();
        let (small, small_meter) = household(&store, "small@example.com", Some("CY-SMALL")).await;
        let (large, large_meter) = household(&store, "large@example.com", Some("CY-LARGE")).await;
        let (no_meter, _) = household(&store, "nometer@example.com", None).await;
        readings(&store, small_meter.unwrap(), history_start, start, 0.25).await;
        readings(&store, large_meter.unwrap(), history_start, start, 0.5).await;
        let session = store
            .create_session(
                &SessionPlan {
                    title: "Evening".into(),
                    description: String::new(),
                    window: SessionWindow {
                        starts_at: start,
                        ends_at: start + Duration::hours(2),
                        join_deadline: start,
                    },
                    points_per_kwh: 100,
                    opt_in_bonus: 0,
                    audience: Audience::Everyone,
                    baseline_method: "like-days".into(),
                    surprise: true,
                },
                None,
            )
            .await
            .unwrap();
        for user in [small, large, no_meter] {
            store.join_session(session.id, user).await.unwrap();
        }
        store
            .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
            .await
            .unwrap();
        let session = store
            .set_session_state(session.id, SessionState::Scheduled, SessionState::Live)
            .await
            .unwrap();
        engine.compute_baselines(&session).await.unwrap();
        let first_hour = start + Duration::hours(1);
        readings(&store, small_meter.unwrap(), start, first_hour, 0.1).await;
        readings(&store, large_meter.unwrap(), start, first_hour, 0.3).await;

        let stranger = Uuid::now_v7();
        let together = engine
            .households_live_progress(&session, &[large, no_meter, small, stranger])
            .await
            .unwrap();
        let order: Vec<Uuid> = together.iter().map(|(user, _)| *user).collect();
        assert_eq!(order, [large, no_meter, small, stranger]);
        for (user, progress) in &together {
            let alone = engine.live_progress(&session, Some(*user)).await.unwrap();
            assert_eq!(progress, &alone, "{}", database.backend().name());
        }
        let (large_progress, small_progress) = (&together[0].1, &together[2].1);
        assert_eq!(
            actuals(small_progress),
            [(0.2, 1), (0.2, 1), (0.0, 0), (0.0, 0)]
        );
        assert_eq!(
            actuals(large_progress),
            [(0.6, 1), (0.6, 1), (0.0, 0), (0.0, 0)]
        );
        assert_eq!(small_progress.participants, 1);
        for nobody in [&together[1].1, &together[3].1] {
            assert_eq!(nobody.participants, 0);
            assert!(nobody.periods.iter().all(|p| p.baseline_kwh == 0.0));
            assert_eq!(nobody.periods.len(), 4);
        }

        let programme = engine.live_progress(&session, None).await.unwrap();
        assert_eq!(programme.participants, 2);
        assert_eq!(
            actuals(&programme),
            [(0.8, 2), (0.8, 2), (0.0, 0), (0.0, 0)]
        );
        for (i, period) in programme.periods.iter().enumerate() {
            let sum =
                small_progress.periods[i].baseline_kwh + large_progress.periods[i].baseline_kwh;
            assert!((period.baseline_kwh - sum).abs() < 1e-9);
            assert!(period.baseline_kwh > 0.0);
        }
        let saved = small_progress.saved_kwh + large_progress.saved_kwh;
        assert!((programme.saved_kwh - saved).abs() <= 0.002);
    }
}
