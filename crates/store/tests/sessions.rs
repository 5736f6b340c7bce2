//! Sessions, participation, results and the points ledger on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, DurationRound, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::paging::PageRequest;
use domain::session::{Audience, SessionRules, SessionState, SessionWindow};
use store::testing::each_backend;
use store::{
    NewPointsEntry, NewUser, PoolOptions, SessionPlan, SessionResultRecord, Store, StoreError,
};
use uuid::Uuid;

fn plan(start: DateTime<Utc>, hours: i64) -> SessionPlan {
    SessionPlan {
        title: "Evening peak".into(),
        description: "Use less between 17:00 and 19:00".into(),
        greek: Default::default(),
        window: SessionWindow::new(
            start,
            start + Duration::hours(hours),
            start - Duration::hours(1),
            &SessionRules::default(),
        )
        .unwrap(),
        points_per_kwh: 100,
        opt_in_bonus: 10,
        audience: Audience::Districts {
            districts: vec!["Limassol".into()],
        },
        baseline_method: domain::baseline::MethodName::LikeDays,
        surprise: false,
    }
}

/// A household's result: 3 kWh of baseline, `saved` kWh of it saved.
fn outcome(session: Uuid, user: Uuid, saved: f64, status: &str) -> SessionResultRecord {
    SessionResultRecord {
        session_id: session,
        user_id: user,
        status: domain::settlement::ResultStatus::parse(status).unwrap(),
        reason: None,
        baseline_kwh: Some(3.0),
        actual_kwh: Some(3.0 - saved),
        saved_kwh: Some(saved),
        periods: Vec::new(),
        data_complete: status == "final",
        computed_at: Utc::now(),
    }
}

