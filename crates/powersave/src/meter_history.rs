//! The job that asks the meter data system for a newly connected meter's recent history
//! (docs/RULES.md, "Connecting a meter"). Simulated meters (the demo's) get theirs from the
//! simulator through the same validated, idempotent ingestion as every reading; a real meter's
//! history comes from the utility's system through the source bound to the meter, so the job
//! records what has arrived. Either way the request is marked answered, once. A household that
//! moved in is given no day before its move-in: those readings are the previous occupant's.

use chrono::DurationRound;
use domain::meter::MeterId;
use domain::reading::ReadingLimits;
use ingest::Ingestor;
use ingest::pull::SimulatedSource;
use store::{SourceKind, Store, StoreError};

/// Where the history of simulated meters comes from.
#[derive(Clone)]
pub struct HistoryFetch {
    /// The simulated meter data system.
    pub simulator: SimulatedSource,
    /// Validation limits, as for every reading.
    pub limits: ReadingLimits,
}

/// Answers request `id`: fetches what the meter data system has for it and marks it answered.
/// A request answered already, or gone, is left as it is, so a job delivered twice does nothing.
pub async fn fetch(
    store: &Store,
    simulated: Option<&HistoryFetch>,
    id: i64,
) -> Result<(), StoreError> {
    let Some(request) = store.history_request(id).await? else {
        return Ok(());
    };
    if request.completed_at.is_some() {
        return Ok(());
    }
    let meter_id = MeterId::parse(&request.meter_id)
        .map_err(|_| StoreError::Corrupt(format!("history request {id}: meter id")))?;
    let meter = store
        .meters_by_utility_ids(&[meter_id.as_str().to_owned()])
        .await?
        .remove(meter_id.as_str());
    let is_simulated = store.is_simulated_meter(meter_id.as_str()).await?;
    let mut readings = 0;
    if let (Some(meter), Some(fetch), true) = (meter, simulated, is_simulated) {
        let to = chrono::Utc::now();
        let from = to - chrono::Duration::days(i64::from(request.days));
        // Only the days that are the household's: none before its move-in (docs/RULES.md,
        // "Whose readings").
        let periods = store
            .household_meters_of(&[request.user_id])
            .await?
            .into_iter()
            .find(|held| held.meter == meter.id)
            .map(|held| held.periods)
            .unwrap_or_default();
        let rows: Vec<_> = periods
            .covered(from, to)
            .into_iter()
            .flat_map(|(from, to)| {
                // From the first whole interval: a move mid-interval leaves that one to nobody.
                let step = meter.interval.minutes().into();
                let from = from
                    .duration_round_up(chrono::Duration::minutes(step))
                    .unwrap_or(from);
                fetch
                    .simulator
                    .meter_history(meter_id.as_str(), meter.interval, from, to)
            })
            .collect();
        let source = store
            .ensure_source(
                ingest::pull::MeterDataSource::name(&fetch.simulator),
                SourceKind::Simulator,
            )
            .await?;
        let report = Ingestor::new(store.clone(), fetch.limits, source.id)
            .ingest(rows)
            .await?;
        readings = report.counts.inserted + report.counts.updated;
    }
    store.complete_history_request(id, readings).await?;
    tracing::info!(meter = %meter_id, days = request.days, readings, simulated = is_simulated, "meter history fetched");
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use domain::meter::IntervalLength;
    use store::testing::{consumer, each_backend};

    use super::*;
    use crate::feeds::SimulatorFeedConfig;

    /// The simulated meter data system, as `serve` passes it to the job.
    fn simulated_history(store: &store::Store) -> HistoryFetch {
        HistoryFetch {
            simulator: SimulatorFeedConfig::default().source(chrono_tz::Europe::Nicosia, store),
            limits: ReadingLimits::default(),
        }
    }

    #[tokio::test]
    async fn a_connected_simulated_meter_gets_its_history_once_and_a_real_one_is_answered_as_it_is()
    {
        for database in each_backend().await {
            let (store, _) = engine::testing::engine_on(&database).await;
            let home = consumer(&store, "home@example.com").await;
            let simulated = MeterId::parse("CY-SIM-0000777").unwrap();
            store
                .link_simulated_meter(home, &simulated, IntervalLength::FifteenMinutes)
                .await
                .unwrap();
            let fetch = simulated_history(&store);
            let request = store
                .request_meter_history(home, &simulated, 2)
                .await
                .unwrap();
            super::fetch(&store, Some(&fetch), request.id)
                .await
                .unwrap();
            let answered = store.history_request(request.id).await.unwrap().unwrap();
            assert!(
                answered.completed_at.is_some(),
                "{}",
                database.backend().name()
            );
            // Two days of quarter hours, give or take the half hour that has not ended.
            let readings = answered.readings.unwrap();
            assert!((188..=192).contains(&readings), "{readings}");
            // Delivered twice, the job changes nothing.
            super::fetch(&store, Some(&fetch), request.id)
                .await
                .unwrap();
            assert_eq!(
                store.history_request(request.id).await.unwrap().unwrap(),
                answered
            );

            // A real meter gets nothing made up: the request is answered with what is there.
            let neighbour = consumer(&store, "neighbour@example.com").await;
            let real = MeterId::parse("CY-REAL-1").unwrap();
            store
                .link_meter(neighbour, &real, IntervalLength::FifteenMinutes)
                .await
                .unwrap();
            let request = store
                .request_meter_history(neighbour, &real, 60)
                .await
                .unwrap();
            super::fetch(&store, Some(&fetch), request.id)
                .await
                .unwrap();
            let answered = store.history_request(request.id).await.unwrap().unwrap();
            assert_eq!(answered.readings, Some(0));
            assert!(answered.completed_at.is_some());
            // An unknown request is nothing to do.
            super::fetch(&store, Some(&fetch), 9_999).await.unwrap();
        }
    }

    #[tokio::test]
    async fn a_household_that_moved_in_is_given_no_day_before_its_move_in() {
        for database in each_backend().await {
            let (store, _) = engine::testing::engine_on(&database).await;
            let meter = MeterId::parse("CY-SIM-0000778").unwrap();
            let leaving = consumer(&store, "leaving@example.com").await;
            let arriving = consumer(&store, "arriving@example.com").await;
            store
                .link_simulated_meter(leaving, &meter, IntervalLength::FifteenMinutes)
                .await
                .unwrap();
            store.unlink_meter(leaving, &meter).await.unwrap();
            store
                .link_simulated_meter(arriving, &meter, IntervalLength::FifteenMinutes)
                .await
                .unwrap();
            // The previous household left a day ago.
            store::testing::backdate_links(&store, meter.as_str(), chrono::Duration::days(1)).await;
            let fetch = simulated_history(&store);
            let request = store
                .request_meter_history(arriving, &meter, 2)
                .await
                .unwrap();
            super::fetch(&store, Some(&fetch), request.id)
                .await
                .unwrap();
            let answered = store.history_request(request.id).await.unwrap().unwrap();
            // One day of quarter hours of the two asked for, give or take the ones the move
            // and the running half hour cut.
            let readings = answered.readings.unwrap();
            assert!(
                (92..=96).contains(&readings),
                "{}: {readings}",
                database.backend().name()
            );
        }
    }
}
