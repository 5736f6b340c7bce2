//! The demo's meter history, delivered before the server answers anyone: the simulated meter data
//! system's pages up to the last half hour that has ended, through the same source, validation
//! and watermark as the live feed, which then carries on from there.
//!
//! One thing is held back on purpose: late data is normal for real meters, so the demo consumer's
//! meter has not yet reported the last hour of one past session. That session's result stays
//! provisional, as a real one would while a meter data system catches up.

use chrono::{DateTime, Utc};
use ingest::Ingestor;
use ingest::pull::{MeterDataSource, Page, PullError, SimulatedSource, pull_until_caught_up};
use store::{SourceKind, Store};

use crate::config::Config;

/// Readings of one meter over `[from, to)` that have not arrived yet.
#[derive(Debug, Clone)]
pub struct LateReadings {
    /// The utility's meter id.
    pub meter_id: String,
    /// Start of the missing stretch.
    pub from: DateTime<Utc>,
    /// End of the missing stretch.
    pub to: DateTime<Utc>,
}

impl LateReadings {
    fn holds(&self, meter_id: &str, at: DateTime<Utc>) -> bool {
        meter_id == self.meter_id && at >= self.from && at < self.to
    }
}

/// The simulated source without the late readings.
struct WithLateReadings {
    source: SimulatedSource,
    late: Option<LateReadings>,
}

impl MeterDataSource for WithLateReadings {
    fn name(&self) -> &str {
        self.source.name()
    }

    fn kind(&self) -> SourceKind {
        self.source.kind()
    }

    async fn fetch(&self, since: Option<DateTime<Utc>>) -> Result<Page, PullError> {
        let mut page = self.source.fetch(since).await?;
        if let Some(late) = &self.late {
            page.rows.retain(|(_, row)| {
                !row.as_ref()
                    .is_ok_and(|reading| late.holds(&reading.meter_id, reading.interval_start))
            });
        }
        Ok(page)
    }
}

/// Pulls the simulated history up to now (from the source's watermark, so a second start only
/// adds what is new), leaving out `late`. Returns the readings stored.
pub async fn deliver(
    config: &Config,
    store: &Store,
    late: Option<LateReadings>,
) -> anyhow::Result<u64> {
    let source = WithLateReadings {
        source: config
            .meter_data
            .simulator
            .source(config.time_zone(), store),
        late,
    };
    let record = store.ensure_source(source.name(), source.kind()).await?;
    let ingestor = Ingestor::new(store.clone(), config.reading_limits(), record.id);
    let mut watermark = record.watermark;
    let summary = pull_until_caught_up(&source, &ingestor, &mut watermark).await?;
    Ok(summary.report.counts.inserted + summary.report.counts.updated)
}
