//! A session settled on both backends: baselines at the start, provisional then final results as
//! data arrives, points paid once, corrections as new ledger entries, and clear reasons for
//! households without a baseline.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::baseline::Eligibility;
use domain::calendar::Calendar;
use domain::household::{TariffCode, TimeZone as HouseholdZone};
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ReadingLimits, validate};
use domain::session::{Audience, SessionState, SessionWindow};
use engine::{Engine, EngineSettings};
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

/// Quarter-hours of `kwh` for a meter over `[from, to)`, skipping `[skip_from, skip_to)`.
async fn readings(
    store: &Store,
    meter: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    kwh: f64,
    skip: (DateTime<Utc>, DateTime<Utc>),
) {
    let mut batch = Vec::new();
    let mut at = from;
    while at < to {
        if at < skip.0 || at >= skip.1 {
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
        }
        at += Duration::minutes(15);
    }
    store.upsert_readings(&batch).await.unwrap();
}

#[tokio::test]
async fn a_session_settles_provisionally_then_finally_and_pays_once() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let calendar = Calendar::cyprus(2024..=2030, []);
        let engine = Engine::new(
            store.clone(),
            EngineSettings {
                calendar,
                eligibility: Eligibility::default(),
                settlement_window: Duration::days(21),
            },
        );

        // A Wednesday well in the past, 17:00–19:00 in Nicosia (UTC+2 in winter).
        let date = NaiveDate::from_ymd_opt(2025, 11, 19).unwrap();
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 15, 0, 0).unwrap();
        let end = start + Duration::hours(2);
        let (steady, steady_meter) =
            household(&store, "steady@example.com", Some("CY-STEADY")).await;
        let (no_meter, _) = household(&store, "nometer@example.com", None).await;
        let (sparse, sparse_meter) =
            household(&store, "sparse@example.com", Some("CY-SPARSE")).await;
        let history_start = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap();
        let day_after =
            Utc.from_utc_datetime(&(date + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap());
        readings(
            &store,
            steady_meter.unwrap(),
            history_start,
            day_after,
            0.25,
            (start, end),
        )
        .await;
        readings(
            &store,
            sparse_meter.unwrap(),
            start - Duration::days(3),
            start,
            0.25,
            (start, start),
        )
        .await;

        let plan = SessionPlan {
            title: "Evening peak".into(),
            description: String::new(),
            window: SessionWindow {
                starts_at: start,
                ends_at: end,
                join_deadline: start,
            },
            points_per_kwh: 100,
            opt_in_bonus: 10,
            audience: Audience::Everyone,
            baseline_method: "like-days".into(),
            surprise: false,
        };
        let session = store.create_session(&plan, None).await.unwrap();
        for user in [steady, no_meter, sparse] {
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

        assert_eq!(engine.compute_baselines(&session).await.unwrap(), 3);
        let result = |user| {
            let store = store.clone();
            let id = session.id;
            async move { store.session_result(id, user).await.unwrap().unwrap() }
        };
        let pending = result(steady).await;
        assert_eq!(
            (pending.status.as_str(), pending.baseline_kwh),
            ("pending", Some(2.0)),
            "identical days: 0.5 kWh per half hour"
        );
        let missing = result(no_meter).await;
        assert_eq!(
            (missing.status.as_str(), missing.reason.as_deref()),
            (
                "insufficient_data",
                Some("no meter is linked to the household")
            )
        );
        let thin = result(sparse).await;
        assert!(
            thin.reason
                .as_deref()
                .unwrap()
                .contains("% of expected readings"),
            "{thin:?}"
        );

        // The session's own readings have not arrived: provisional, only the opt-in bonus so far.
        let now = end + Duration::hours(1);
        let first = engine.settle(&session, now).await.unwrap();
        assert!(!first.is_complete());
        assert_eq!(
            engine.reward(&session).await.unwrap(),
            1,
            "the opt-in bonus"
        );
        assert_eq!(result(steady).await.status, "provisional");
        assert_eq!(store.points_balance(steady).await.unwrap(), 10);

        // They arrive: 0.15 instead of 0.25 per quarter-hour saves 0.8 kWh, 80 points.
        readings(&store, steady_meter.unwrap(), start, end, 0.15, (end, end)).await;
        let second = engine.settle(&session, now).await.unwrap();
        assert!(second.is_complete(), "{second:?}");
        assert_eq!(
            engine.reward(&session).await.unwrap(),
            1,
            "the savings points"
        );
        let settled = result(steady).await;
        assert_eq!(
            (
                settled.status.as_str(),
                settled.saved_kwh,
                settled.actual_kwh
            ),
            ("final", Some(0.8), Some(1.2))
        );
        assert_eq!(store.points_balance(steady).await.unwrap(), 90);
        engine.settle(&session, now).await.unwrap();
        assert_eq!(
            engine.reward(&session).await.unwrap(),
            0,
            "settling and rewarding again pays nothing"
        );
        assert_eq!(
            store.points_balance(no_meter).await.unwrap()
                + store.points_balance(sparse).await.unwrap(),
            0
        );

        // The utility corrects one quarter-hour; recomputing adds a correcting entry.
        readings(
            &store,
            steady_meter.unwrap(),
            start,
            start + Duration::minutes(15),
            0.25,
            (end, end),
        )
        .await;
        let corrected = engine.recompute(&session, steady, now).await.unwrap();
        assert_eq!(corrected.ledger_entries, 1);
        assert_eq!(result(steady).await.saved_kwh, Some(0.7));
        assert_eq!(store.points_balance(steady).await.unwrap(), 80);
        let ledger = store
            .points_ledger(steady, domain::paging::PageRequest::default())
            .await
            .unwrap();
        assert_eq!(
            ledger
                .items
                .iter()
                .map(|e| e.entry.points)
                .collect::<Vec<_>>(),
            vec![-10, 80, 10]
        );
    }
}

