//! Reading stored days back: whole days for consumption charts, and a window of each day for
//! many meters at once for baselines (the database cuts the window out, so only it travels).

use domain::consumption::IntervalReading;
use domain::reading::Quality;
use sqlx::{AssertSqlSafe, Row};

use crate::{Backend, Store, StoreError};

/// Which readings to fetch: meters, an inclusive range of UTC day numbers, and the minutes of the
/// UTC day to keep (`0..1440` for whole days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRequest {
    /// Meter storage keys.
    pub meters: Vec<i64>,
    /// First UTC day number.
    pub first_day: i32,
    /// Last UTC day number (inclusive).
    pub last_day: i32,
    /// First minute of the UTC day to keep.
    pub from_minute: u32,
    /// Minute after the last one to keep.
    pub to_minute: u32,
}

/// A stored day, cut to the requested window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRow {
    /// Meter storage key.
    pub meter: i64,
    /// UTC day number.
    pub day: i32,
    /// Minutes per slot (15 or 30).
    pub interval_minutes: u32,
    /// Slot index (within the day) of the first entry of `readings`.
    pub first_slot: usize,
    /// Watt-hours and quality per slot of the window; `None` where nothing arrived.
    pub readings: Vec<Option<(u32, Quality)>>,
}

impl DayRow {
    /// The readings that arrived, with their interval starts.
    pub fn intervals(&self) -> impl Iterator<Item = IntervalReading> + '_ {
        let day_start = domain::reading::day_start(self.day);
        let step = i64::from(self.interval_minutes);
        self.readings
            .iter()
            .enumerate()
            .filter_map(move |(offset, reading)| {
                let (wh, quality) = (*reading)?;
                let slot = i64::try_from(self.first_slot + offset).unwrap_or_default();
                Some(IntervalReading {
                    start: day_start + chrono::Duration::minutes(slot * step),
                    wh,
                    quality,
                })
            })
    }
}

/// Meters per concurrent query on PostgreSQL.
const POSTGRES_CHUNK: usize = 20_000;

/// Meters per query on SQLite (bound parameters).
const SQLITE_CHUNK: usize = crate::IDS_PER_QUERY;

const SELECT_WINDOW: &str = "SELECT meter_id, day, length(wh) / 4 AS slots,
    substr(wh, 1 + 4 * ((FROM_MINUTE * (length(wh) / 4)) / 1440), 4 * (((TO_MINUTE - FROM_MINUTE) * (length(wh) / 4)) / 1440)) AS window,
    estimated FROM meter_days";

fn to_row(
    meter: i64,
    day: i32,
    slots: i64,
    window: &[u8],
    estimated: &[u8],
    from_minute: u32,
) -> Result<DayRow, StoreError> {
    let slots = usize::try_from(slots).unwrap_or_default().max(1);
    if estimated.len() != slots.div_ceil(8) || !window.len().is_multiple_of(4) {
        return Err(StoreError::Corrupt(format!(
            "meter_days row ({meter}, {day}) has inconsistent lengths"
        )));
    }
    let interval_minutes = u32::try_from(1440 / slots).unwrap_or(15);
    let first_slot = (from_minute / interval_minutes) as usize;
    let readings = window
        .chunks_exact(4)
        .enumerate()
        .map(|(offset, bytes)| {
            let value = i32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            let slot = first_slot + offset;
            let quality = if estimated[slot / 8] & (1 << (slot % 8)) != 0 {
                Quality::Estimated
            } else {
                Quality::Actual
            };
            u32::try_from(value).ok().map(|wh| (wh, quality))
        })
        .collect();
    Ok(DayRow {
        meter,
        day,
        interval_minutes,
        first_slot,
        readings,
    })
}

impl Store {
    /// Stored days for many meters, cut to a window of minutes of each UTC day. Days with no row
    /// are simply absent.
    pub async fn reading_history(
        &self,
        request: &HistoryRequest,
    ) -> Result<Vec<DayRow>, StoreError> {
        let from = request.from_minute.min(1440);
        let to = request.to_minute.clamp(from, 1440);
        let select = SELECT_WINDOW
            .replace("FROM_MINUTE", &from.to_string())
            .replace("TO_MINUTE", &to.to_string());
        let mut out = Vec::new();
        match self.backend {
            Backend::Postgres => {
                // Chunks run concurrently on separate connections: the server decodes and ships
                // rows on several cores, and no single query sorts millions of rows.
                let sql = format!("{select} WHERE meter_id = ANY($1) AND day BETWEEN $2 AND $3");
                let mut tasks = tokio::task::JoinSet::new();
                for chunk in request.meters.chunks(POSTGRES_CHUNK) {
                    let pool = self.db.get_postgres_connection_pool().clone();
                    let (sql, chunk) = (sql.clone(), chunk.to_vec());
                    let (first_day, last_day) = (request.first_day, request.last_day);
                    tasks.spawn(async move {
                        let rows = sqlx::query(AssertSqlSafe(sql))
                            .bind(chunk)
                            .bind(first_day)
                            .bind(last_day)
                            .fetch_all(&pool)
                            .await?;
                        rows.iter()
                            .map(|row| {
                                to_row(
                                    row.try_get(0)?,
                                    row.try_get(1)?,
                                    i64::from(row.try_get::<i32, _>(2)?),
                                    row.try_get(3)?,
                                    row.try_get(4)?,
                                    from,
                                )
                            })
                            .collect::<Result<Vec<DayRow>, StoreError>>()
                    });
                }
                while let Some(chunk) = tasks.join_next().await {
                    let rows = chunk.map_err(|error| {
                        StoreError::Database(sea_orm::DbErr::Custom(format!(
                            "history query task failed: {error}"
                        )))
                    })??;
                    out.extend(rows);
                }
                out.sort_unstable_by_key(|row| (row.meter, row.day));
            }
            Backend::Sqlite => {
                for chunk in request.meters.chunks(SQLITE_CHUNK) {
                    let placeholders = vec!["?"; chunk.len()].join(",");
                    let sql = format!(
                        "{select} WHERE day BETWEEN ? AND ? AND meter_id IN ({placeholders}) ORDER BY meter_id, day"
                    );
                    let mut query = sqlx::query(AssertSqlSafe(sql))
                        .bind(request.first_day)
                        .bind(request.last_day);
                    for meter in chunk {
                        query = query.bind(meter);
                    }
                    for row in query
                        .fetch_all(self.db.get_sqlite_connection_pool())
                        .await?
                    {
                        out.push(to_row(
                            row.try_get(0)?,
                            row.try_get(1)?,
                            row.try_get(2)?,
                            row.try_get(3)?,
                            row.try_get(4)?,
                            from,
                        )?);
                    }
                }
            }
        }
        Ok(out)
    }
}
