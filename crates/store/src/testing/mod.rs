//! Throw-away databases for tests: a SQLite file in a temporary folder, or a fresh PostgreSQL
//! database created per test and dropped afterwards.
//!
//! PostgreSQL is found through `POWERSAVE_TEST_POSTGRES_URL` (default: the local server over its
//! Unix socket). When it cannot be reached, tests on it are skipped with a message, except under
//! `CI=true`, where that is a failure.

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use uuid::Uuid;

use crate::{Backend, DatabaseUrl};

mod fixtures;

pub use fixtures::{
    backdate_links, consumer, quarter_hour_meter, session_plan, steady_readings,
    steady_readings_except,
};

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@localhost/postgres?host=/var/run/postgresql";

/// A database that exists for the lifetime of this value.
#[derive(Debug)]
pub struct TestDatabase {
    url: DatabaseUrl,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Folder(PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

impl TestDatabase {
    /// A new SQLite file in its own temporary folder.
    pub fn sqlite() -> Self {
        let folder =
            std::env::temp_dir().join(format!("powersave-test-{}", Uuid::now_v7().simple()));
        let url = DatabaseUrl::sqlite_file(&folder.join("powersave.db"));
        Self {
            url,
            cleanup: Cleanup::Folder(folder),
        }
    }

    /// A new, empty PostgreSQL database, or `None` (with a message) when no server is reachable
    /// outside CI.
    pub async fn postgres() -> Option<Self> {
        let admin_url = std::env::var("POWERSAVE_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned());
        let mut admin = match PgConnection::connect(&admin_url).await {
            Ok(connection) => connection,
            Err(error) => {
                assert!(
                    !running_in_ci(),
                    "PostgreSQL is required under CI=true but {admin_url} failed: {error}"
                );
                eprintln!("skipping PostgreSQL: cannot connect to {admin_url}: {error}");
                return None;
            }
        };
        let name = format!("powersave_test_{}", Uuid::now_v7().simple());
        if let Err(error) = sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
        {
            panic!("cannot create test database {name}: {error}");
        }
        let url = with_database(&admin_url, &name);
        Some(Self {
            url: DatabaseUrl::parse(&url)
                .unwrap_or_else(|error| panic!("bad test URL {url}: {error}")),
            cleanup: Cleanup::PostgresDatabase { admin_url, name },
        })
    }

    /// Its URL.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// Which backend it is.
    pub fn backend(&self) -> Backend {
        self.url.backend()
    }
}

/// One database of each backend available: SQLite always, PostgreSQL when reachable (always
/// under CI).
pub async fn each_backend() -> Vec<TestDatabase> {
    let mut databases = vec![TestDatabase::sqlite()];
    databases.extend(TestDatabase::postgres().await);
    databases
}

/// `hour` o'clock local time in the programme's default zone (Europe/Nicosia), `days` days from
/// today there. Tests plan sessions at such times so that a plan never runs past local midnight
/// (which the engine refuses) whatever time of day the tests run.
pub fn local_hour(days: i64, hour: i64) -> DateTime<Utc> {
    // Holidays play no part in finding a local day.
    let calendar = domain::calendar::Calendar::cyprus(2000..=2000, []);
    let today = calendar.locate(Utc::now().timestamp()).0;
    calendar.local_day(today + Duration::days(days)).start() + Duration::hours(hour)
}

/// Whether this is a CI run, where a missing service must fail rather than skip.
pub fn running_in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value == "true" || value == "1")
}

fn with_database(admin_url: &str, name: &str) -> String {
    match url::Url::parse(admin_url) {
        Ok(mut url) => {
            url.set_path(&format!("/{name}"));
            url.to_string()
        }
        Err(_) => admin_url.to_owned(),
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Folder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs outside async code: use a private runtime on its own thread.
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()?;
                    runtime.block_on(async {
                        let mut admin = PgConnection::connect(&admin_url).await?;
                        sqlx::query(AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&mut admin)
                        .await?;
                        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
                    })
                })
                .join();
                if let Ok(Err(error)) = dropped {
                    eprintln!("could not drop test database: {error}");
                }
            }
        }
    }
}
