//! Households' progress on both backends: plants grow and badges are awarded from real session
//! results, once however often (or however concurrently) the evaluation runs, also after it
//! stopped half-way; late data changes the garden but never takes a badge back; a lapsed
//! household's garden wilts and recovers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, DurationRound, Utc};
use domain::progress::badges::BadgeKey;
use domain::progress::garden::GardenHealth;
use domain::progress::levels::LevelKey;
use domain::rewards::LedgerReason;
use domain::session::SessionState;
use domain::settlement::ResultStatus;
use engine::Engine;
use engine::testing::engine_on;
use store::testing::{consumer, each_backend, session_plan};
use store::{NewBadgeAward, SessionRecord, SessionResultRecord, Store};
use uuid::Uuid;

/// A session `days` from now, held (settling) with `results` (household, kWh saved) final.
async fn held_session(
    store: &Store,
    days: i64,
    surprise: bool,
    results: &[(Uuid, f64)],
) -> SessionRecord {
    let start = Utc::now().duration_trunc(Duration::hours(1)).unwrap() + Duration::days(days);
    let plan = store::SessionPlan {
        opt_in_bonus: 10,
        surprise,
        ..session_plan(&format!("Session {days}"), start, 2)
    };
    let session = store.create_session(&plan, None).await.unwrap();
    for (user, _) in results {
        store.join_session(session.id, *user).await.unwrap();
    }
    for (from, to) in [
        (SessionState::Draft, SessionState::Scheduled),
        (SessionState::Scheduled, SessionState::Live),
        (SessionState::Live, SessionState::Settling),
    ] {
        store.set_session_state(session.id, from, to).await.unwrap();
    }
    save_results(store, &session, results).await;
    store.session(session.id).await.unwrap()
}

async fn save_results(store: &Store, session: &SessionRecord, results: &[(Uuid, f64)]) {
    let records: Vec<SessionResultRecord> = results
        .iter()
        .map(|&(user, saved)| SessionResultRecord {
            session_id: session.id,
            user_id: user,
            status: ResultStatus::Final,
            reason: None,
            baseline_kwh: Some(2.0),
            actual_kwh: Some(2.0 - saved),
            saved_kwh: Some(saved),
            periods: Vec::new(),
            data_complete: true,
            computed_at: Utc::now(),
        })
        .collect();
    store.save_session_results(&records).await.unwrap();
}

/// Pays and evaluates a session as the jobs do after settlement.
async fn pay_and_evaluate(engine: &Engine, session: &SessionRecord) {
    engine.reward(session).await.unwrap();
    engine
        .evaluate_session_progress(session, Utc::now())
        .await
        .unwrap();
}

async fn badge_entries(store: &Store, user: Uuid) -> Vec<String> {
    let page = domain::paging::PageRequest::new(None, Some(100)).unwrap();
    let mut references: Vec<String> = store
        .points_ledger(user, page)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|e| e.entry.reason == LedgerReason::Badge)
        .map(|e| e.entry.reference)
        .collect();
    references.sort();
    references
}

