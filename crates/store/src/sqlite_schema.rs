//! SQLite notices a schema change made on another connection only when a statement runs, not
//! when one is compiled: a pooled connection that read the schema before the migrations would
//! compile its next statement against the old schema, and an `INSERT … ON CONFLICT` naming a
//! unique index a migration created fails to prepare. After migrating, every open connection runs
//! one statement, which makes it reload the schema before anything else is compiled on it.

use crate::{Store, StoreError};

impl Store {
    /// Has every connection of the SQLite pool look at the schema once.
    pub(crate) async fn reload_sqlite_schema(&self) -> Result<(), StoreError> {
        let pool = self.db.get_sqlite_connection_pool();
        // Held together, so each acquisition is a different connection.
        let mut held = Vec::new();
        for _ in 0..pool.size() {
            let mut connection = pool.acquire().await?;
            sqlx::query("SELECT count(*) FROM sqlite_master")
                .execute(&mut *connection)
                .await?;
            held.push(connection);
        }
        Ok(())
    }
}
