//! `powersave simulate`: the simulator's readings as a CSV file, MQTT messages, or uploads to a
//! running server, for history and, with `--follow`, live as each interval ends.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{DateTime, DurationRound, NaiveDate, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use simulator::{Simulator, SimulatorConfig};

/// Options of `powersave simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateOptions {
    /// Households to simulate (meters CY-SIM-0000001 …).
    #[arg(long, default_value_t = 300)]
    households: u64,
    /// Seed: the same seed always gives the same data.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// First UTC day of history [default: `--days` before today].
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Days of history up to now (or from `--from`).
    #[arg(long, default_value_t = 1)]
    days: u32,
    /// Share of households with rooftop PV (0–1).
    #[arg(long)]
    pv_share: Option<f64>,
    /// Write CSV (`meter_id,interval_start,kwh`) to this file, `-` for standard output.
    #[arg(long, conflicts_with_all = ["mqtt", "server"])]
    csv: Option<PathBuf>,
    /// Publish JSON readings to this broker (`mqtt://host:port`).
    #[arg(long, conflicts_with = "server")]
    mqtt: Option<String>,
    /// Topic to publish on.
    #[arg(long, default_value = "powersave/readings/simulator")]
    topic: String,
    /// Upload to a running server (`http://host:port`) with a data-source API key.
    #[arg(long, requires = "api_key")]
    server: Option<String>,
    /// API key of a data source (created by a superadmin).
    #[arg(long, env = "POWERSAVE_SIMULATE_API_KEY")]
    api_key: Option<String>,
    /// After the history, keep sending each interval as it ends until interrupted.
    #[arg(long, conflicts_with = "csv")]
    follow: bool,
}

/// Where readings go.
enum Sink {
    Csv(Box<dyn Write + Send>),
    Mqtt(MqttSink),
    Server(ServerSink),
}

/// Readings per MQTT message or upload.
const BATCH: usize = 10_000;

/// Runs the command. A reader that stops early (`powersave simulate --csv - | head`) is not
/// an error.
pub async fn run(options: SimulateOptions, time_zone: chrono_tz::Tz) -> anyhow::Result<()> {
    match generate(options, time_zone).await {
        Err(error)
            if error.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            Ok(())
        }
        other => other,
    }
}

async fn generate(options: SimulateOptions, time_zone: chrono_tz::Tz) -> anyhow::Result<()> {
    if options.households == 0 {
        bail!("--households must be at least 1");
    }
    let simulator = Simulator::new(SimulatorConfig {
        households: options.households,
        seed: options.seed,
        time_zone,
        pv_share: options
            .pv_share
            .unwrap_or(SimulatorConfig::default().pv_share),
        ..SimulatorConfig::default()
    });
    let now = Utc::now();
    let ended = now
        .duration_trunc(chrono::Duration::minutes(15))
        .unwrap_or(now);
    let from = match options.from {
        Some(date) => date
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc())
            .context("--from")?,
        None => (ended - chrono::Duration::days(i64::from(options.days)))
            .duration_trunc(chrono::Duration::days(1))
            .unwrap_or(ended),
    };
    let to = if options.from.is_some() {
        (from + chrono::Duration::days(i64::from(options.days))).min(ended)
    } else {
        ended
    };
    let mut sink = open_sink(&options).await?;
    let sent = send_range(&simulator, &mut sink, from, to, true).await?;
    eprintln!(
        "{sent} readings of {} households from {from} to {to}",
        options.households
    );
    if options.follow {
        eprintln!("following: sending each quarter-hour as it ends (Ctrl-C stops)");
        let mut watermark = to;
        loop {
            tokio::select! {
                () = tokio::time::sleep(Duration::from_secs(30)) => {}
                _ = tokio::signal::ctrl_c() => break,
            }
            let now = Utc::now();
            let ended = now
                .duration_trunc(chrono::Duration::minutes(15))
                .unwrap_or(now);
            if ended > watermark {
                let sent = send_range(&simulator, &mut sink, watermark, ended, false).await?;
                eprintln!("{sent} readings up to {ended}");
                watermark = ended;
            }
        }
    }
    sink.finish().await
}