async fn consumer(store: &Store, email: &str) -> Uuid {
    store
        .create_user(NewUser {
            email: Email::parse(email).unwrap(),
            display_name: DisplayName::parse("Household").unwrap(),
            password_hash: "x".into(),
            role: Role::Consumer,
            tariff_code: TariffCode::parse("01").unwrap(),
            time_zone: TimeZone::parse("Europe/Nicosia").unwrap(),
            language: domain::language::Language::English,
        })
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn sessions_move_only_forward_and_overlaps_are_found() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let start = (Utc::now() + Duration::days(2))
            .duration_trunc(Duration::hours(1))
            .unwrap();
        let session = store.create_session(&plan(start, 2), None).await.unwrap();
        assert_eq!(session.state, SessionState::Draft);
        assert_eq!(
            store.session(session.id).await.unwrap().plan,
            plan(start, 2),
            "the plan round-trips"
        );

        let mut longer = plan(start, 3);
        longer.title = "Longer".into();
        let edited = store
            .update_session_plan(session.id, SessionState::Draft, &longer)
            .await
            .unwrap();
        assert_eq!(edited.plan.title, "Longer");

        let scheduled = store
            .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
            .await
            .unwrap();
        assert!(scheduled.announced_at.is_some());
        let page = PageRequest::default();
        assert_eq!(
            store
                .upcoming_sessions(start - Duration::minutes(1), page)
                .await
                .unwrap()
                .total,
            1
        );
        assert_eq!(
            store.upcoming_sessions(start, page).await.unwrap().total,
            0,
            "started: not upcoming"
        );
        let again = store
            .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
            .await
            .unwrap_err();
        assert!(
            matches!(&again, StoreError::Conflict(m) if m.contains("scheduled now")),
            "{again}"
        );
        let stale_edit = store
            .update_session_plan(session.id, SessionState::Draft, &plan(start, 1))
            .await
            .unwrap_err();
        assert!(matches!(stale_edit, StoreError::Conflict(_)));
        assert_eq!(
            store.session(session.id).await.unwrap().plan.title,
            "Longer",
            "nothing was lost"
        );

        let later = plan(start + Duration::hours(3), 1);
        assert!(
            store
                .overlapping_sessions(&later.window, None)
                .await
                .unwrap()
                .is_empty(),
            "back to back is fine"
        );
        let clash = plan(start + Duration::hours(2), 2);
        assert_eq!(
            store
                .overlapping_sessions(&clash.window, None)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(
            store
                .overlapping_sessions(&clash.window, Some(session.id))
                .await
                .unwrap()
                .is_empty()
        );

        assert!(
            store
                .sessions_due(start - Duration::minutes(1))
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(store.sessions_due(start).await.unwrap().len(), 1);

        let listed = store
            .list_sessions(&[SessionState::Scheduled], true, PageRequest::default())
            .await
            .unwrap();
        assert_eq!((listed.total, listed.items[0].id), (1, session.id));
        assert_eq!(
            store
                .list_sessions(&[SessionState::Live], true, PageRequest::default())
                .await
                .unwrap()
                .total,
            0
        );
        store
            .set_session_state(session.id, SessionState::Scheduled, SessionState::Cancelled)
            .await
            .unwrap();
        assert!(
            store
                .overlapping_sessions(&clash.window, None)
                .await
                .unwrap()
                .is_empty(),
            "cancelled sessions free their time"
        );
    }
}

#[tokio::test]
async fn joining_results_and_points_are_each_recorded_once() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let start = (Utc::now() + Duration::days(2))
            .duration_trunc(Duration::hours(1))
            .unwrap();
        let session = store.create_session(&plan(start, 2), None).await.unwrap();
        let (a, b) = (
            consumer(&store, "a@example.com").await,
            consumer(&store, "b@example.com").await,
        );
        store.join_session(session.id, a).await.unwrap();
        store.join_session(session.id, b).await.unwrap();
        let twice = store.join_session(session.id, a).await.unwrap_err();
        assert!(matches!(&twice, StoreError::Conflict(m) if m == "already joined this session"));
        store.leave_session(session.id, b).await.unwrap();
        assert!(matches!(
            store.leave_session(session.id, b).await,
            Err(StoreError::NotFound(_))
        ));
        assert_eq!(
            store.session_participants(session.id).await.unwrap(),
            vec![a]
        );
        assert_eq!(store.session(session.id).await.unwrap().participants, 1);
        assert_eq!(
            store
                .joined_sessions(a, &[session.id, Uuid::now_v7()])
                .await
                .unwrap(),
            vec![session.id]
        );

        let result = |saved: f64, status: &str| outcome(session.id, a, saved, status);
        store
            .save_session_results(&[result(1.0, "provisional")])
            .await
            .unwrap();
        store
            .save_session_results(&[result(1.5, "final")])
            .await
            .unwrap();
        let stored = store.session_result(session.id, a).await.unwrap().unwrap();
        assert_eq!(
            (stored.status.as_str(), stored.saved_kwh),
            ("final", Some(1.5))
        );
        assert_eq!(
            store
                .session_results(session.id, PageRequest::default())
                .await
                .unwrap()
                .total,
            1
        );
        // Text with quotes, commas, backslashes and newlines, and missing figures, come back as
        // they were written.
        let awkward = SessionResultRecord {
            reason: Some("only 7% arrived, \"meter\" offline\\\nsince 02:00".into()),
            baseline_kwh: None,
            actual_kwh: None,
            saved_kwh: None,
            periods: vec![domain::settlement::PeriodFigures {
                start: chrono::DateTime::parse_from_rfc3339("2026-07-15T14:00:00Z")
                    .unwrap()
                    .into(),
                baseline_kwh: 0.5,
                actual_kwh: None,
            }],
            status: domain::settlement::ResultStatus::InsufficientData,
            ..result(0.0, "final")
        };
        store
            .save_session_results(std::slice::from_ref(&awkward))
            .await
            .unwrap();
        let stored = store.session_result(session.id, a).await.unwrap().unwrap();
        assert_eq!(
            (stored.reason, stored.periods, stored.saved_kwh),
            (awkward.reason, awkward.periods, None)
        );
        store
            .save_session_results(&[result(1.5, "final")])
            .await
            .unwrap();

        let entry = |reference: &str, points: i64| NewPointsEntry {
            user_id: a,
            reason: domain::rewards::LedgerReason::SessionSavings,
            reference: reference.into(),
            points,
            note: Some("after \"late\" data,\nfrom 2 meters".into()),
        };
        let reference = session.id.to_string();
        assert_eq!(
            store
                .append_points(&[entry(&reference, 100)])
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            store
                .append_points(&[entry(&reference, 100)])
                .await
                .unwrap(),
            0,
            "never paid twice"
        );
        assert_eq!(
            store
                .append_points(&[entry(&format!("{reference}#2"), 50)])
                .await
                .unwrap(),
            1,
            "a correction is a new entry"
        );
        assert_eq!(
            store
                .points_paid(
                    &[a, b],
                    domain::rewards::LedgerReason::SessionSavings,
                    &reference
                )
                .await
                .unwrap(),
            [(
                a,
                domain::rewards::PaidSoFar {
                    points: 150,
                    entries: 2
                }
            )]
            .into_iter()
            .collect()
        );
        assert_eq!(store.points_balance(a).await.unwrap(), 150);
        assert_eq!(
            store
                .points_ledger(a, PageRequest::default())
                .await
                .unwrap()
                .items[0]
                .entry
                .note
                .as_deref(),
            Some("after \"late\" data,\nfrom 2 meters")
        );
        assert_eq!(store.points_balance(b).await.unwrap(), 0);
        let ledger = store
            .points_ledger(a, PageRequest::default())
            .await
            .unwrap();
        assert_eq!(
            ledger
                .items
                .iter()
                .map(|e| e.entry.points)
                .collect::<Vec<_>>(),
            vec![50, 100],
            "newest first"
        );

        // Per session: the bonus with the same reference and the correction count; another
        // household's entries and another session's do not.
        let other = Uuid::now_v7();
        store
            .append_points(&[
                NewPointsEntry {
                    reason: domain::rewards::LedgerReason::OptInBonus,
                    ..entry(&reference, 10)
                },
                entry(&format!("{reference}#3"), -20),
                entry(&other.to_string(), 7),
                NewPointsEntry {
                    user_id: b,
                    ..entry(&reference, 999)
                },
            ])
            .await
            .unwrap();
        assert_eq!(
            store
                .points_by_session(a, &[session.id, Uuid::now_v7()])
                .await
                .unwrap(),
            [(session.id, 140)].into_iter().collect()
        );
        assert_eq!(
            store
                .points_by_session(b, &[session.id, other])
                .await
                .unwrap(),
            [(session.id, 999)].into_iter().collect()
        );
    }
}

