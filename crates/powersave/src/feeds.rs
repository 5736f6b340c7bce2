//! The live meter-data feeds the server runs beside the API: the MQTT listener, the scheduled
//! pulls from meter data systems, and the simulator in embedded mode.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use domain::reading::ReadingLimits;
use domain::secret::Secret;
use ingest::Ingestor;
use ingest::mqtt::{MqttSettings, TopicRoute};
use ingest::pull::{
    HttpSource, HttpSourceSettings, MeterDataSource, PageFormat, RegisterSource, SimulatedSource,
};
use serde::{Deserialize, Serialize};
use store::Store;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The MQTT listener; off until `url` is set.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MqttConfig {
    /// Broker, `mqtts://host[:port]` (TLS) or `mqtt://host[:port]`.
    pub url: Option<String>,
    /// Topic filter the readings are published on.
    pub topic: String,
    /// Client id; must differ between instances sharing a broker.
    pub client_id: String,
    /// Data-source name the readings on `topic` are counted against, and the listener's own
    /// source for what no topic can claim.
    pub source_name: String,
    /// One topic filter per data source (`[[meter_data.mqtt.sources]]`); when set, these are
    /// subscribed to instead of `topic`.
    pub sources: Vec<MqttSourceConfig>,
    /// Largest payload read as readings; larger messages go to the dead letters.
    pub max_message_bytes: usize,
    /// User name presented to the broker.
    pub username: Option<String>,
    /// Its password; never printed or logged.
    #[serde(skip_serializing)]
    pub password: Option<Secret>,
    /// PEM file of a private CA that signed the broker's certificate, trusted instead of the
    /// system's roots.
    pub ca_file: Option<PathBuf>,
    /// Send the password over plain `mqtt://` all the same; refused otherwise.
    pub allow_credentials_over_plain_mqtt: bool,
}

/// A topic filter and the data source whose readings are published under it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MqttSourceConfig {
    /// MQTT topic filter, e.g. `powersave/readings/eac/#`.
    pub topic: String,
    /// Data-source name.
    pub source: String,
}

impl Default for MqttConfig {
    fn default() -> Self {
        Self {
            url: None,
            topic: "powersave/readings/#".to_owned(),
            client_id: format!("powersave-{}", std::process::id()),
            source_name: "mqtt".to_owned(),
            sources: Vec::new(),
            max_message_bytes: MqttSettings::DEFAULT_MAX_MESSAGE_BYTES,
            username: None,
            password: None,
            ca_file: None,
            allow_credentials_over_plain_mqtt: false,
        }
    }
}

impl MqttConfig {
    /// Which source each subscribed topic belongs to: the `sources` entries in order, or
    /// `topic` for `source_name` when there are none.
    pub fn routes(&self) -> Vec<TopicRoute> {
        if self.sources.is_empty() {
            return vec![TopicRoute {
                filter: self.topic.clone(),
                source_name: self.source_name.clone(),
            }];
        }
        self.sources
            .iter()
            .map(|entry| TopicRoute {
                filter: entry.topic.clone(),
                source_name: entry.source.clone(),
            })
            .collect()
    }
}

/// Simulated meters: the meters created as simulated (the demo's) report simulated readings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SimulatorFeedConfig {
    /// On or off; unset means on with `--demo` only.
    pub enabled: Option<bool>,
    /// Seed of the simulated population.
    pub seed: u64,
    /// Days of history delivered on the first pull.
    pub history_days: u32,
    /// Seconds between pulls.
    pub every_secs: u64,
    /// Households with simulated meters that `--demo` creates.
    pub demo_households: u32,
}

impl Default for SimulatorFeedConfig {
    fn default() -> Self {
        Self {
            enabled: None,
            seed: 2026,
            history_days: 90,
            every_secs: 60,
            demo_households: 300,
        }
    }
}

/// One meter data system pulled over HTTP (`[[meter_data.pull]]`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PullSourceConfig {
    /// Data-source name in PowerSave.
    pub name: String,
    /// Endpoint that serves pages.
    pub url: String,
    /// Bearer token.
    #[serde(default, skip_serializing)]
    pub token: Option<Secret>,
    /// `json` or `csv`.
    #[serde(default)]
    pub format: PageFormat,
    /// Readings per page.
    #[serde(default = "default_page_size")]
    pub page_size: u32,
    /// Seconds between pulls.
    #[serde(default = "default_pull_every")]
    pub every_secs: u64,
    /// Largest answer read; a larger one is refused and the pull retried at the next tick.
    #[serde(default = "default_max_response_bytes")]
    pub max_response_bytes: u64,
    /// PEM file of a private CA that signed the system's certificate, trusted instead of the
    /// system's roots.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// Send the token over plain `http://` all the same; such a source is refused otherwise.
    #[serde(default)]
    pub allow_token_over_http: bool,
}

