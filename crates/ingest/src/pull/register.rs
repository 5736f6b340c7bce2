//! The customer register kept in step with the utility's system: a scheduled pull, page by page
//! after a watermark, like the meter-data pulls (docs/RULES.md, "Connecting a meter").
//!
//! Protocol: `GET {url}?limit=N[&since=RFC3339]` with `Authorization: Bearer {token}`, answering
//! JSON `{"lines": [{"meter_id", "account_number", "district"?, "tariff_code",
//! "interval_minutes"?}], "next_since": RFC3339, "more": bool}`. `since` is the system's own
//! cursor (for example when a line last changed there). Each page is stored with its cursor in one
//! transaction, so a crash re-reads one page and changes nothing twice; a line the register
//! refuses is counted and logged, never stored.

use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::onboarding::RegisterEntry;
use serde::Deserialize;
use store::Store;
use tokio::sync::watch;

use super::{HttpSource, HttpSourceSettings, PullError};

/// Pages read in one pull at most, so a system that always says `more` cannot hold a pull for
/// ever.
const MAX_PAGES_PER_PULL: u32 = 10_000;

/// One line as the system sends it.
#[derive(Debug, Deserialize)]
struct WireLine {
    meter_id: String,
    account_number: String,
    #[serde(default)]
    district: Option<String>,
    tariff_code: String,
    #[serde(default)]
    interval_minutes: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct WirePage {
    lines: Vec<WireLine>,
    next_since: Option<DateTime<Utc>>,
    #[serde(default)]
    more: bool,
}

/// What one pull stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RegisterPullSummary {
    /// Pages read.
    pub pages: u32,
    /// Lines stored.
    pub stored: u64,
    /// Lines refused.
    pub refused: u64,
    /// Households whose meter changed hands.
    pub links_ended: u64,
}

/// The connector to the utility's customer register.
#[derive(Debug, Clone)]
pub struct RegisterSource {
    http: HttpSource,
}

impl RegisterSource {
    /// A connector with the same rules as the meter-data one (https, the token never over
    /// plain http unless allowed, capped answers).
    pub fn new(settings: HttpSourceSettings) -> Result<Self, PullError> {
        Ok(Self {
            http: HttpSource::new(settings)?,
        })
    }

    /// The name its imports are recorded under.
    pub fn name(&self) -> &str {
        &self.http.settings().name
    }

    /// Reads pages after the stored watermark until the system is caught up, storing each with
    /// its cursor.
    pub async fn pull(
        &self,
        store: &Store,
        districts: &[String],
    ) -> Result<RegisterPullSummary, PullError> {
        let mut summary = RegisterPullSummary::default();
        let mut since = store.register_watermark(self.name()).await?;
        let url = &self.http.settings().url;
        while summary.pages < MAX_PAGES_PER_PULL {
            let (_, body) = self.http.get_page(since, "application/json").await?;
            let page: WirePage = serde_json::from_slice(&body)
                .map_err(|error| PullError::Source(format!("{url}: unreadable page: {error}")))?;
            let mut entries = Vec::with_capacity(page.lines.len());
            let mut refused = 0;
            for line in &page.lines {
                let interval = line.interval_minutes.map(|m| m.to_string());
                match RegisterEntry::parse(
                    &line.meter_id,
                    &line.account_number,
                    line.district.as_deref().unwrap_or(""),
                    &line.tariff_code,
                    interval.as_deref().unwrap_or(""),
                    districts,
                ) {
                    Ok(entry) => entries.push(entry),
                    Err(reason) => {
                        refused += 1;
                        tracing::warn!(source = self.name(), meter = %line.meter_id, %reason, "register line refused");
                    }
                }
            }
            let watermark = page.next_since.or(since);
            let outcome = store
                .import_register(&entries, self.name(), refused, watermark)
                .await?;
            summary.pages += 1;
            summary.stored += outcome.stored;
            summary.refused += refused;
            summary.links_ended += outcome.links_ended;
            // A page that does not move the cursor cannot lead anywhere new.
            if !page.more || watermark == since {
                break;
            }
            since = watermark;
        }
        Ok(summary)
    }

    /// Pulls every `every` until `shutdown`; a failed pull is logged and retried at the next.
    pub async fn run(
        self,
        store: Store,
        districts: Vec<String>,
        every: Duration,
        mut shutdown: watch::Receiver<bool>,
    ) {
        loop {
            let pulled = tokio::select! {
                pulled = self.pull(&store, &districts) => pulled,
                _ = shutdown.changed() => return,
            };
            match pulled {
                Ok(summary) if summary.stored + summary.refused > 0 => tracing::info!(
                    source = self.name(),
                    pages = summary.pages,
                    stored = summary.stored,
                    refused = summary.refused,
                    moved_out = summary.links_ended,
                    "pulled the customer register"
                ),
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(source = self.name(), %error, "register pull failed; retrying at the next tick");
                }
            }
            tokio::select! {
                () = tokio::time::sleep(every) => {}
                _ = shutdown.changed() => return,
            }
        }
    }
}