fn enrolment(i: usize) -> store::Enrolment {
    store::Enrolment {
        email: Email::parse(&format!("bulk{i}@example.com")).unwrap(),
        display_name: DisplayName::parse(&format!("Bulk {i}")).unwrap(),
        household_name: domain::household::HouseholdName::parse(&format!("Home {i}")).unwrap(),
        password_hash: "x".into(),
        tariff_code: TariffCode::parse("01").unwrap(),
        time_zone: TimeZone::parse("Europe/Nicosia").unwrap(),
        meter_id: domain::meter::MeterId::parse(&format!("CY-BULK{i:05}")).unwrap(),
        interval: domain::meter::IntervalLength::FifteenMinutes,
    }
}

#[tokio::test]
async fn a_customer_list_is_enrolled_whole_or_not_at_all_and_joins_once() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let batch: Vec<_> = (0..2_500).map(enrolment).collect();
        let users = store.enrol_households(&batch).await.unwrap();
        assert_eq!(users.len(), 2_500);
        let meters = store.household_meters_of(&users).await.unwrap();
        assert_eq!(meters.len(), 2_500);
        assert_eq!(store.household(users[7]).await.unwrap().name, "Home 7");

        // A list with one known meter id is refused whole: nobody of it is enrolled.
        let clash = vec![enrolment(5_000), {
            let mut again = enrolment(5_001);
            again.meter_id = batch[3].meter_id.clone();
            again
        }];
        assert!(store.enrol_households(&clash).await.is_err());
        let before = store.account_counts().await.unwrap();
        assert_eq!(
            (before.households_registered, before.meters_linked),
            (2_500, 2_500)
        );

        let start = (Utc::now() + Duration::days(3))
            .duration_trunc(Duration::hours(1))
            .unwrap();
        let session = store.create_session(&plan(start, 2), None).await.unwrap();
        store.join_session(session.id, users[0]).await.unwrap();
        assert_eq!(
            store.join_session_many(session.id, &users).await.unwrap(),
            2_499,
            "the household already in is left as it is"
        );
        assert_eq!(
            store.join_session_many(session.id, &users).await.unwrap(),
            0
        );
        assert_eq!(
            store.session_participants(session.id).await.unwrap().len(),
            2_500
        );
        let mut of_session = store.participant_meters(session.id).await.unwrap();
        let mut of_households = meters.clone();
        of_session.sort_unstable_by_key(|m| m.meter);
        of_households.sort_unstable_by_key(|m| m.meter);
        // Enrolled in bulk, with no link history: every reading is the household's.
        assert!(of_session.iter().all(|m| m.periods.is_always()));
        assert_eq!(of_session, of_households);
        assert_eq!(store.account_counts().await.unwrap(), before);
    }
}