impl PullSourceConfig {
    /// The connector settings this configures.
    pub fn http_settings(&self) -> HttpSourceSettings {
        HttpSourceSettings {
            name: self.name.clone(),
            url: self.url.clone(),
            token: self.token.clone(),
            format: self.format,
            page_size: self.page_size,
            timeout: Duration::from_secs(60),
            max_response_bytes: self.max_response_bytes,
            ca_file: self.ca_file.clone(),
            allow_token_over_http: self.allow_token_over_http,
        }
    }
}

/// 32 MiB: a page of 50,000 readings is about 5 MiB of JSON.
fn default_max_response_bytes() -> u64 {
    32 * 1024 * 1024
}

fn default_page_size() -> u32 {
    50_000
}

fn default_pull_every() -> u64 {
    300
}

impl SimulatorFeedConfig {
    /// Whether the simulator feeds this deployment: when configured so, otherwise only in demo
    /// mode. Whatever the backend, it feeds no meter that was not created as simulated.
    pub fn is_enabled(&self, demo: bool) -> bool {
        self.enabled.unwrap_or(demo)
    }

    /// The simulated meter data system: the live feed's source, and the demo's history before it.
    pub fn source(&self, time_zone: chrono_tz::Tz, store: &Store) -> SimulatedSource {
        SimulatedSource::new(
            "simulator",
            Arc::new(self.simulator(time_zone)),
            store.clone(),
            chrono::Duration::days(i64::from(self.history_days)),
            chrono::Duration::days(1),
        )
    }

    /// The simulator this configuration describes.
    pub fn simulator(&self, time_zone: chrono_tz::Tz) -> simulator::Simulator {
        simulator::Simulator::new(simulator::SimulatorConfig {
            seed: self.seed,
            time_zone,
            ..simulator::SimulatorConfig::default()
        })
    }
}

/// What the feeds need from the configuration.
pub struct Feeds<'a> {
    /// MQTT listener.
    pub mqtt: &'a MqttConfig,
    /// Simulator.
    pub simulator: &'a SimulatorFeedConfig,
    /// HTTP pulls.
    pub pull: &'a [PullSourceConfig],
    /// Validation limits.
    pub limits: ReadingLimits,
    /// The programme's time zone.
    pub time_zone: chrono_tz::Tz,
    /// Where stored readings are announced to live views.
    pub events: ingest::ReadingEvents,
    /// Redis that spreads those announcements to other instances.
    pub live_redis_url: Option<&'a Secret>,
    /// The customer register's pull, if configured.
    pub register_pull: Option<&'a PullSourceConfig>,
    /// The programme's districts, which register lines are checked against.
    pub districts: &'a [String],
}

