//! `powersave serve`: wiring and graceful shutdown.

use anyhow::Context;
use store::Store;

use crate::config::{Config, Loaded};

/// How `serve` treats the demo programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoMode {
    /// A real programme: demo accounts are kept disabled.
    Off,
    /// `--demo`, refused on PostgreSQL and on addresses others can reach.
    On,
    /// `--demo --demo-allow-unsafe`: the refusal overridden.
    Unsafe,
}

/// Runs the server until SIGINT or SIGTERM.
pub async fn run(loaded: Loaded, demo_mode: DemoMode) -> anyhow::Result<()> {
    let config = loaded.config;
    for variable in &loaded.unknown_env {
        tracing::warn!(%variable, "environment variable matches no setting and is ignored");
    }
    let url = config.database_url()?;
    let demo = demo_mode != DemoMode::Off;
    if let Some(refused) = crate::demo::refusal(url.backend(), config.listen) {
        match demo_mode {
            DemoMode::Off => {}
            DemoMode::On => anyhow::bail!(refused),
            DemoMode::Unsafe => tracing::warn!(
                listen = %config.listen,
                "demo mode with published passwords where it is unsafe (--demo-allow-unsafe)"
            ),
        }
    }
    // Before anything starts: a certificate that cannot be used stops the server at once.
    let tls = config.tls.server()?;
    let signing_key = config.signing_key(url.backend())?;
    let store = config.open_store().await?;
    if config.auto_migrate {
        store.migrate().await.context("applying migrations")?;
    }
    let demo_passwords = if demo {
        let passwords = crate::demo::DemoPasswords::pick(config.demo_password.as_ref())?;
        crate::demo::seed(&config, &store, &passwords).await?;
        Some(passwords)
    } else {
        crate::demo::lock_outside_demo(&store).await?;
        None
    };
    let queue = jobs::JobQueue::connect(&config.jobs.queue_config(&config.data_dir)?)
        .await
        .context("opening the job queue")?;
    let mut settings = config.api_settings(signing_key);
    if let Some(passwords) = &demo_passwords {
        settings.demo_accounts = crate::demo::accounts_to_try(passwords);
    }
    let state = api::AppState::new(store.clone(), settings)
        .map_err(anyhow::Error::msg)?
        .with_jobs(queue);
    if demo {
        prepare_demo(&config, &store, &state.engine).await?;
    }
    let (stop_feeds, feeds_shutdown) = tokio::sync::watch::channel(false);
    let feeds = crate::feeds::start(
        &config.feeds(state.reading_events.clone())?,
        &store,
        demo,
        &state.mqtt,
        &feeds_shutdown,
    )?;
    let jobs_worker =
        crate::worker::start_in_process(&config, &store, demo, &feeds_shutdown).await?;
    let app = api::router(state).map_err(anyhow::Error::msg)?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let address = listener.local_addr()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    tracing::info!(%address, %scheme, database = %url, "PowerSave is listening");
    let base = format!("{scheme}://{}", display_address(address));
    println!("PowerSave is running on {base}  (API docs: {base}/api/docs)");
    for (path, dir, what) in [
        ("/admin/", &config.admin_ui_dir, "admin dashboard"),
        ("/app/", &config.app_ui_dir, "consumer app"),
    ] {
        if dir.join("index.html").exists() {
            println!("  {what}: {base}{path}");
        }
    }
    if let Some(passwords) = &demo_passwords {
        crate::demo::print_credentials(
            &base,
            config.meter_data.simulator.demo_households,
            passwords,
        );
    }
    match tls {
        Some(tls) => {
            api::tls::serve_tls(
                listener,
                tls.config,
                tls.hsts_max_age_secs,
                app,
                crate::signals::shutdown_signal(),
            )
            .await?;
        }
        None => api::serve(listener, app, crate::signals::shutdown_signal()).await?,
    }
    tracing::info!("shutting down");
    let _ = stop_feeds.send(true);
    for feed in feeds {
        let _ = feed.await;
    }
    if let Some(worker) = jobs_worker {
        let _ = worker.await;
    }
    store.close().await?;
    Ok(())
}

/// The demo's history and sessions, before the server answers anyone, so that nothing it shows
/// is half-done. They need the simulated meters; without them the demo has accounts only.
async fn prepare_demo(
    config: &Config,
    store: &Store,
    engine: &engine::Engine,
) -> anyhow::Result<()> {
    if !config.meter_data.simulator.is_enabled(true) {
        tracing::warn!(
            "demo sessions not planned: they need the simulated meters (meter_data.simulator.enabled)"
        );
        return Ok(());
    }
    println!(
        "Preparing the demo: {} days of simulated meter history and settled sessions…",
        config.meter_data.simulator.history_days
    );
    crate::demo::prepare_sessions(config, store, engine, crate::demo::CONSUMER_METER)
        .await
        .context("preparing the demo sessions")
}

fn display_address(address: std::net::SocketAddr) -> String {
    if address.ip().is_loopback() || address.ip().is_unspecified() {
        format!("localhost:{}", address.port())
    } else {
        address.to_string()
    }
}