#[tokio::test]
async fn earlier_sessions_of_households_within_the_lookback_and_in_order() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let a = consumer(&store, "a@example.com").await;
        let b = consumer(&store, "b@example.com").await;
        let now = Utc::now().duration_trunc(Duration::hours(1)).unwrap();
        let mut sessions = Vec::new();
        for days_ago in [60, 10, 5, 3, 1] {
            let session = store
                .create_session(&plan(now - Duration::days(days_ago), 1), None)
                .await
                .unwrap();
            store.join_session(session.id, a).await.unwrap();
            sessions.push(session);
        }
        let [old, ten, five, cancelled, current] = &sessions[..] else {
            unreachable!()
        };
        store
            .set_session_state(cancelled.id, SessionState::Draft, SessionState::Cancelled)
            .await
            .unwrap();
        store.join_session(current.id, b).await.unwrap();
        let start = |s: &store::SessionRecord| s.plan.window.starts_at;

        let within = store
            .joined_session_starts(&[a, b], start(current) - Duration::days(46), start(current))
            .await
            .unwrap();
        let mut starts: Vec<_> = within.iter().map(|(user, at)| (*user == a, *at)).collect();
        starts.sort_unstable();
        assert_eq!(
            starts,
            [(true, start(ten)), (true, start(five))],
            "neither the session 60 days ago, the cancelled one nor the current one"
        );

        let result = |session: &store::SessionRecord, saved: f64, status: &str| {
            outcome(session.id, a, saved, status)
        };
        store
            .save_session_results(&[
                result(five, 0.3, "final"),
                result(old, 1.0, "final"),
                result(ten, -0.5, "final"),
                result(current, 2.0, "final"),
            ])
            .await
            .unwrap();
        let outcomes = store
            .earlier_final_outcomes(&[a, b], start(current))
            .await
            .unwrap();
        assert_eq!(outcomes.get(&a), Some(&vec![true, false, true]));
        assert!(!outcomes.contains_key(&b), "no earlier session");
        assert!(
            store
                .earlier_final_outcomes(&[a], start(old))
                .await
                .unwrap()
                .is_empty(),
            "nothing before the first session"
        );
    }
}
