//! A session settled on both backends: baselines at the start, provisional then final results as
//! data arrives, points paid once, corrections as new ledger entries, and clear reasons for
//! households without a baseline.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::meter::MeterId;
use domain::session::SessionState;
use domain::settlement::ResultStatus;
use engine::testing::engine_on;
use store::SessionPlan;
use store::testing::{
    consumer, each_backend, quarter_hour_meter, session_plan, steady_readings,
    steady_readings_except,
};

#[tokio::test]
async fn a_session_settles_provisionally_then_finally_and_pays_once() {
    for database in each_backend().await {
        let (store, engine) = engine_on(&database).await;

        // A Wednesday well in the past, 17:00–19:00 in Nicosia (UTC+2 in winter).
        let date = NaiveDate::from_ymd_opt(2025, 11, 19).unwrap();
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 15, 0, 0).unwrap();
        let end = start + Duration::hours(2);
        let steady = consumer(&store, "steady@example.com").await;
        let steady_meter = quarter_hour_meter(&store, steady, "CY-STEADY").await;
        let no_meter = consumer(&store, "nometer@example.com").await;
        let sparse = consumer(&store, "sparse@example.com").await;
        let sparse_meter = quarter_hour_meter(&store, sparse, "CY-SPARSE").await;
        let history_start = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap();
        let day_after =
            Utc.from_utc_datetime(&(date + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap());
        steady_readings_except(
            &store,
            steady_meter,
            history_start..day_after,
            0.25,
            start..end,
        )
        .await;
        steady_readings(&store, sparse_meter, start - Duration::days(3)..start, 0.25).await;

        let plan = SessionPlan {
            opt_in_bonus: 10,
            ..session_plan("Evening peak", start, 2)
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
        assert_eq!(
            result(steady).await.status,
            domain::settlement::ResultStatus::Provisional
        );
        assert_eq!(store.points_balance(steady).await.unwrap(), 10);

        // They arrive: 0.15 instead of 0.25 per quarter-hour saves 0.8 kWh, 80 points.
        steady_readings(&store, steady_meter, start..end, 0.15).await;
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
        steady_readings(
            &store,
            steady_meter,
            start..start + Duration::minutes(15),
            0.25,
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
        let (store, engine) = engine_on(&database).await;
        let user = consumer(&store, "streak@example.com").await;
        let meter = quarter_hour_meter(&store, user, "CY-STREAK").await;
        // Wednesdays, Thursday and Friday of one week, 17:00–19:00 Nicosia.
        let starts: Vec<DateTime<Utc>> = (19..=21)
            .map(|day| Utc.with_ymd_and_hms(2025, 11, day, 15, 0, 0).unwrap())
            .collect();
        let history_start = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap();
        let end_of_week = Utc.with_ymd_and_hms(2025, 11, 22, 0, 0, 0).unwrap();
        steady_readings(&store, meter, history_start..end_of_week, 0.25).await;
        let mut balances = Vec::new();
        for start in &starts {
            let end = *start + Duration::hours(2);
            steady_readings(&store, meter, *start..end, 0.2).await;
            let plan = SessionPlan {
                points_per_kwh: 10,
                ..session_plan(&format!("Streak{}", start.to_rfc3339()), *start, 2)
            };
            let session = store.create_session(&plan, None).await.unwrap();
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
            .filter(|e| e.entry.reason == domain::rewards::LedgerReason::StreakBonus)
            .map(|e| e.entry.points)
            .collect();
        assert_eq!(streaks, vec![50]);
        // Each session: like days of 0.25 kWh per quarter-hour (the earlier session days left
        // out) make a 2.0 kWh baseline; 0.2 per quarter-hour is 1.6 kWh, so 0.4 kWh saved at 10
        // points per kWh earns 4 points. The third success in a row adds the 50-point bonus, and
        // rewarding twice pays nothing more.
        assert_eq!(balances, vec![4, 8, 62]);
    }
}

#[tokio::test]
async fn like_days_missing_from_recent_weeks_are_found_further_back() {
    for database in each_backend().await {
        let (store, engine) = engine_on(&database).await;
        // Wednesday 19 November 2025, 17:00–19:00 in Nicosia. Nothing arrived 29 October –
        // 3 November nor on 17–18 November, so the three weeks before hold only 9 complete
        // weekdays: the tenth is Monday 27 October (28 October is a holiday), when the
        // household used 0.35 instead of 0.25 kWh per quarter-hour.
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 15, 0, 0).unwrap();
        let user = consumer(&store, "patchy@example.com").await;
        let meter = quarter_hour_meter(&store, user, "CY-PATCHY").await;
        let at = |m, d| Utc.with_ymd_and_hms(2025, m, d, 0, 0, 0).unwrap();
        steady_readings(&store, meter, at(10, 1)..at(10, 29), 0.35).await;
        steady_readings(&store, meter, at(11, 4)..at(11, 17), 0.25).await;
        let session = store
            .create_session(
                &SessionPlan {
                    opt_in_bonus: 10,
                    ..session_plan("Evening peak", start, 2)
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
        let (store, engine) = engine_on(&database).await;
        // 17:00–19:00 in Nicosia on a past Wednesday; only the first hour's readings ever arrive,
        // 0.15 kWh per quarter hour against a steady 0.25.
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 15, 0, 0).unwrap();
        let end = start + Duration::hours(2);
        let user = consumer(&store, "late@example.com").await;
        let meter = quarter_hour_meter(&store, user, "CY-LATE").await;
        let history_start = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap();
        steady_readings(&store, meter, history_start..start, 0.25).await;
        steady_readings(&store, meter, start..start + Duration::hours(1), 0.15).await;
        // One household leaves just as the session starts (its baseline is already taken), one
        // unlinks its meter afterwards: both are still settled, the latter on the readings of
        // the period it held the meter, which covers the session (none arrived for it).
        let left = consumer(&store, "left@example.com").await;
        let left_meter = quarter_hour_meter(&store, left, "CY-LEFT").await;
        steady_readings(&store, left_meter, history_start..end, 0.25).await;
        let unlinked = consumer(&store, "unlinked@example.com").await;
        let unlinked_meter = quarter_hour_meter(&store, unlinked, "CY-GONE").await;
        steady_readings(&store, unlinked_meter, history_start..start, 0.25).await;
        let session = store
            .create_session(
                &SessionPlan {
                    opt_in_bonus: 10,
                    ..session_plan("Evening peak", start, 2)
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
                (
                    ResultStatus::Provisional,
                    ResultStatus::Final,
                    ResultStatus::Provisional
                ),
                "{now}"
            );
        }
        let last = engine.settle(&session, deadline).await.unwrap();
        assert!(last.is_complete(), "{last:?}");
        assert_eq!(
            status(unlinked).await,
            ResultStatus::Final,
            "without measured data"
        );
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
        let (store, engine) = engine_on(&database).await;
        // 23:00–01:00 in Nicosia (UTC+2 in November).
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 21, 0, 0).unwrap();
        let session = store
            .create_session(&session_plan("Too late", start, 2), None)
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
