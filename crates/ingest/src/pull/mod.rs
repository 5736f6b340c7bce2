//! Scheduled pulls from systems that hold meter data: the utility's meter data management
//! system over HTTP, or the simulator in embedded mode.
//!
//! Each source keeps a watermark in the database: the cursor up to which it has been read. A pull
//! asks for the page after the watermark, stores it with the same validated, idempotent upsert as
//! every other path, and only then moves the watermark. A crash between the two re-reads one
//! page, which the upsert turns into "unchanged" readings: nothing is lost and nothing doubles.

mod http;
pub mod page;
mod register;
#[cfg(feature = "simulated")]
mod simulated;

use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};
use store::{SourceKind, Store, StoreError};
use tokio::sync::watch;

pub use http::{HttpSource, HttpSourceSettings, PageFormat};
pub use register::{RegisterPullSummary, RegisterSource};
#[cfg(feature = "simulated")]
pub use simulated::SimulatedSource;

use crate::{IngestReport, Ingestor, ParsedRow, RowRef};

/// One page of readings from a source.
#[derive(Debug, Default)]
pub struct Page {
    /// The rows, parsed but not yet validated.
    pub rows: Vec<ParsedRow>,
    /// Where the next page starts; `None` keeps the current watermark.
    pub watermark: Option<DateTime<Utc>>,
    /// Whether the source has more right away (otherwise wait for the next scheduled pull).
    pub more: bool,
}

/// Why a pull stopped early.
#[derive(Debug, thiserror::Error)]
pub enum PullError {
    /// The source could not be reached or answered something unreadable.
    #[error("{0}")]
    Source(String),
    /// Our own database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A system readings are pulled from, page by page after a watermark.
pub trait MeterDataSource: Send + Sync {
    /// The data-source name the readings are counted against.
    fn name(&self) -> &str;
    /// How the source is listed to admins.
    fn kind(&self) -> SourceKind;
    /// The page after `since` (`None`: from the source's beginning).
    fn fetch(
        &self,
        since: Option<DateTime<Utc>>,
    ) -> impl Future<Output = Result<Page, PullError>> + Send;
}

/// What a pull did, for logs and the command line.
#[derive(Debug, Default)]
pub struct PullSummary {
    /// Pages read.
    pub pages: u64,
    /// What the stored readings did.
    pub report: IngestReport,
}

/// Reads pages until the source has nothing more, moving `watermark` after each stored page.
/// Refused rows go to the dead-letter table with their reason, like those of the MQTT feed.
pub async fn pull_until_caught_up<S: MeterDataSource>(
    source: &S,
    ingestor: &Ingestor,
    watermark: &mut Option<DateTime<Utc>>,
) -> Result<PullSummary, PullError> {
    let mut summary = PullSummary::default();
    loop {
        let page = source.fetch(*watermark).await?;
        let report = ingestor.ingest(page.rows).await?;
        for rejected in &report.rejects {
            let row = match rejected.row {
                RowRef::Line(line) => format!("line {line}"),
                RowRef::Index(index) => format!("reading {index}"),
            };
            let since = watermark.map_or_else(|| "the beginning".to_owned(), |w| w.to_rfc3339());
            let payload = format!(
                "{row} of the page after {since}: meter {}",
                rejected.meter_id.as_deref().unwrap_or("?")
            );
            ingestor
                .store()
                .add_dead_letter(ingestor.source_id(), &payload, &rejected.reason.to_string())
                .await?;
        }
        summary.pages += 1;
        summary.report.add(report);
        if let Some(next) = page.watermark {
            ingestor
                .store()
                .set_watermark(ingestor.source_id(), next)
                .await?;
            *watermark = Some(next);
        }
        if !page.more || page.watermark.is_none() {
            return Ok(summary);
        }
    }
}

/// Pulls from `source` now and then every `every` until `shutdown` turns true. Errors of the
/// source are logged and retried at the next tick; only a failure to register the source ends it.
pub async fn run<S: MeterDataSource>(
    source: S,
    ingestor_for: impl FnOnce(i64) -> Ingestor,
    store: Store,
    every: Duration,
    mut shutdown: watch::Receiver<bool>,
) -> Result<(), StoreError> {
    let record = store.ensure_source(source.name(), source.kind()).await?;
    let ingestor = ingestor_for(record.id);
    let mut watermark = record.watermark;
    loop {
        let pulled = tokio::select! {
            pulled = pull_until_caught_up(&source, &ingestor, &mut watermark) => pulled,
            _ = shutdown.changed() => return Ok(()),
        };
        match pulled {
            Ok(summary) if summary.report.counts.accepted() + summary.report.rejected > 0 => {
                tracing::info!(
                    source = source.name(),
                    pages = summary.pages,
                    inserted = summary.report.counts.inserted,
                    updated = summary.report.counts.updated,
                    rejected = summary.report.rejected,
                    watermark = ?watermark,
                    "pulled meter data"
                );
            }
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(source = source.name(), %error, "pull failed; retrying at the next tick");
            }
        }
        tokio::select! {
            () = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => return Ok(()),
        }
    }
}
