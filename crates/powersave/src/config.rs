//! Configuration, loaded once: defaults, then `powersave.toml` (or `--config`), then `POWERSAVE_*`
//! environment variables (nested keys with `__`, e.g. `POWERSAVE_RATE_LIMITS__AUTH_PER_MINUTE`).

mod limits;
mod progress;

pub use progress::ProgressConfig;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use api::auth::password::HashCost;
use api::rate_limit::RateLimitConfig;
use api::{ApiSettings, ProgrammeSettings};
use base64::Engine;
use domain::household::{TariffCode, TimeZone};
use domain::secret::Secret;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use store::{Backend, DatabaseUrl};

/// The file read when present and no other is named.
pub const DEFAULT_CONFIG_FILE: &str = "powersave.toml";
const SIGNING_KEY_FILE: &str = "jwt-signing.key";
/// Shortest `metrics_token` accepted, so the token cannot be guessed.
const MIN_METRICS_TOKEN_CHARS: usize = 16;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// JSON, unless standard output is a terminal.
    #[default]
    Auto,
    /// One JSON object per line.
    Json,
    /// Human-readable.
    Pretty,
}

/// The programme's own facts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProgrammeConfig {
    /// IANA time zone for day-based rules, checked when the configuration is read.
    pub time_zone: TimeZone,
    /// Districts households choose from.
    pub districts: Vec<String>,
    /// Tariff of new households, checked when the configuration is read.
    pub default_tariff_code: TariffCode,
    /// Extra days baselines treat like weekends (`2026-12-27`, …).
    pub holidays: Vec<chrono::NaiveDate>,
    /// Count the Cyprus public holidays (Orthodox Easter ones included) as holidays.
    pub cyprus_public_holidays: bool,
    /// The programme's first day (local time); when set, no reading before it is accepted.
    pub start: Option<chrono::NaiveDate>,
}

impl Default for ProgrammeConfig {
    fn default() -> Self {
        Self {
            time_zone: TimeZone::default(),
            districts: ["Nicosia", "Limassol", "Larnaca", "Paphos", "Famagusta"]
                .map(String::from)
                .to_vec(),
            default_tariff_code: TariffCode::default(),
            holidays: Vec::new(),
            cyprus_public_holidays: true,
            start: None,
        }
    }
}

/// Every setting of the server and the operator commands.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// HTTPS: the certificate and key the server answers with (plain HTTP without them).
    pub tls: crate::tls::TlsConfig,
    /// Folder for the SQLite file and the generated signing key.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; defaults to `sqlite://<data_dir>/powersave.db`.
    #[serde(skip_serializing)]
    pub database_url: Option<Secret>,
    /// Connections in the database pool.
    pub database_max_connections: u32,
    /// Apply migrations when the server starts.
    pub auto_migrate: bool,
    /// HS256 key that signs access tokens; generated into the data folder in embedded mode.
    #[serde(skip_serializing)]
    pub jwt_secret: Option<Secret>,
    /// Keys that signed access tokens before `jwt_secret` and are still accepted, for a key
    /// rotation: move the old key here, set the new one, and drop the old one after one access
    /// token lifetime.
    #[serde(skip_serializing)]
    pub jwt_previous_secrets: Vec<Secret>,
    /// Access-token lifetime in seconds.
    pub access_token_ttl_secs: u64,
    /// Refresh-token lifetime in seconds.
    pub refresh_token_ttl_secs: u64,
    /// Absolute lifetime of a sign-in in seconds: after it, its refresh tokens are refused
    /// however often they were rotated, and the person signs in again.
    pub refresh_family_max_age_secs: u64,
    /// The password every demo account gets at a `--demo` start (for scripted demos and the
    /// browser tests); unset, each demo start picks new random ones and prints them.
    #[serde(skip_serializing)]
    pub demo_password: Option<Secret>,
    /// Largest request body in bytes.
    pub body_limit_bytes: usize,
    /// Origins allowed by CORS (`*` for any).
    pub cors_allowed_origins: Vec<String>,
    /// Log format.
    pub log_format: LogFormat,
    /// Log filter, in `RUST_LOG` syntax; `RUST_LOG` wins when set.
    pub log_level: String,
    /// Rate limits.
    pub rate_limits: RateLimitConfig,
    /// Password hashing cost.
    pub password_hashing: HashCost,
    /// Programme facts.
    pub programme: ProgrammeConfig,
    /// Streak bonus and shields, levels and gardens.
    pub progress: ProgressConfig,
    /// The built admin dashboard, served at `/admin`.
    pub admin_ui_dir: PathBuf,
    /// The web build of the consumer app, served at `/app`.
    pub app_ui_dir: PathBuf,
    /// Meter data pipeline.
    pub meter_data: MeterDataConfig,
    /// The utility's customer register, which households' meter claims are checked against.
    pub customer_register: CustomerRegisterConfig,
    /// Background jobs.
    pub jobs: crate::jobs_config::JobsConfig,
    /// Bearer token that Prometheus presents to read `/metrics` (at least 16 characters); unset,
    /// `/metrics` is not served.
    #[serde(skip_serializing)]
    pub metrics_token: Option<Secret>,
}