async fn open_sink(options: &SimulateOptions) -> anyhow::Result<Sink> {
    if let Some(url) = &options.mqtt {
        return Ok(Sink::Mqtt(MqttSink::connect(url, &options.topic).await?));
    }
    if let Some(server) = &options.server {
        let key = options
            .api_key
            .clone()
            .context("--api-key is required with --server")?;
        return Ok(Sink::Server(ServerSink::new(server, key)?));
    }
    let writer: Box<dyn Write + Send> = match options.csv.as_deref() {
        None => bail!("say where the readings go: --csv FILE (or -), --mqtt URL or --server URL"),
        Some(path) if path.as_os_str() == "-" => {
            Box::new(std::io::BufWriter::new(std::io::stdout()))
        }
        Some(path) => Box::new(std::io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
    };
    Ok(Sink::Csv(writer))
}

/// Sends `[from, to)` for every household, a household at a time, with a progress bar.
async fn send_range(
    simulator: &Simulator,
    sink: &mut Sink,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    show_progress: bool,
) -> anyhow::Result<u64> {
    let households = simulator.household_indices();
    let bar = if show_progress {
        ProgressBar::new(*households.end())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} households {msg} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut batch: Vec<(String, DateTime<Utc>, f64)> = Vec::with_capacity(BATCH);
    let mut sent = 0_u64;
    for household in households {
        let meter_id = Simulator::meter_id(household);
        for reading in simulator.readings(household, from, to) {
            batch.push((meter_id.clone(), reading.interval_start, reading.kwh));
            if batch.len() == BATCH {
                sent += sink.send(&batch).await?;
                batch.clear();
            }
        }
        bar.inc(1);
        bar.set_message(format!("{sent} readings"));
    }
    if !batch.is_empty() {
        sent += sink.send(&batch).await?;
    }
    bar.finish_and_clear();
    Ok(sent)
}

impl Sink {
    async fn send(&mut self, batch: &[(String, DateTime<Utc>, f64)]) -> anyhow::Result<u64> {
        match self {
            Sink::Csv(writer) => {
                for (meter_id, start, kwh) in batch {
                    writeln!(
                        writer,
                        "{meter_id},{},{kwh}",
                        start.format("%Y-%m-%dT%H:%M:%SZ")
                    )?;
                }
            }
            Sink::Mqtt(mqtt) => mqtt.publish(batch).await?,
            Sink::Server(server) => server.upload(batch).await?,
        }
        Ok(batch.len() as u64)
    }

    async fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Csv(mut writer) => writer.flush().context("writing the CSV"),
            Sink::Mqtt(mqtt) => mqtt.finish().await,
            Sink::Server(_) => Ok(()),
        }
    }
}

fn as_json(batch: &[(String, DateTime<Utc>, f64)]) -> serde_json::Value {
    batch
        .iter()
        .map(|(meter_id, start, kwh)| {
            serde_json::json!({"meter_id": meter_id, "interval_start": start.to_rfc3339(), "kwh": kwh})
        })
        .collect()
}

/// Publishes JSON arrays of readings; the event loop runs in its own task.
struct MqttSink {
    client: rumqttc::AsyncClient,
    topic: String,
    events: tokio::task::JoinHandle<()>,
}

impl MqttSink {
    async fn connect(url: &str, topic: &str) -> anyhow::Result<Self> {
        let parsed = url::Url::parse(url).with_context(|| format!("--mqtt {url:?}"))?;
        let host = parsed
            .host_str()
            .context("--mqtt needs a host, e.g. mqtt://127.0.0.1:1883")?;
        let mut options = rumqttc::MqttOptions::new(
            format!("powersave-simulate-{}", std::process::id()),
            host,
            parsed.port().unwrap_or(1883),
        );
        options.set_max_packet_size(16 << 20, 16 << 20);
        let (client, mut eventloop) = rumqttc::AsyncClient::new(options, 64);
        let events = tokio::spawn(async move {
            loop {
                if let Err(error) = eventloop.poll().await {
                    eprintln!("MQTT: {error}; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        });
        Ok(Self {
            client,
            topic: topic.to_owned(),
            events,
        })
    }

    /// Readings per message: about 40 KiB of JSON, within the listener's default
    /// `max_message_bytes` (64 KiB), beyond which a message is a dead letter.
    const READINGS_PER_MESSAGE: usize = 500;

    async fn publish(&self, batch: &[(String, DateTime<Utc>, f64)]) -> anyhow::Result<()> {
        for readings in batch.chunks(Self::READINGS_PER_MESSAGE) {
            let payload = serde_json::to_vec(&as_json(readings))?;
            self.client
                .publish(&self.topic, rumqttc::QoS::AtLeastOnce, false, payload)
                .await
                .context("publishing to MQTT")?;
        }
        Ok(())
    }

    async fn finish(self) -> anyhow::Result<()> {
        // Give queued messages time to leave before disconnecting.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let _ = self.client.disconnect().await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        self.events.abort();
        Ok(())
    }
}

/// Uploads CSV batches to `POST /api/v1/meter-readings`.
struct ServerSink {
    client: reqwest::Client,
    url: String,
    key: String,
}

impl ServerSink {
    fn new(server: &str, key: String) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .build()
            .context("HTTP client")?;
        Ok(Self {
            client,
            url: format!("{}/api/v1/meter-readings", server.trim_end_matches('/')),
            key,
        })
    }

    async fn upload(&self, batch: &[(String, DateTime<Utc>, f64)]) -> anyhow::Result<()> {
        let response = self
            .client
            .post(&self.url)
            .bearer_auth(&self.key)
            .json(&serde_json::json!({ "readings": as_json(batch) }))
            .send()
            .await
            .with_context(|| format!("uploading to {}", self.url))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            bail!("{} answered {status}: {body}", self.url);
        }
        Ok(())
    }
}
