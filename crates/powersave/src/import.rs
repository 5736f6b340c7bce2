//! `powersave import readings FILE…`: streaming CSV import with a progress bar and a summary.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use ingest::{IngestReport, Ingestor, RowRef};
use store::{SourceKind, Store};

use crate::config::Config;

/// Imports each file in turn into the named source; prints a summary per file and in total.
pub async fn readings(
    config: &Config,
    store: &Store,
    files: &[PathBuf],
    source: &str,
    batch: usize,
) -> anyhow::Result<IngestReport> {
    let source = store.ensure_source(source, SourceKind::File).await?;
    let ingestor = Ingestor::new(store.clone(), config.reading_limits(), source.id);
    let meters = ingestor.preload_meters().await?;
    eprintln!(
        "{meters} meters known; importing into source {:?}",
        source.name
    );
    let mut total = IngestReport::default();
    for file in files {
        let size = std::fs::metadata(file)
            .with_context(|| format!("cannot read {}", file.display()))?
            .len();
        let bar = ProgressBar::new(size);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {bar:40} {bytes}/{total_bytes} {msg} ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let started = Instant::now();
        let report = ingest::file::import_csv(
            &ingestor,
            file,
            ingest::file::DEFAULT_BATCH.min(batch.max(1)),
            |progress, report| {
                bar.set_position(progress.bytes);
                bar.set_message(format!(
                    "{} rows, {} rejected",
                    progress.rows, report.rejected
                ));
            },
        )
        .await
        .with_context(|| format!("importing {}", file.display()))?;
        bar.finish_and_clear();
        let seconds = started.elapsed().as_secs_f64();
        let rows = report.counts.accepted() + report.rejected;
        println!(
            "{}: {rows} rows in {seconds:.1} s ({:.0} rows/s): {} inserted, {} updated, {} unchanged, {} rejected",
            file.display(),
            rows as f64 / seconds.max(1e-9),
            report.counts.inserted,
            report.counts.updated,
            report.counts.unchanged,
            report.rejected
        );
        for rejected in report.rejects.iter().take(20) {
            let place = match rejected.row {
                RowRef::Line(n) => format!("line {n}"),
                RowRef::Index(n) => format!("item {n}"),
            };
            println!("  {place}: {}", rejected.reason);
        }
        if report.rejected > 20 {
            println!("  … and {} more rejected rows", report.rejected - 20);
        }
        total.add(report);
    }
    Ok(total)
}
