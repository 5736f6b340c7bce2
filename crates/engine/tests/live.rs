//! Live progress on both backends: many households' progress computed together is each
//! household's own, in the order asked, and the programme's aggregate adds them up.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, TimeZone, Utc};
use domain::session::SessionState;
use engine::LiveProgress;
use engine::testing::engine_on;
use store::SessionPlan;
use store::testing::{consumer, each_backend, quarter_hour_meter, session_plan, steady_readings};
use uuid::Uuid;

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
        let (store, engine) = engine_on(&database).await;

        // A Wednesday in the past, 17:00–19:00 in Nicosia; the first hour of it has arrived.
        let start = Utc.with_ymd_and_hms(2025, 11, 19, 15, 0, 0).unwrap();
        let history_start = Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap();
        let small = consumer(&store, "small@example.com").await;
        let small_meter = quarter_hour_meter(&store, small, "CY-SMALL").await;
        let large = consumer(&store, "large@example.com").await;
        let large_meter = quarter_hour_meter(&store, large, "CY-LARGE").await;
        let no_meter = consumer(&store, "nometer@example.com").await;
        steady_readings(&store, small_meter, history_start..start, 0.25).await;
        steady_readings(&store, large_meter, history_start..start, 0.5).await;
        let session = store
            .create_session(
                &SessionPlan {
                    surprise: true,
                    ..session_plan("Evening", start, 2)
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
        steady_readings(&store, small_meter, start..first_hour, 0.1).await;
        steady_readings(&store, large_meter, start..first_hour, 0.3).await;

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