#[tokio::test]
async fn three_successful_sessions_in_a_row_earn_the_streak_bonus_once() {
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
        let (user, meter) = household(&store, "streak@example.com", Some("CY-STREAK")).await;
        let meter = meter.unwrap();
        // Wednesdays, Thursday and Friday of one week, 17:00–19:00 Nicosia.
        let starts: Vec<DateTime<Utc>> = (19..=21)
            .map(|day| Utc.with_ymd_and_hms(2025, 11, day, 15, 0, 0).unwrap())
            .collect();
        let history_start = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap();
        let end_of_week = Utc.with_ymd_and_hms(2025, 11, 22, 0, 0, 0).unwrap();
        readings(
            &store,
            meter,
            history_start,
            end_of_week,
            0.25,
            (starts[0], starts[0]),
        )
        .await;
        let mut balances = Vec::new();
        for start in &starts {
            let end = *start + Duration::hours(2);
            readings(&store, meter, *start, end, 0.2, (end, end)).await;
            let mut plan_ = SessionPlan {
                title: "Streak".into(),
                description: String::new(),
                window: SessionWindow {
                    starts_at: *start,
                    ends_at: end,
                    join_deadline: *start,
                },
                points_per_kwh: 10,
                opt_in_bonus: 0,
                audience: Audience::Everyone,
                baseline_method: "like-days".into(),
                surprise: false,
            };
            plan_.title.push_str(&start.to_rfc3339());
            let session = store.create_session(&plan_, None).await.unwrap();
            store.join_session(session.id, user).await.unwrap();
            store
                .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
                .await
                .unwrap();
            let session = store
                .set_session_state(session.id, SessionState::Scheduled, SessionState::Live)
                .await
                .unwrap();
            engine.compute_baselines(&session).await.unwrap();
            assert!(
                engine
                    .settle(&session, end + Duration::days(1))
                    .await
                    .unwrap()
                    .is_complete()
            );
            engine.reward(&session).await.unwrap();
            engine.reward(&session).await.unwrap();
            balances.push(store.points_balance(user).await.unwrap());
        }
        let ledger = store
            .points_ledger(user, domain::paging::PageRequest::default())
            .await
            .unwrap();
        let streaks: Vec<i64> = ledger
            .items
            .iter()
            .filter(|e| e.entry.reason == "streak_bonus")
            .map(|e| e.entry.points)
            .collect();
        assert_eq!(streaks, vec![50], "{balances:?}");
    }
}

#[tokio::test]
async fn like_days_missing_from_recent_weeks_are_found_further_back() {
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
        // Wednesday 19 November 2025, 17:00–19:00 in Nicosia. Nothing arrived 29 October –
        // 3 November nor on 17–18 November, so the three weeks before hold only 9 complete
        // weekdays: the tenth is Monday 27 October (28 October is a holiday), when the
        // household used 0.35 instead of 0.25 kWh per quarter-hour.
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 15, 0, 0).unwrap();
        let (user, meter) = household(&store, "patchy@example.com", Some("CY-PATCHY")).await;
        let meter = meter.unwrap();
        let at = |m, d| Utc.with_ymd_and_hms(2025, m, d, 0, 0, 0).unwrap();
        let none = (at(1, 1), at(1, 1));
        readings(&store, meter, at(10, 1), at(10, 29), 0.35, none).await;
        readings(&store, meter, at(11, 4), at(11, 17), 0.25, none).await;
        let session = store
            .create_session(
                &SessionPlan {
                    title: "Evening peak".into(),
                    description: String::new(),
                    window: SessionWindow {
                        starts_at: start,
                        ends_at: start + Duration::hours(2),
                        join_deadline: start,
                    },
                    points_per_kwh: 100,
                    opt_in_bonus: 10,
                    audience: Audience::Everyone,
                    baseline_method: "like-days".into(),
                    surprise: false,
                },
                None,
            )
            .await
            .unwrap();
        store.join_session(session.id, user).await.unwrap();
        engine.compute_baselines(&session).await.unwrap();
        let result = store
            .session_result(session.id, user)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (result.status.as_str(), result.baseline_kwh),
            ("pending", Some(2.08)),
            "(9 × 0.5 + 0.7) / 10 kWh per half hour over four: {result:?}"
        );
    }
}

