//! PowerSave's storage.
//!
//! One entity set and one migration set serve both SQLite (the embedded default) and PostgreSQL
//! (production). The backend is chosen once, at start-up, from the URL scheme; everything above this
//! crate sees only [`Store`] and plain records. See `docs/ARCHITECTURE.md` for why SeaORM over sqlx.

mod bulk;
mod corrections;
mod database_url;
mod dead_letters;
mod demo_accounts;
mod entity;
mod error;
mod history_requests;
mod households;
mod ledger;
mod ledger_copy;
mod link_periods;
mod lists;
mod migration;
mod onboarding;
mod overview;
mod page;
mod participants;
mod progress;
mod progress_copy;
mod progress_writes;
mod provenance;
mod readings;
mod refresh_tokens;
mod register;
mod sessions;
mod sort_fields;
mod sources;
mod sqlite_schema;
#[cfg(feature = "testing")]
pub mod testing;
mod users;

use std::collections::HashSet;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, SqlxPostgresConnector, SqlxSqliteConnector};
use sea_orm_migration::MigratorTrait;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use bulk::Enrolment;
pub use corrections::{CORRECTIONS_SOURCE, CorrectionRecord, NewCorrection, StoredReading};
pub use database_url::{Backend, DatabaseUrl};
/// Sessions are stored as the domain plans them.
pub use domain::session::SessionPlan;
pub use error::StoreError;
pub use history_requests::HistoryRequestRecord;
pub use households::{HouseholdRecord, HouseholdUpdate, MeterRecord};
pub use ledger::{NewPointsEntry, PointsEntry, SessionResultRecord, SessionSaving};
pub use link_periods::HouseholdMeter;
pub use onboarding::{ClaimRecord, ConsentRecord, LinkRecord, NewClaim, StaffDecision};
pub use page::Page;
pub use progress::{
    BadgeAwardRecord, HeldSessionRecord, NewBadgeAward, NewLevelUp, OutcomeRecord,
    ProgrammeProgressCounts, ProgressFactsRecord, ProgressSnapshot,
};
pub use readings::{DayRow, HistoryRequest, IngestCounts, MeterRef, UpsertOutcome};
pub use refresh_tokens::{NewRefreshToken, RotationOutcome};
pub use register::{RegisterImport, RegisterLine, RegisterOutcome, RegisterStatus};
pub use sessions::SessionRecord;
pub use sort_fields::{
    DeadLetterSortField, PointsSortField, SessionSortField, SourceSortField, UserSortField,
};
pub use sources::{DeadLetter, SourceKind, SourceRecord};
pub use users::{AccountCounts, NewUser, UserRecord, UserSearch};

/// Ids bound in one `IN (...)` list: far below SQLite's 32,766 bound parameters and
/// PostgreSQL's 65,535, and large enough that a national session needs few round trips.
pub(crate) const IDS_PER_QUERY: usize = 5_000;

/// Pool sizing; PostgreSQL wants more connections than a single SQLite file can use.
#[derive(Debug, Clone, Copy)]
pub struct PoolOptions {
    /// Most connections the pool opens.
    pub max_connections: u32,
    /// How long a request waits for a connection before failing.
    pub acquire_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(5),
        }
    }
}

/// The handle every other crate uses to read and write PowerSave's data.
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    backend: Backend,
    /// PostgreSQL reading partitions (by first day) known to exist, to skip their DDL.
    known_partitions: Arc<Mutex<HashSet<i32>>>,
    /// Whose midnight starts the day of daily counters (UTC unless told).
    day_zone: chrono_tz::Tz,
}

impl Store {
    /// Opens the database the URL names. A SQLite file (and its folder) is created if missing and
    /// runs in WAL mode with foreign keys enforced.
    pub async fn connect(url: &DatabaseUrl, options: PoolOptions) -> Result<Self, StoreError> {
        let db = match url.backend() {
            Backend::Sqlite => {
                if let Some(parent) = url
                    .sqlite_path()
                    .and_then(|path| path.parent().map(ToOwned::to_owned))
                    && !parent.as_os_str().is_empty()
                {
                    std::fs::create_dir_all(&parent).map_err(|source| StoreError::CreateDir {
                        path: parent.display().to_string(),
                        source,
                    })?;
                }
                let connect = SqliteConnectOptions::from_str(url.expose())?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(30));
                let pool = SqlitePoolOptions::new()
                    .max_connections(options.max_connections.clamp(1, 8))
                    .acquire_timeout(options.acquire_timeout)
                    .connect_with(connect)
                    .await?;
                SqlxSqliteConnector::from_sqlx_sqlite_pool(pool)
            }
            Backend::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(options.max_connections)
                    .acquire_timeout(options.acquire_timeout)
                    .connect(url.expose())
                    .await?;
                SqlxPostgresConnector::from_sqlx_postgres_pool(pool)
            }
        };
        Ok(Self {
            db,
            backend: url.backend(),
            known_partitions: Arc::default(),
            day_zone: chrono_tz::UTC,
        })
    }

    /// The same store counting its daily counters (a data source's readings and rejects "today")
    /// by the local days of `zone`, the programme's time zone, so "today" starts at its midnight.
    /// Every process writing those counters must use the same zone.
    pub fn with_day_zone(mut self, zone: chrono_tz::Tz) -> Self {
        self.day_zone = zone;
        self
    }

    /// The number (days since 1970-01-01) of the counters' day holding `at`; callers pass the
    /// instant they also record, so a write just after midnight cannot straddle two days.
    fn counter_day(&self, at: chrono::DateTime<chrono::Utc>) -> i32 {
        domain::calendar::local_day_number(self.day_zone, at)
    }

    /// Starts a transaction that writes. On SQLite it is `BEGIN IMMEDIATE`: the write lock is
    /// taken at the start, so a second writer waits (up to the busy timeout) instead of failing
    /// at once with "database is locked", as a deferred transaction does when it upgrades from
    /// reading to writing after another writer committed. PostgreSQL ignores the mode.
    pub(crate) async fn begin_write(&self) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
        use sea_orm::TransactionTrait;
        self.db
            .begin_with_options(sea_orm::TransactionOptions {
                sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
                ..sea_orm::TransactionOptions::default()
            })
            .await
    }

    /// Applies every pending migration; safe to run on every start.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        migration::Migrator::up(&self.db, None).await?;
        if self.backend == Backend::Sqlite {
            self.reload_sqlite_schema().await?;
        }
        Ok(())
    }

    /// Names of the migrations already applied, oldest first.
    pub async fn applied_migrations(&self) -> Result<Vec<String>, StoreError> {
        let applied = migration::Migrator::get_applied_migrations(&self.db).await?;
        Ok(applied.iter().map(|m| m.name().to_owned()).collect())
    }

    /// A round trip to the database, for readiness probes.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.db.execute_unprepared("SELECT 1").await?;
        Ok(())
    }

    /// Which backend this store runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every pooled connection, so a SQLite file is checkpointed on shutdown.
    pub async fn close(self) -> Result<(), StoreError> {
        self.db.close().await?;
        Ok(())
    }
}
