//! `powersave import readings` killed half-way and run again, on both backends: every reading of
//! the file is stored exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use domain::reading::day_number;
use store::testing::each_backend;
use store::{HistoryRequest, PoolOptions, Store};

const HOUSEHOLDS: &str = "200";

fn powersave(database: &str, data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_powersave"));
    command
        .env("POWERSAVE_DATABASE_URL", database)
        .env(
            "POWERSAVE_METER_DATA__SIMULATOR__DEMO_HOUSEHOLDS",
            HOUSEHOLDS,
        )
        .env("POWERSAVE_LOG_LEVEL", "warn")
        .arg("--config")
        .arg(data_dir.join("absent.toml"))
        .current_dir(data_dir);
    command
}

fn succeed(mut command: Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn stored_readings(store: &Store) -> u64 {
    let meters: Vec<i64> = store
        .meter_directory()
        .await
        .unwrap()
        .values()
        .map(|m| m.id)
        .collect();
    let today = day_number(chrono::Utc::now());
    let request = HistoryRequest {
        meters,
        first_day: today - 60,
        last_day: today,
        from_minute: 0,
        to_minute: 1440,
    };
    store
        .reading_history(&request)
        .await
        .unwrap()
        .iter()
        .map(|day| day.intervals().count() as u64)
        .sum()
}

#[tokio::test]
async fn an_import_killed_half_way_and_run_again_stores_every_reading_once() {
    for database in each_backend().await {
        let work = tempfile_dir();
        std::fs::write(work.join("absent.toml"), "").unwrap();
        let url = database.url().expose().to_owned();
        let mut demo = powersave(&url, &work);
        demo.arg("demo");
        succeed(demo);
        let file = work.join("readings.csv");
        let mut simulate = powersave(&url, &work);
        simulate
            .args([
                "simulate",
                "--households",
                HOUSEHOLDS,
                "--days",
                "20",
                "--csv",
            ])
            .arg(&file);
        succeed(simulate);
        let rows = std::fs::read_to_string(&file).unwrap().lines().count() as u64;

        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        let mut import = powersave(&url, &work);
        import
            .args(["import", "readings", "--batch", "5000"])
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = import.spawn().unwrap();
        for _ in 0..400 {
            if stored_readings(&store).await > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let partial = stored_readings(&store).await;
        assert!(
            partial > 0,
            "the first import stored something before it was killed"
        );
        eprintln!(
            "{:?}: killed after {partial} of {rows} readings",
            database.backend()
        );

        let mut again = powersave(&url, &work);
        again.args(["import", "readings"]).arg(&file);
        let summary = succeed(again);
        assert!(summary.contains("0 rejected"), "{summary}");
        assert_eq!(
            stored_readings(&store).await,
            rows,
            "every row of the file stored once: {summary}"
        );

        let mut third = powersave(&url, &work);
        third.args(["import", "readings"]).arg(&file);
        let summary = succeed(third);
        assert!(
            summary.contains(&format!(
                "total: 0 inserted, 0 updated, {rows} unchanged, 0 rejected"
            )),
            "{summary}"
        );
        store.close().await.unwrap();
        std::fs::remove_dir_all(&work).unwrap();
    }
}

fn tempfile_dir() -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("powersave-import-{nanos}"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
