//! Retention of dead letters: they are kept for inspection, not for ever, since every one holds
//! up to 4 KiB of whatever a publisher sent.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::entity::{data_source, dead_letter};
use crate::{Store, StoreError};

/// Dead letters deleted per statement, so a long backlog never holds the write lock for long
/// (SQLite has one writer) and the id list stays far below every backend's parameter limit.
const PURGE_CHUNK: u64 = 5_000;

impl Store {
    /// Deletes the dead letters received before `before` and returns how many went. Works
    /// source by source on the `(source_id, received_at)` index, in chunks; running it again
    /// deletes nothing more, so the retention job may repeat.
    pub async fn purge_dead_letters(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let sources: Vec<i64> = data_source::Entity::find()
            .select_only()
            .column(data_source::Column::Id)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut purged = 0;
        for source in sources {
            loop {
                let ids: Vec<i64> = dead_letter::Entity::find()
                    .select_only()
                    .column(dead_letter::Column::Id)
                    .filter(dead_letter::Column::SourceId.eq(source))
                    .filter(dead_letter::Column::ReceivedAt.lt(before))
                    .limit(PURGE_CHUNK)
                    .into_tuple()
                    .all(&self.db)
                    .await?;
                let full = ids.len() as u64 == PURGE_CHUNK;
                if ids.is_empty() {
                    break;
                }
                purged += dead_letter::Entity::delete_many()
                    .filter(dead_letter::Column::Id.is_in(ids))
                    .exec(&self.db)
                    .await?
                    .rows_affected;
                if !full {
                    break;
                }
            }
        }
        Ok(purged)
    }
}
