//! Baselines after a move (docs/RULES.md, "Whose readings"): the household that moved out keeps
//! its own history for the sessions it joined before, and the one that moved in is judged only
//! on its own days, on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone, Utc};
use domain::meter::MeterId;
use engine::testing::engine_on;
use store::SessionPlan;
use store::testing::{
    backdate_links, consumer, each_backend, quarter_hour_meter, session_plan, steady_readings,
};

fn utc(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, month, day, hour, 0, 0).unwrap()
}

#[tokio::test]
async fn each_household_is_measured_against_its_own_days_of_a_shared_meter() {
    for database in each_backend().await {
        let (store, engine) = engine_on(&database).await;
        let backend = database.backend().name();
        let leaving = consumer(&store, "leaving@example.com").await;
        let arriving = consumer(&store, "arriving@example.com").await;
        let meter = quarter_hour_meter(&store, leaving, "CY-MOVED-1").await;
        let id = MeterId::parse("CY-MOVED-1").unwrap();
        store.unlink_meter(leaving, &id).await.unwrap();
        store
            .link_meter(arriving, &id, domain::meter::IntervalLength::FifteenMinutes)
            .await
            .unwrap();
        // The move happened at local midnight starting Friday 14 November 2025.
        let moved = utc(11, 13, 22);
        let ended = store.meter_link_history(leaving).await.unwrap()[0]
            .ended_at
            .unwrap();
        backdate_links(&store, "CY-MOVED-1", ended - moved).await;
        // The household that left used 0.35 kWh a quarter hour, the one that came 0.25.
        steady_readings(&store, meter, utc(10, 1, 0)..moved, 0.35).await;
        steady_readings(&store, meter, moved..utc(11, 28, 0), 0.25).await;

        let baseline = |user, start| {
            let (store, engine) = (store.clone(), engine.clone());
            async move {
                let plan = SessionPlan {
                    opt_in_bonus: 10,
                    ..session_plan("Evening peak", start, 2)
                };
                let session = store.create_session(&plan, None).await.unwrap();
                store.join_session(session.id, user).await.unwrap();
                engine.compute_baselines(&session).await.unwrap();
                store
                    .session_result(session.id, user)
                    .await
                    .unwrap()
                    .unwrap()
            }
        };
        // Wednesday 12 November, before the move: the household that left keeps its history.
        let before = baseline(leaving, utc(11, 12, 15)).await;
        assert_eq!(
            (before.status.as_str(), before.baseline_kwh),
            ("pending", Some(2.8)),
            "{backend}: {before:?}"
        );
        // Wednesday 19 November: five days of its own of the fifteen the rule needs.
        let early = baseline(arriving, utc(11, 19, 15)).await;
        assert_eq!(
            early.status.as_str(),
            "insufficient_data",
            "{backend}: {early:?}"
        );
        // Thursday 27 November: eligible on its own days, and its baseline is its own use only
        // (the previous occupant's 12 and 13 November would have made it 2.16).
        let later = baseline(arriving, utc(11, 27, 15)).await;
        assert_eq!(
            (later.status.as_str(), later.baseline_kwh),
            ("pending", Some(2.0)),
            "{backend}: {later:?}"
        );
    }
}
