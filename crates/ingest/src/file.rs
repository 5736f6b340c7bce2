//! Streaming CSV import of any size: a blocking reader thread parses lines into batches while the
//! async side validates and stores the previous batch, so parsing and database work overlap.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use store::StoreError;
use tokio::sync::mpsc;

use crate::csv::parse_row;
use crate::{IngestReport, Ingestor, ParsedRow};

/// Readings per stored batch: large enough to amortise a round trip, small enough to bound memory.
pub const DEFAULT_BATCH: usize = 100_000;

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Storing a batch failed; the batches before it are stored.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Progress of one file, reported after every batch.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Bytes of the file consumed so far.
    pub bytes: u64,
    /// Rows processed so far.
    pub rows: u64,
}

struct Batch {
    rows: Vec<ParsedRow>,
    bytes: u64,
}

/// Imports one CSV file (`meter_id,interval_start,kwh[,quality]`, optional header). Returns the
/// report of the whole file; `on_progress` is called after each stored batch.
pub async fn import_csv(
    ingestor: &Ingestor,
    path: &Path,
    batch_size: usize,
    mut on_progress: impl FnMut(Progress, &IngestReport),
) -> Result<IngestReport, ImportError> {
    let file = File::open(path).map_err(|source| ImportError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let (sender, mut receiver) = mpsc::channel::<Result<Batch, std::io::Error>>(2);
    let batch_size = batch_size.max(1);
    let reader = std::thread::spawn(move || read_batches(file, batch_size, &sender));
    let mut report = IngestReport::default();
    let mut progress = Progress::default();
    while let Some(batch) = receiver.recv().await {
        let batch = batch.map_err(|source| ImportError::Read {
            path: path.display().to_string(),
            source,
        })?;
        progress.bytes = batch.bytes;
        progress.rows += batch.rows.len() as u64;
        report.add(ingestor.ingest(batch.rows).await?);
        on_progress(progress, &report);
    }
    // The reader ends when the file does or the receiver is gone; its errors arrived above.
    let _ = reader.join();
    Ok(report)
}

fn read_batches(
    file: File,
    batch_size: usize,
    sender: &mpsc::Sender<Result<Batch, std::io::Error>>,
) {
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    let mut number = 0u64;
    let mut bytes = 0u64;
    let mut rows = Vec::with_capacity(batch_size);
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(read) => {
                number += 1;
                bytes += read as u64;
                let text = line.strip_suffix(b"\n").unwrap_or(&line);
                let Some(row) = parse_row(number, text) else {
                    continue;
                };
                rows.push(row);
                if rows.len() >= batch_size {
                    let full = std::mem::replace(&mut rows, Vec::with_capacity(batch_size));
                    if sender
                        .blocking_send(Ok(Batch { rows: full, bytes }))
                        .is_err()
                    {
                        return;
                    }
                }
            }
            Err(error) => {
                let _ = sender.blocking_send(Err(error));
                return;
            }
        }
    }
    if !rows.is_empty() {
        let _ = sender.blocking_send(Ok(Batch { rows, bytes }));
    }
}
