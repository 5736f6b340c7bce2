//! `powersave`: the server and the operator commands.

mod accounts;
mod backtest;
mod bench;
mod bench_live;
mod bench_progress;
mod bench_settle;
mod bench_simulate;
mod config;
mod demo;
mod feeds;
mod import;
mod import_register;
mod jobs_config;
mod lifecycle;
mod logging;
mod meter_history;
mod serve;
mod signals;
mod simulate;
mod tls;
mod worker;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::CliOverrides;

/// PowerSave: household demand response for electricity utilities.
///
/// Configuration comes from defaults, then `powersave.toml` (or --config), then POWERSAVE_*
/// environment variables (nested keys with `__`, e.g. POWERSAVE_RATE_LIMITS__AUTH_PER_MINUTE).
/// POWERSAVE_DATABASE_URL picks the backend: sqlite://PATH (default ./data/powersave.db) or
/// postgres://...; with PostgreSQL, POWERSAVE_JWT_SECRET must be set.
#[derive(Debug, Parser)]
#[command(name = "powersave", version, about, long_about)]
struct Cli {
    /// Configuration file (default: ./powersave.toml when present).
    #[arg(long, global = true, env = "POWERSAVE_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the HTTP server (API, docs at /api/docs, /healthz, /readyz, /metrics).
    Serve {
        /// Address to listen on [default: 127.0.0.1:8080].
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
        /// Folder for the SQLite database and the generated signing key [default: ./data].
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// Run the demo programme: create the demo accounts (idempotent), give them new random
        /// passwords (or POWERSAVE_DEMO_PASSWORD) and print them. Refused on PostgreSQL and on a
        /// listen address other than loopback.
        #[arg(long)]
        demo: bool,
        /// Allow --demo where it is refused: its accounts' passwords (a superadmin among them)
        /// are published on the front page, so anyone who can reach the server can sign in.
        #[arg(long, requires = "demo")]
        demo_allow_unsafe: bool,
    },
    /// Run the job worker and the cron tick without the HTTP server (scaled deployments, usually
    /// with `jobs.backend = "redis"`).
    Worker,
    /// Apply pending database migrations and exit.
    Migrate {
        /// Folder of the SQLite database [default: ./data].
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Operator tasks on accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Create the demo accounts (idempotent), give them new passwords and print them. Refused on
    /// PostgreSQL.
    Demo {
        /// Folder of the SQLite database [default: ./data].
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// Allow it on PostgreSQL: the demo accounts' passwords (a superadmin among them) are
        /// printed for anyone to use.
        #[arg(long)]
        demo_allow_unsafe: bool,
    },
    /// Print the OpenAPI document of the API.
    Openapi,
    /// Baseline accuracy backtests and speed measurements (figures in docs/BASELINES.md).
    Baseline {
        #[command(subcommand)]
        command: backtest::BaselineCommand,
    },
    /// Measure the system (figures go in docs/PERFORMANCE.md).
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
    /// Simulated smart-meter readings: to a CSV file, an MQTT broker or a running server.
    Simulate(simulate::SimulateOptions),
    /// Bring data in from files.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Meter-data ingestion on PostgreSQL and SQLite, on-disk size, and history reads.
    Ingest(bench::IngestBench),
    /// Settling a 2-hour session for a national audience: baselines, results and Green Points.
    Settle(bench_settle::SettleBench),
    /// Levels, gardens and badges evaluated after national sessions, and one household's
    /// progress read over HTTP.
    Progress(bench_progress::ProgressBench),
    /// Thousands of live Server-Sent Event streams with readings flowing: reading-to-client latency.
    Live(bench_live::LiveBench),
    /// Simulated readings generated per second on one core.
    Simulate(bench_simulate::SimulateBench),
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Import meter readings from CSV files (`meter_id,interval_start,kwh[,quality]`, optional
    /// header, RFC 3339 times). Streams files of any size; safe to re-run after an interruption:
    /// readings already stored are counted as unchanged.
    Readings {
        /// CSV files to import, in order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Name of the data source the readings are counted against.
        #[arg(long, default_value = "file-import")]
        source: String,
        /// Readings per stored batch.
        #[arg(long, default_value_t = ingest::file::DEFAULT_BATCH)]
        batch: usize,
        /// Folder of the SQLite database [default: ./data].
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Import the utility's customer register from CSV
    /// (`meter_id,account_number,district,tariff_code[,interval_minutes]`, optional header):
    /// which account each meter is billed to, for households connecting their own meters.
    /// Lines for meters already in it replace theirs; refused lines are listed with the reason.
    Register {
        /// The CSV file.
        file: PathBuf,
        /// Folder of the SQLite database [default: ./data].
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create an account, for example the first superadmin. The password is read from standard
    /// input (one line), so it never shows in the process list or shell history.
    CreateUser {
        /// Sign-in e-mail.
        #[arg(long)]
        email: String,
        /// Name shown to others.
        #[arg(long)]
        display_name: String,
        /// consumer, admin or superadmin.
        #[arg(long, default_value = "consumer")]
        role: String,
        /// Folder of the SQLite database [default: ./data].
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    // rustls with ring for every TLS connection, whichever client library makes it.
    ingest::tls::install_crypto_provider();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The configuration and a migrated store for an import command, logging as configured.
async fn open_for_import(
    file: Option<&std::path::Path>,
    data_dir: Option<PathBuf>,
) -> anyhow::Result<(config::Loaded, store::Store)> {
    let loaded = config::load(
        file,
        &CliOverrides {
            data_dir,
            ..Default::default()
        },
    )?;
    logging::init(&loaded.config);
    let store = loaded.config.open_store().await?;
    store.migrate().await?;
    Ok((loaded, store))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let file = cli.config.as_deref();
    match cli.command {
        Command::Serve {
            listen,
            data_dir,
            demo,
            demo_allow_unsafe,
        } => {
            let loaded = config::load(file, &CliOverrides { listen, data_dir })?;
            logging::init(&loaded.config);
            let mode = match (demo, demo_allow_unsafe) {
                (false, _) => serve::DemoMode::Off,
                (true, false) => serve::DemoMode::On,
                (true, true) => serve::DemoMode::Unsafe,
            };
            serve::run(loaded, mode).await
        }
        Command::Worker => {
            let loaded = config::load(file, &CliOverrides::default())?;
            logging::init(&loaded.config);
            worker::run_worker_command(loaded).await
        }
        Command::Migrate { data_dir } => {
            let loaded = config::load(
                file,
                &CliOverrides {
                    data_dir,
                    ..Default::default()
                },
            )?;
            logging::init(&loaded.config);
            let store = loaded.config.open_store().await?;
            store.migrate().await?;
            println!(
                "migrations applied: {}",
                store.applied_migrations().await?.join(", ")
            );
            Ok(())
        }
        Command::Admin {
            command:
                AdminCommand::CreateUser {
                    email,
                    display_name,
                    role,
                    data_dir,
                },
        } => {
            let loaded = config::load(
                file,
                &CliOverrides {
                    data_dir,
                    ..Default::default()
                },
            )?;
            logging::init(&loaded.config);
            let password = accounts::read_password()?;
            let user =
                accounts::create_user(&loaded.config, &email, &display_name, &role, &password)
                    .await?;
            println!("created {} {} ({})", user.role, user.email, user.id);
            Ok(())
        }
        Command::Demo {
            data_dir,
            demo_allow_unsafe,
        } => {
            let loaded = config::load(
                file,
                &CliOverrides {
                    data_dir,
                    ..Default::default()
                },
            )?;
            logging::init(&loaded.config);
            let backend = loaded.config.database_url()?.backend();
            if backend == store::Backend::Postgres && !demo_allow_unsafe {
                anyhow::bail!(
                    "the demo accounts' passwords are printed for anyone to use; refused on \
                     PostgreSQL without --demo-allow-unsafe"
                );
            }
            let store = loaded.config.open_store().await?;
            store.migrate().await?;
            let passwords = demo::DemoPasswords::pick(loaded.config.demo_password.as_ref())?;
            demo::seed(&loaded.config, &store, &passwords).await?;
            demo::print_credentials(
                &format!("http://{}", loaded.config.listen),
                loaded.config.meter_data.simulator.demo_households,
                &passwords,
            );
            Ok(())
        }
        Command::Import {
            command:
                ImportCommand::Register {
                    file: register_file,
                    data_dir,
                },
        } => {
            let (loaded, store) = open_for_import(file, data_dir).await?;
            let (outcome, refused) = import_register::register(
                &store,
                &register_file,
                &loaded.config.programme.districts,
            )
            .await?;
            println!(
                "customer register: {} lines stored, {refused} refused; {} households moved out (their meter links ended)",
                outcome.stored, outcome.links_ended
            );
            Ok(())
        }
        Command::Import {
            command:
                ImportCommand::Readings {
                    files,
                    source,
                    batch,
                    data_dir,
                },
        } => {
            let (loaded, store) = open_for_import(file, data_dir).await?;
            let report = import::readings(&loaded.config, &store, &files, &source, batch).await?;
            println!(
                "total: {} inserted, {} updated, {} unchanged, {} rejected",
                report.counts.inserted,
                report.counts.updated,
                report.counts.unchanged,
                report.rejected
            );
            Ok(())
        }
        Command::Bench {
            command: BenchCommand::Ingest(options),
        } => {
            let loaded = config::load(file, &CliOverrides::default())?;
            logging::init(&loaded.config);
            bench::run(options).await
        }
        Command::Bench {
            command: BenchCommand::Settle(options),
        } => {
            let loaded = config::load(file, &CliOverrides::default())?;
            logging::init(&loaded.config);
            bench_settle::run(options).await
        }
        Command::Bench {
            command: BenchCommand::Progress(options),
        } => {
            let loaded = config::load(file, &CliOverrides::default())?;
            logging::init(&loaded.config);
            bench_progress::run(&loaded.config, options).await
        }
        Command::Bench {
            command: BenchCommand::Live(options),
        } => {
            let loaded = config::load(file, &CliOverrides::default())?;
            logging::init(&loaded.config);
            bench_live::run(&loaded.config, options).await
        }
        Command::Bench {
            command: BenchCommand::Simulate(options),
        } => bench_simulate::run(&options),
        Command::Simulate(options) => {
            let loaded = config::load(file, &CliOverrides::default())?;
            logging::init(&loaded.config);
            simulate::run(options, loaded.config.time_zone()).await
        }
        Command::Baseline { command } => backtest::run(command),
        Command::Openapi => {
            let document = api::openapi().map_err(anyhow::Error::msg)?;
            println!("{}", document.to_pretty_json()?);
            Ok(())
        }
    }
}
