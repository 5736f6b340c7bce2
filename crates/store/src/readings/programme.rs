//! The whole programme's readings summed per quarter hour, for the control room's consumption
//! chart: the stored days are read in ranges of meters (each range one indexed scan, a few in
//! parallel on PostgreSQL) and decoded here, so memory stays bounded by one range, and only the
//! sums — one per quarter hour — leave the store.

use chrono::Duration;
use domain::programme::SlotTotal;
use sqlx::{AssertSqlSafe, Row};

use crate::{Backend, Store, StoreError};

/// Quarter hours per UTC day: the grid the sums are kept on (a 30-minute reading counts at its start).
const QUARTERS: usize = 96;

/// Meter ids per query: about 2,000 meters × 31 days of rows in memory at a time.
const METERS_PER_QUERY: i64 = 2_000;

/// Queries PostgreSQL runs at once, leaving the rest of the pool to requests.
const POSTGRES_PARALLEL: usize = 4;

const SELECT_DAYS: &str = "SELECT day, wh, estimated FROM meter_days WHERE meter_id BETWEEN P1 AND P2 AND day BETWEEN P3 AND P4";

/// Sums per quarter hour of the range: watt-hours, readings, any estimate.
#[derive(Debug, Clone)]
struct Sums {
    first_day: i32,
    cells: Vec<(u64, u64, bool)>,
}

impl Sums {
    fn new(first_day: i32, last_day: i32) -> Self {
        let days = usize::try_from(i64::from(last_day) - i64::from(first_day) + 1).unwrap_or(0);
        Self {
            first_day,
            cells: vec![(0, 0, false); days * QUARTERS],
        }
    }

    /// Adds one stored day: little-endian i32 watt-hours per slot (negative = missing) and a
    /// bit per slot for estimates.
    fn add(&mut self, day: i32, wh: &[u8], estimated: &[u8]) -> Result<(), StoreError> {
        let slots = wh.len() / 4;
        if slots == 0 || !QUARTERS.is_multiple_of(slots) || estimated.len() != slots.div_ceil(8) {
            return Err(StoreError::Corrupt(format!(
                "a meter_days row of day {day} has inconsistent lengths"
            )));
        }
        let Ok(offset) = usize::try_from(i64::from(day) - i64::from(self.first_day)) else {
            return Ok(());
        };
        let step = QUARTERS / slots;
        for (slot, bytes) in wh.chunks_exact(4).enumerate() {
            let value = i32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            let Ok(value) = u64::try_from(value) else {
                continue;
            };
            if let Some(cell) = self.cells.get_mut(offset * QUARTERS + slot * step) {
                cell.0 += value;
                cell.1 += 1;
                cell.2 |= estimated[slot / 8] & (1 << (slot % 8)) != 0;
            }
        }
        Ok(())
    }

    fn merge(&mut self, other: Sums) {
        for (cell, add) in self.cells.iter_mut().zip(other.cells) {
            cell.0 += add.0;
            cell.1 += add.1;
            cell.2 |= add.2;
        }
    }

    fn into_slots(self) -> Vec<SlotTotal> {
        let start = domain::reading::day_start(self.first_day);
        self.cells
            .into_iter()
            .enumerate()
            .filter(|(_, (_, readings, _))| *readings > 0)
            .map(|(index, (wh, readings, estimated))| SlotTotal {
                start: start + Duration::minutes(15 * i64::try_from(index).unwrap_or(0)),
                wh,
                readings,
                estimated,
            })
            .collect()
    }
}

fn select(backend: Backend) -> String {
    let marks = match backend {
        Backend::Postgres => ["$1", "$2", "$3", "$4"],
        Backend::Sqlite => ["?1", "?2", "?3", "?4"],
    };
    SELECT_DAYS
        .replace("P1", marks[0])
        .replace("P2", marks[1])
        .replace("P3", marks[2])
        .replace("P4", marks[3])
}