/// Starts every configured feed (the simulator as [`SimulatorFeedConfig::is_enabled`] says for
/// `demo` mode); each stops when `shutdown` turns true.
pub fn start(
    feeds: &Feeds<'_>,
    store: &Store,
    demo: bool,
    mqtt_health: &ingest::mqtt::ListenerHealth,
    shutdown: &watch::Receiver<bool>,
) -> anyhow::Result<Vec<JoinHandle<()>>> {
    let mut tasks = Vec::new();
    if let Some(url) = feeds.live_redis_url {
        let (url, events, shutdown) = (
            url.expose().to_owned(),
            feeds.events.clone(),
            shutdown.clone(),
        );
        let origin = format!(
            "{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        );
        tasks.push(tokio::spawn(async move {
            if let Err(error) = ingest::fanout::bridge(&url, "powersave:reading-events", origin, events, shutdown).await {
                tracing::error!(%error, "live fan-out stopped; live views show this instance's readings only");
            }
        }));
    }
    if let Some(url) = &feeds.mqtt.url {
        let settings = MqttSettings {
            url: url.clone(),
            routes: feeds.mqtt.routes(),
            client_id: feeds.mqtt.client_id.clone(),
            source_name: feeds.mqtt.source_name.clone(),
            max_message_bytes: feeds.mqtt.max_message_bytes,
            username: feeds.mqtt.username.clone(),
            password: feeds.mqtt.password.clone(),
            ca_file: feeds.mqtt.ca_file.clone(),
            allow_credentials_over_plain_mqtt: feeds.mqtt.allow_credentials_over_plain_mqtt,
        };
        let topics: Vec<String> = settings
            .routes
            .iter()
            .map(|r| format!("{} → {}", r.filter, r.source_name))
            .collect();
        let (limits, ingest_store, events) = (feeds.limits, store.clone(), feeds.events.clone());
        let listener = ingest::mqtt::run(
            move |source| {
                Ingestor::new(ingest_store.clone(), limits, source).with_events(events.clone())
            },
            store.clone(),
            settings,
            mqtt_health.clone(),
            shutdown.clone(),
        );
        tracing::info!(url = %url, topics = %topics.join(", "), "MQTT listener starting");
        tasks.push(tokio::spawn(async move {
            if let Err(error) = listener.await {
                tracing::error!(%error, "MQTT listener stopped");
            }
        }));
    }
    for pull in feeds.pull {
        let source = HttpSource::new(pull.http_settings())
            .with_context(|| format!("meter data source {}", pull.name))?;
        tasks.push(spawn_pull(source, store, feeds, pull.every_secs, shutdown));
    }
    if let Some(pull) = feeds.register_pull {
        let source = RegisterSource::new(pull.http_settings())
            .with_context(|| format!("customer register source {}", pull.name))?;
        tracing::info!(source = %pull.name, url = %pull.url, "customer register pull starting");
        tasks.push(tokio::spawn(source.run(
            store.clone(),
            feeds.districts.to_vec(),
            Duration::from_secs(pull.every_secs.max(1)),
            shutdown.clone(),
        )));
    }
    if feeds.simulator.is_enabled(demo) {
        let source = feeds.simulator.source(feeds.time_zone, store);
        tracing::info!(
            "the meters created as simulated are reporting (meter_data.simulator.enabled = false turns them off)"
        );
        tasks.push(spawn_pull(
            source,
            store,
            feeds,
            feeds.simulator.every_secs,
            shutdown,
        ));
    }
    Ok(tasks)
}

fn spawn_pull<S: MeterDataSource + 'static>(
    source: S,
    store: &Store,
    feeds: &Feeds<'_>,
    every_secs: u64,
    shutdown: &watch::Receiver<bool>,
) -> JoinHandle<()> {
    let name = source.name().to_owned();
    let (limits, ingest_store, events) = (feeds.limits, store.clone(), feeds.events.clone());
    let run = ingest::pull::run(
        source,
        move |id| Ingestor::new(ingest_store, limits, id).with_events(events),
        store.clone(),
        Duration::from_secs(every_secs.max(1)),
        shutdown.clone(),
    );
    tokio::spawn(async move {
        if let Err(error) = run.await {
            tracing::error!(source = %name, %error, "meter data pull stopped");
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::result_large_err)]
mod tests {
    use figment::Figment;
    use figment::providers::{Format, Toml};

    use super::*;

    fn mqtt(toml: &str) -> MqttConfig {
        Figment::from(Toml::string(toml)).extract().unwrap()
    }

    #[test]
    fn topics_belong_to_the_listed_sources_or_to_source_name() {
        let route = |filter: &str, source_name: &str| TopicRoute {
            filter: filter.to_owned(),
            source_name: source_name.to_owned(),
        };
        assert_eq!(
            mqtt("url = \"mqtt://b:1883\"").routes(),
            [route("powersave/readings/#", "mqtt")]
        );
        let listed = mqtt(
            "url = \"mqtt://b:1883\"\n\
             [[sources]]\ntopic = \"powersave/readings/eac/#\"\nsource = \"eac-mdm\"\n\
             [[sources]]\ntopic = \"powersave/readings/coop/+\"\nsource = \"coop-mdm\"\n",
        );
        assert_eq!(
            listed.routes(),
            [
                route("powersave/readings/eac/#", "eac-mdm"),
                route("powersave/readings/coop/+", "coop-mdm")
            ]
        );
        assert_eq!(listed.max_message_bytes, 64 * 1024);
    }

    /// The `[[meter_data.pull]]` example of docs/METER_DATA.md, as written there.
    fn documented_pull_example() -> String {
        let doc = include_str!("../../../docs/METER_DATA.md");
        let start = doc.find("```toml\n[[meter_data.pull]]").unwrap() + "```toml\n".len();
        let length = doc[start..].find("```").unwrap();
        doc[start..start + length].to_owned()
    }

    #[test]
    fn the_documented_https_pull_example_makes_a_source() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                crate::config::DEFAULT_CONFIG_FILE,
                &documented_pull_example(),
            )?;
            let config = crate::config::load(None, &crate::config::CliOverrides::default())
                .map_err(|error| format!("{error:#}"))?
                .config;
            let [pull] = config.meter_data.pull.as_slice() else {
                return Err("one pull source expected".into());
            };
            assert!(pull.url.starts_with("https://"), "{}", pull.url);
            assert!(pull.token.is_some() && !pull.allow_token_over_http);
            let source = ingest::pull::HttpSource::new(ingest::pull::HttpSourceSettings {
                name: pull.name.clone(),
                url: pull.url.clone(),
                token: pull.token.clone(),
                format: pull.format,
                page_size: pull.page_size,
                timeout: Duration::from_secs(60),
                ca_file: pull.ca_file.clone(),
                allow_token_over_http: pull.allow_token_over_http,
                max_response_bytes: pull.max_response_bytes,
            });
            assert!(source.is_ok(), "{:?}", source.err());
            Ok(())
        });
    }
}