/// Where the customer register comes from besides `powersave import register`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CustomerRegisterConfig {
    /// The utility's system pulled over HTTP (`[customer_register.pull]`; JSON pages of
    /// register lines after a watermark, see `ingest::pull::RegisterSource`); `format` is
    /// ignored, pages are JSON.
    pub pull: Option<crate::feeds::PullSourceConfig>,
}

/// Settings of the meter-data pipeline.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MeterDataConfig {
    /// Largest believable energy per 15 minutes (kWh); 30-minute intervals allow twice this.
    pub max_kwh_per_15_minutes: f64,
    /// Oldest reading accepted, in days before now, unless `programme.start` is set.
    pub max_reading_age_days: u32,
    /// Largest body of `POST /api/v1/meter-readings`.
    pub upload_limit_bytes: usize,
    /// The live MQTT feed.
    pub mqtt: crate::feeds::MqttConfig,
    /// Simulated meters (with `--demo`, or when enabled).
    pub simulator: crate::feeds::SimulatorFeedConfig,
    /// Meter data systems pulled over HTTP.
    pub pull: Vec<crate::feeds::PullSourceConfig>,
    /// Days dead letters are kept before the daily purge deletes them (0: kept for ever).
    pub dead_letter_retention_days: u32,
    /// Redis that carries reading events between API instances, so live views on every
    /// instance refresh; unset for a single instance.
    #[serde(skip_serializing)]
    pub live_redis_url: Option<Secret>,
}