impl Store {
    /// Every meter's readings on the UTC days `first_day..=last_day`, summed per quarter-hour
    /// start (30-minute readings at theirs), oldest first; quarter hours without any reading are
    /// left out.
    pub async fn programme_slot_totals(
        &self,
        first_day: i32,
        last_day: i32,
    ) -> Result<Vec<SlotTotal>, StoreError> {
        let mut sums = Sums::new(first_day, last_day);
        let sql = select(self.backend);
        match self.backend {
            Backend::Postgres => {
                let pool = self.db.get_postgres_connection_pool();
                let (low, high): (Option<i64>, Option<i64>) =
                    sqlx::query_as("SELECT min(meter_id), max(meter_id) FROM meter_days")
                        .fetch_one(pool)
                        .await?;
                let (Some(low), Some(high)) = (low, high) else {
                    return Ok(Vec::new());
                };
                let mut ranges = (low..=high).step_by(METERS_PER_QUERY as usize);
                let mut tasks = tokio::task::JoinSet::new();
                loop {
                    while tasks.len() < POSTGRES_PARALLEL
                        && let Some(from) = ranges.next()
                    {
                        let (pool, sql) = (pool.clone(), sql.clone());
                        tasks.spawn(async move {
                            let rows = sqlx::query(AssertSqlSafe(sql))
                                .bind(from)
                                .bind(from + METERS_PER_QUERY - 1)
                                .bind(first_day)
                                .bind(last_day)
                                .fetch_all(&pool)
                                .await?;
                            let mut part = Sums::new(first_day, last_day);
                            for row in &rows {
                                part.add(row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)?;
                            }
                            Ok::<_, StoreError>(part)
                        });
                    }
                    let Some(done) = tasks.join_next().await else {
                        break;
                    };
                    let part = done.map_err(|error| {
                        StoreError::Database(sea_orm::DbErr::Custom(format!(
                            "consumption query task failed: {error}"
                        )))
                    })??;
                    sums.merge(part);
                }
            }
            Backend::Sqlite => {
                let pool = self.db.get_sqlite_connection_pool();
                let (low, high): (Option<i64>, Option<i64>) =
                    sqlx::query_as("SELECT min(meter_id), max(meter_id) FROM meter_days")
                        .fetch_one(pool)
                        .await?;
                let (Some(low), Some(high)) = (low, high) else {
                    return Ok(Vec::new());
                };
                for from in (low..=high).step_by(METERS_PER_QUERY as usize) {
                    let rows = sqlx::query(AssertSqlSafe(sql.clone()))
                        .bind(from)
                        .bind(from + METERS_PER_QUERY - 1)
                        .bind(first_day)
                        .bind(last_day)
                        .fetch_all(pool)
                        .await?;
                    for row in &rows {
                        sums.add(row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)?;
                    }
                }
            }
        }
        Ok(sums.into_slots())
    }

    /// Meters whose stored readings changed since `since` (a delivery that added or corrected a
    /// reading touches its day row): the "meters reporting" figure, one index range scan.
    pub async fn meters_reporting(
        &self,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, StoreError> {
        let sql = "SELECT count(DISTINCT meter_id) FROM meter_days WHERE updated_at >= ";
        let count: i64 = match self.backend {
            Backend::Postgres => {
                sqlx::query_scalar(AssertSqlSafe(format!("{sql}$1")))
                    .bind(since)
                    .fetch_one(self.db.get_postgres_connection_pool())
                    .await?
            }
            Backend::Sqlite => {
                sqlx::query_scalar(AssertSqlSafe(format!("{sql}?1")))
                    .bind(since)
                    .fetch_one(self.db.get_sqlite_connection_pool())
                    .await?
            }
        };
        Ok(u64::try_from(count).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_bytes(values: &[i32]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    #[test]
    fn quarter_and_half_hour_days_land_on_one_grid() {
        let mut sums = Sums::new(100, 101);
        let mut quarters = vec![-1; 96];
        quarters[0] = 250;
        quarters[95] = 100;
        let mut estimated = vec![0u8; 12];
        estimated[11] = 0b1000_0000;
        sums.add(100, &day_bytes(&quarters), &estimated).unwrap();
        let mut halves = vec![-1; 48];
        halves[1] = 500;
        sums.add(101, &day_bytes(&halves), &[0u8; 6]).unwrap();
        // Outside the range: ignored.
        sums.add(99, &day_bytes(&halves), &[0u8; 6]).unwrap();
        let slots = sums.into_slots();
        let start = domain::reading::day_start(100);
        assert_eq!(
            slots
                .iter()
                .map(|s| (
                    (s.start - start).num_minutes(),
                    s.wh,
                    s.readings,
                    s.estimated
                ))
                .collect::<Vec<_>>(),
            vec![
                (0, 250, 1, false),
                (95 * 15, 100, 1, true),
                (1440 + 30, 500, 1, false)
            ]
        );
        assert!(Sums::new(1, 1).add(1, &[0, 0, 0], &[]).is_err());
    }
}