#[tokio::test]
async fn gardens_grow_and_badges_are_awarded_once_from_session_results() {
    for database in each_backend().await {
        let (store, engine) = engine_on(&database).await;
        let saver = consumer(&store, "saver@example.com").await;
        let lapsed = consumer(&store, "lapsed@example.com").await;
        let mut sessions = Vec::new();
        for day in 1..=5 {
            let mut results = vec![(saver, 0.6)];
            if day <= 2 {
                results.push((lapsed, 0.4));
            }
            let session = held_session(&store, day, day == 3, &results).await;
            pay_and_evaluate(&engine, &session).await;
            sessions.push(session);
        }

        let progress = engine
            .household_progress(saver, Utc::now())
            .await
            .unwrap()
            .unwrap();
        let garden = &progress.progress.garden;
        assert_eq!(garden.plants.len(), 5, "one plant per successful session");
        assert_eq!(progress.plant_sessions[0], sessions[0].id);
        assert_eq!(garden.health, GardenHealth::Thriving);
        assert!((garden.saved_kwh - 3.0).abs() < 1e-9);
        assert_eq!(progress.progress.streak.current, 5);
        for badge in [
            BadgeKey::FirstSession,
            BadgeKey::RunOf3,
            BadgeKey::RunOf5,
            BadgeKey::DeepCut,
            BadgeKey::SurpriseSaver,
            BadgeKey::TopTenPercent,
        ] {
            assert!(
                progress.awarded.contains_key(&badge),
                "{badge:?}: {progress:?}"
            );
        }
        assert_eq!(
            progress.awarded[&BadgeKey::FirstSession],
            sessions[0].plan.window.starts_at
        );
        assert!(!progress.awarded.contains_key(&BadgeKey::Saved10Kwh));
        let paid = badge_entries(&store, saver).await;
        assert_eq!(paid.len(), progress.awarded.len(), "{paid:?}");
        assert!(paid.contains(&"badge:run_of_5".to_owned()));
        // 5 × (60 + 10) points for the sessions, a streak bonus at the third, badge points: past
        // Sprout, and each level on the way recorded once.
        assert!(progress.progress.level.level >= LevelKey::Sprout);
        assert!(progress.progress.level.reached_at.is_some());

        // Running the evaluation again, and twice at once, records nothing more.
        let last = sessions.last().unwrap();
        let (again, concurrent) = tokio::join!(
            engine.evaluate_session_progress(last, Utc::now()),
            engine.evaluate_session_progress(last, Utc::now()),
        );
        let (again, concurrent) = (again.unwrap(), concurrent.unwrap());
        assert_eq!(again.badges_awarded + concurrent.badges_awarded, 0);
        assert_eq!(again.levels_reached + concurrent.levels_reached, 0);
        assert_eq!(badge_entries(&store, saver).await, paid);

        // Late data: the first session saved nothing after all. The garden follows the facts;
        // the badges it earned stay.
        save_results(&store, &sessions[0], &[(saver, -0.2), (lapsed, 0.4)]).await;
        engine
            .recompute(&sessions[0], saver, Utc::now())
            .await
            .unwrap();
        engine
            .evaluate_households(&[saver], Utc::now())
            .await
            .unwrap();
        let after = engine
            .household_progress(saver, Utc::now())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.progress.garden.plants.len(), 4);
        assert!(
            after.awarded.contains_key(&BadgeKey::RunOf5),
            "never taken back"
        );
        assert_eq!(badge_entries(&store, saver).await, paid);

        // The lapsed household missed the last three sessions open to it: its garden wilts,
        // keeps its plants, and recovers when it takes part again.
        let lapsed_now = engine
            .household_progress(lapsed, Utc::now())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(lapsed_now.progress.garden.health, GardenHealth::Wilting);
        assert_eq!(lapsed_now.progress.garden.plants.len(), 2);
        let back = held_session(&store, 6, false, &[(lapsed, 0.5), (saver, 0.5)]).await;
        pay_and_evaluate(&engine, &back).await;
        let recovering = engine
            .household_progress(lapsed, Utc::now())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(recovering.progress.garden.health, GardenHealth::Thirsty);
        assert_eq!(recovering.progress.garden.plants.len(), 3);
        // A comeback needs 30 days without a success; this gap was days.
        assert!(!recovering.awarded.contains_key(&BadgeKey::Comeback));

        // The programme view counts the latest evaluations.
        let counts = store.programme_progress().await.unwrap();
        assert_eq!(counts.households, 2);
        assert_eq!(counts.badges[&BadgeKey::FirstSession].0, 2);
        assert_eq!(
            counts.badges[&BadgeKey::FirstSession].1,
            2 * BadgeKey::FirstSession.points()
        );
    }
}

#[tokio::test]
async fn an_evaluation_that_stopped_half_way_is_completed_without_paying_twice() {
    for database in each_backend().await {
        let (store, engine) = engine_on(&database).await;
        let household = consumer(&store, "halfway@example.com").await;
        let mut last = None;
        for day in 1..=3 {
            let session = held_session(&store, day, false, &[(household, 0.7)]).await;
            engine.reward(&session).await.unwrap();
            last = Some(session);
        }
        let last = last.unwrap();
        // The job died after awarding one badge (with its points) and before anything else.
        // Whole microseconds: what PostgreSQL keeps.
        let earned_at = Utc::now()
            .duration_trunc(Duration::microseconds(1))
            .unwrap();
        store
            .award_badges(&[NewBadgeAward {
                user_id: household,
                badge: BadgeKey::FirstSession,
                earned_at,
            }])
            .await
            .unwrap();
        let summary = engine
            .evaluate_session_progress(&last, Utc::now())
            .await
            .unwrap();
        assert!(summary.badges_awarded >= 2, "{summary:?}");
        let progress = engine
            .household_progress(household, Utc::now())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            progress.awarded[&BadgeKey::FirstSession],
            earned_at,
            "the first award stands"
        );
        let paid = badge_entries(&store, household).await;
        let mut unique = paid.clone();
        unique.dedup();
        assert_eq!(paid, unique, "each badge paid once");
        assert_eq!(paid.len(), progress.awarded.len());
        // Asking for an account without a household answers nothing.
        assert!(
            engine
                .household_progress(Uuid::now_v7(), Utc::now())
                .await
                .unwrap()
                .is_none()
        );
    }
}