impl Default for MeterDataConfig {
    fn default() -> Self {
        Self {
            max_kwh_per_15_minutes: 25.0,
            max_reading_age_days: 1095,
            upload_limit_bytes: 32 * 1024 * 1024,
            mqtt: crate::feeds::MqttConfig::default(),
            simulator: crate::feeds::SimulatorFeedConfig::default(),
            pull: Vec::new(),
            dead_letter_retention_days:
                crate::lifecycle::SessionJobs::DEFAULT_DEAD_LETTER_RETENTION_DAYS,
            live_redis_url: None,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            tls: crate::tls::TlsConfig::default(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            database_max_connections: 16,
            auto_migrate: true,
            jwt_secret: None,
            jwt_previous_secrets: Vec::new(),
            access_token_ttl_secs: 15 * 60,
            refresh_token_ttl_secs: 7 * 24 * 3600,
            refresh_family_max_age_secs: 30 * 24 * 3600,
            demo_password: None,
            body_limit_bytes: 1024 * 1024,
            cors_allowed_origins: Vec::new(),
            log_format: LogFormat::Auto,
            log_level: "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn".to_owned(),
            rate_limits: RateLimitConfig::default(),
            password_hashing: HashCost::default(),
            programme: ProgrammeConfig::default(),
            progress: ProgressConfig::default(),
            admin_ui_dir: PathBuf::from("web/admin/dist"),
            app_ui_dir: PathBuf::from("web/mobile/dist"),
            meter_data: MeterDataConfig::default(),
            customer_register: CustomerRegisterConfig::default(),
            jobs: crate::jobs_config::JobsConfig::default(),
            metrics_token: None,
        }
    }
}

/// Top-level keys that may come from `POWERSAVE_*` variables; others are reported, not fatal, so
/// that unrelated variables sharing the prefix do not stop the server.
const ENV_KEYS: &[&str] = &[
    "listen",
    "tls",
    "data_dir",
    "database_url",
    "database_max_connections",
    "auto_migrate",
    "jwt_secret",
    "jwt_previous_secrets",
    "access_token_ttl_secs",
    "refresh_token_ttl_secs",
    "refresh_family_max_age_secs",
    "demo_password",
    "body_limit_bytes",
    "cors_allowed_origins",
    "log_format",
    "log_level",
    "rate_limits",
    "password_hashing",
    "programme",
    "admin_ui_dir",
    "app_ui_dir",
    "meter_data",
    "jobs",
    "metrics_token",
];

fn is_setting(top_level_key: &str) -> bool {
    ENV_KEYS.contains(&top_level_key) || top_level_key == "config"
}

/// The loaded configuration and the environment variables it ignored.
pub struct Loaded {
    /// The configuration.
    pub config: Config,
    /// `POWERSAVE_*` variables that match no setting.
    pub unknown_env: Vec<String>,
}

/// Overrides given on the command line; they win over every other source.
#[derive(Debug, Default, Serialize)]
pub struct CliOverrides {
    /// `--listen`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,
    /// `--data-dir`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
}

/// Loads the configuration from every source.
pub fn load(file: Option<&Path>, overrides: &CliOverrides) -> anyhow::Result<Loaded> {
    let mut figment = Figment::from(Serialized::defaults(Config::default()));
    match file {
        Some(path) => {
            if !path.exists() {
                bail!("configuration file {} does not exist", path.display());
            }
            figment = figment.merge(Toml::file_exact(path));
        }
        None => figment = figment.merge(Toml::file(DEFAULT_CONFIG_FILE)),
    }
    let env = Env::prefixed("POWERSAVE_").split("__");
    let unknown_env = env
        .iter()
        .map(|(key, _)| key.as_str().to_lowercase())
        .filter(|key| !is_setting(key.split('.').next().unwrap_or_default()))
        .map(|key| format!("POWERSAVE_{}", key.to_uppercase().replace('.', "__")))
        .collect();
    let env = env.filter(|key| {
        let key = key.as_str().to_lowercase().replace("__", ".");
        is_setting(key.split('.').next().unwrap_or_default())
    });
    let config: Config = figment
        .merge(env)
        .merge(Serialized::defaults(overrides))
        .extract()
        .context("invalid configuration")?;
    if config
        .metrics_token
        .as_ref()
        .is_some_and(|token| token.expose().chars().count() < MIN_METRICS_TOKEN_CHARS)
    {
        bail!(
            "metrics_token must be at least {MIN_METRICS_TOKEN_CHARS} characters (for example the \
             output of `openssl rand -base64 24`)"
        );
    }
    config.progress.settings()?;
    Ok(Loaded {
        config,
        unknown_env,
    })
}

impl Config {
    /// The database URL, defaulting to a SQLite file in the data folder.
    pub fn database_url(&self) -> anyhow::Result<DatabaseUrl> {
        match &self.database_url {
            Some(raw) => DatabaseUrl::parse(raw.expose()).context("POWERSAVE_DATABASE_URL"),
            None => Ok(DatabaseUrl::sqlite_file(
                &self.data_dir.join("powersave.db"),
            )),
        }
    }

