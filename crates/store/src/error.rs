//! The storage layer's one error type: callers branch on what happened, never on SQL text.

use sea_orm::{DbErr, SqlErr};

/// What went wrong in storage, classified once so the API can map it to a status.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record asked for does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A uniqueness rule refused the write, or the write clashes with the current state. The
    /// message is for the caller's client: it names the clash in the product's words, never the
    /// database's text (tables, columns, constraints), which goes to the log.
    #[error("{0}")]
    Conflict(String),
    /// The database holds a value this version cannot read back.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The data folder for a SQLite file could not be created.
    #[error("cannot create database folder {path}: {source}")]
    CreateDir {
        /// The folder that could not be created.
        path: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The database URL could not be used.
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(#[source] DbErr),
}

/// What a uniqueness refusal says when the caller did not word it in the product's terms.
const DUPLICATE: &str = "a record with these values already exists";

impl From<DbErr> for StoreError {
    fn from(error: DbErr) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => {
                tracing::info!(%detail, "a uniqueness rule refused a write");
                Self::Conflict(DUPLICATE.to_owned())
            }
            _ => Self::Database(error),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        Self::Database(DbErr::Conn(sea_orm::RuntimeErr::SqlxError(error.into())))
    }
}