#[tokio::test]
async fn readings_that_never_complete_are_settled_finally_once_the_window_has_passed() {
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
        // 17:00–19:00 in Nicosia on a past Wednesday; only the first hour's readings ever arrive,
        // 0.15 kWh per quarter hour against a steady 0.25.
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 15, 0, 0).unwrap();
        let end = start + Duration::hours(2);
        let (user, meter) = household(&store, "late@example.com", Some("CY-LATE")).await;
        let meter = meter.unwrap();
        let history_start = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap();
        readings(&store, meter, history_start, start, 0.25, (start, start)).await;
        readings(
            &store,
            meter,
            start,
            start + Duration::hours(1),
            0.15,
            (end, end),
        )
        .await;
        // One household leaves just as the session starts (its baseline is already taken), one
        // unlinks its meter afterwards: both are still settled.
        let (left, left_meter) = household(&store, "left@example.com", Some("CY-LEFT")).await;
        readings(
            &store,
            left_meter.unwrap(),
            history_start,
            end,
            0.25,
            (end, end),
        )
        .await;
        let (unlinked, unlinked_meter) =
            household(&store, "unlinked@example.com", Some("CY-GONE")).await;
        readings(
            &store,
            unlinked_meter.unwrap(),
            history_start,
            start,
            0.25,
            (start, start),
        )
        .await;
        let session = store
            .create_session(
                &SessionPlan {
                    title: "Evening peak".into(),
                    description: String::new(),
                    window: SessionWindow {
                        starts_at: start,
                        ends_at: end,
                        join_deadline: start,
                    },
                    points_per_kwh: 100,
                    opt_in_bonus: 10,
                    audience: Audience::Everyone,
                    baseline_method: "like-days".into(),
                    surprise: false,
                },
                None,
            )
            .await
            .unwrap();
        for household in [user, left, unlinked] {
            store.join_session(session.id, household).await.unwrap();
        }
        for (from, to) in [
            (SessionState::Draft, SessionState::Scheduled),
            (SessionState::Scheduled, SessionState::Live),
        ] {
            store.set_session_state(session.id, from, to).await.unwrap();
        }
        engine.compute_baselines(&session).await.unwrap();
        store.leave_session(session.id, left).await.unwrap();
        store
            .unlink_meter(unlinked, &MeterId::parse("CY-GONE").unwrap())
            .await
            .unwrap();
        let deadline = engine.settlement_deadline(&session);
        assert_eq!(deadline, end + Duration::days(21));

        let status = async |household| {
            store
                .session_result(session.id, household)
                .await
                .unwrap()
                .unwrap()
                .status
        };
        for now in [end + Duration::hours(1), deadline - Duration::seconds(1)] {
            let pass = engine.settle(&session, now).await.unwrap();
            assert!(!pass.is_complete(), "{now}: {pass:?}");
            assert_eq!(
                (
                    status(user).await,
                    status(left).await,
                    status(unlinked).await
                ),
                ("provisional".into(), "final".into(), "pending".into()),
                "{now}"
            );
        }
        let last = engine.settle(&session, deadline).await.unwrap();
        assert!(last.is_complete(), "{last:?}");
        assert_eq!(status(unlinked).await, "final", "without measured data");
        let result = store
            .session_result(session.id, user)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                result.status.as_str(),
                result.data_complete,
                result.baseline_kwh,
                result.saved_kwh
            ),
            ("final", false, Some(1.0), Some(0.4)),
            "the measured hour only"
        );
        engine.reward(&session).await.unwrap();
        assert_eq!(store.points_balance(user).await.unwrap(), 40 + 10);
    }
}

#[tokio::test]
async fn a_stored_session_past_local_midnight_is_refused_with_the_planning_rule() {
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
        // 23:00–01:00 in Nicosia (UTC+2 in November).
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 21, 0, 0).unwrap();
        let session = store
            .create_session(
                &SessionPlan {
                    title: "Too late".into(),
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
                    surprise: false,
                },
                None,
            )
            .await
            .unwrap();
        let refused = engine.compute_baselines(&session).await.unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("ends_at must end on the local day the session starts"),
            "{refused}"
        );
    }
}