    /// The signing key: configured, or (embedded mode only) generated once into the data folder.
    pub fn signing_key(&self, backend: Backend) -> anyhow::Result<Secret> {
        if let Some(secret) = &self.jwt_secret {
            return Ok(secret.clone());
        }
        if backend == Backend::Postgres {
            bail!(
                "POWERSAVE_JWT_SECRET must be set when running on PostgreSQL (at least 32 random bytes, \
                 for example the output of `openssl rand -base64 48`), so that every instance signs \
                 with the same key"
            );
        }
        let path = self.data_dir.join(SIGNING_KEY_FILE);
        if path.exists() {
            let key = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            return Ok(Secret::new(key.trim()));
        }
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("creating {}", self.data_dir.display()))?;
        let mut bytes = [0u8; 48];
        getrandom::fill(&mut bytes).map_err(|error| anyhow::anyhow!("no randomness: {error}"))?;
        let key = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        write_private(&path, &key)?;
        tracing::info!(path = %path.display(), "generated a JWT signing key");
        Ok(Secret::new(key))
    }

    /// The programme's time zone.
    pub fn time_zone(&self) -> chrono_tz::Tz {
        self.programme.time_zone.tz()
    }

    /// The meter-data feeds' part of the configuration; stored readings are announced on
    /// `events`.
    pub fn feeds(&self, events: ingest::ReadingEvents) -> anyhow::Result<crate::feeds::Feeds<'_>> {
        Ok(crate::feeds::Feeds {
            mqtt: &self.meter_data.mqtt,
            simulator: &self.meter_data.simulator,
            pull: &self.meter_data.pull,
            limits: self.reading_limits(),
            time_zone: self.time_zone(),
            events,
            live_redis_url: self.meter_data.live_redis_url.as_ref(),
            register_pull: self.customer_register.pull.as_ref(),
            districts: &self.programme.districts,
        })
    }

    /// The programme's facts as the API and the engine take them.
    pub fn programme_settings(&self) -> ProgrammeSettings {
        ProgrammeSettings {
            time_zone: self.programme.time_zone,
            districts: self.programme.districts.clone(),
            default_tariff_code: self.programme.default_tariff_code.clone(),
            holidays: self.programme.holidays.clone(),
            cyprus_public_holidays: self.programme.cyprus_public_holidays,
            rewards: self.progress.rewards(),
            // Checked when the configuration was read.
            progress: self.progress.settings().unwrap_or_default(),
        }
    }

    /// Connects to the configured database, its days counted in the programme's time zone.
    pub async fn open_store(&self) -> anyhow::Result<store::Store> {
        let url = self.database_url()?;
        if let Some(warning) = url.transport_warning() {
            tracing::warn!("{warning}");
        }
        let options = store::PoolOptions {
            max_connections: self.database_max_connections,
            ..store::PoolOptions::default()
        };
        let store = store::Store::connect(&url, options)
            .await
            .with_context(|| format!("cannot open the database at {url}"))?;
        Ok(store.with_day_zone(self.time_zone()))
    }

    /// The settlement engine over `store`.
    pub fn engine(&self, store: store::Store) -> engine::Engine {
        engine::Engine::new(store, self.programme_settings().engine_settings())
    }

    /// The API's part of the configuration.
    pub fn api_settings(&self, jwt_secret: Secret) -> ApiSettings {
        ApiSettings {
            jwt_secret,
            jwt_previous_secrets: self.jwt_previous_secrets.clone(),
            access_token_ttl: Duration::from_secs(self.access_token_ttl_secs),
            refresh_token_ttl: Duration::from_secs(self.refresh_token_ttl_secs),
            refresh_family_max_age: Duration::from_secs(self.refresh_family_max_age_secs),
            body_limit_bytes: self.body_limit_bytes,
            cors_allowed_origins: self.cors_allowed_origins.clone(),
            rate_limits: self.rate_limits.clone(),
            password_hashing: self.password_hashing,
            programme: self.programme_settings(),
            reading_limits: self.reading_limits(),
            ingest_body_limit_bytes: self.meter_data.upload_limit_bytes,
            admin_ui_dir: Some(self.admin_ui_dir.clone()),
            app_ui_dir: Some(self.app_ui_dir.clone()),
            demo_accounts: Vec::new(),
            metrics_token: self.metrics_token.clone(),
        }
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_appear_in_debug() {
        let config = Config {
            jwt_secret: Some(Secret::new("very-secret-signing-key-0123456789")),
            database_url: Some(Secret::new("postgres://u:db-password@host/db")),
            ..Config::default()
        };
        let printed = format!("{config:?}");
        assert!(!printed.contains("very-secret-signing-key") && !printed.contains("db-password"));
        let url = config.database_url().unwrap();
        assert!(!format!("{url:?} {url}").contains("db-password"));
    }

    #[test]
    fn layers_apply_in_order_defaults_file_environment_command_line() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                DEFAULT_CONFIG_FILE,
                "listen = \"127.0.0.1:9000\"\nbody_limit_bytes = 2048\n[programme]\ntime_zone = \"Europe/Athens\"\n",
            )?;
            jail.set_env("POWERSAVE_BODY_LIMIT_BYTES", "4096");
            jail.set_env("POWERSAVE_RATE_LIMITS__AUTH_PER_MINUTE", "3");
            jail.set_env("POWERSAVE_UNHEARD_OF", "1");
            let overrides = CliOverrides {
                data_dir: Some(PathBuf::from("/srv/powersave")),
                ..Default::default()
            };
            let loaded = load(None, &overrides).map_err(|error| error.to_string())?;
            let config = loaded.config;
            assert_eq!(config.listen, SocketAddr::from(([127, 0, 0, 1], 9000)));
            assert_eq!(config.body_limit_bytes, 4096);
            assert_eq!(config.rate_limits.auth_per_minute, 3);
            assert_eq!(
                config.rate_limits.auth_burst,
                RateLimitConfig::default().auth_burst
            );
            assert_eq!(config.programme.time_zone.name(), "Europe/Athens");
            assert_eq!(config.data_dir, PathBuf::from("/srv/powersave"));
            // The surrounding shell may export other variables (the test suite's own
            // POWERSAVE_TEST_*), so check membership rather than the whole list.
            assert!(
                loaded
                    .unknown_env
                    .contains(&"POWERSAVE_UNHEARD_OF".to_owned())
            );
            assert!(
                !loaded
                    .unknown_env
                    .iter()
                    .any(|key| key.starts_with("POWERSAVE_BODY")
                        || key.starts_with("POWERSAVE_RATE_LIMITS"))
            );
            Ok(())
        });
    }

    #[test]
    fn bad_values_are_reported_with_their_key() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("POWERSAVE_LISTEN", "not an address");
            let error = load(None, &CliOverrides::default())
                .err()
                .map(|e| format!("{e:#}"))
                .unwrap_or_default();
            assert!(error.to_lowercase().contains("listen"), "{error}");
            Ok(())
        });
    }

    #[test]
    fn a_metrics_token_is_read_from_the_environment_and_must_be_long() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("POWERSAVE_METRICS_TOKEN", "short");
            let error = load(None, &CliOverrides::default())
                .err()
                .map(|e| format!("{e:#}"))
                .unwrap_or_default();
            assert!(
                error.contains("metrics_token must be at least 16"),
                "{error}"
            );
            jail.set_env("POWERSAVE_METRICS_TOKEN", "a-long-enough-metrics-token");
            let loaded = load(None, &CliOverrides::default()).map_err(|e| e.to_string())?;
            let token = loaded.config.api_settings(Secret::new("k")).metrics_token;
            assert_eq!(
                token.as_ref().map(Secret::expose),
                Some("a-long-enough-metrics-token")
            );
            assert!(!format!("{:?}", loaded.config).contains("a-long-enough-metrics-token"));
            Ok(())
        });
    }

    #[test]
    fn postgres_without_a_key_says_what_to_set() {
        let error = Config::default()
            .signing_key(Backend::Postgres)
            .unwrap_err();
        assert!(error.to_string().contains("POWERSAVE_JWT_SECRET"));
    }

    #[test]
    fn embedded_key_is_generated_once() {
        let dir = std::env::temp_dir().join(format!("powersave-config-{}", std::process::id()));
        let config = Config {
            data_dir: dir.clone(),
            ..Config::default()
        };
        let first = config.signing_key(Backend::Sqlite).unwrap();
        let second = config.signing_key(Backend::Sqlite).unwrap();
        assert_eq!(first.expose(), second.expose());
        assert!(first.expose().len() >= 32);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
