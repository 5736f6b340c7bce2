//! `powersave import readings` killed half-way and run again, on both backends: every reading of
//! the file is stored exactly once. The first run reads the file through a pipe that never
//! delivers its last quarter, so it is always killed before it could finish.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
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
        // A throwaway database: the demo's published passwords put no real account at risk.
        demo.args(["demo", "--demo-allow-unsafe"]);
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
        // The first import reads the file through a pipe and its last quarter is held back, so
        // whenever the import is killed it cannot have finished.
        let content = std::fs::read(&file).unwrap();
        let lines_sent = rows * 3 / 4;
        let cut = content
            .iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(usize::try_from(lines_sent).unwrap() - 1)
            .unwrap()
            .0
            + 1;
        let pipe = work.join("readings.pipe");
        assert!(
            Command::new("mkfifo")
                .arg(&pipe)
                .status()
                .unwrap()
                .success()
        );
        let mut import = powersave(&url, &work);
        import
            .args(["import", "readings", "--batch", "5000"])
            .arg(&pipe)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = import.spawn().unwrap();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let writer = {
            let pipe = pipe.clone();
            std::thread::spawn(move || {
                // Opening blocks until the import opens its end.
                let mut pipe = std::fs::OpenOptions::new().write(true).open(pipe).unwrap();
                // Fails with a broken pipe once the import is killed.
                let _ = pipe.write_all(&content[..cut]);
                // Held open, so the import waits for the rest instead of seeing the end.
                let _ = released.recv();
            })
        };
        // Killed once a quarter of the file is stored, while it is busy with the next batches.
        let mut partial = 0;
        for _ in 0..6_000 {
            partial = stored_readings(&store).await;
            if partial >= rows / 4 {
                break;
            }
            assert!(
                child.try_wait().unwrap().is_none(),
                "the first import ended on its own"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(
            partial >= rows / 4,
            "the first import stored only {partial} readings"
        );
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "killed, not finished: {status}");
        drop(release);
        writer.join().unwrap();
        let partial = stored_readings(&store).await;
        eprintln!(
            "{:?}: killed after {partial} of {rows} readings",
            database.backend()
        );
        assert!(
            rows / 4 <= partial && partial <= lines_sent && lines_sent < rows,
            "killed half-way: {partial} of {rows} readings stored ({lines_sent} sent)"
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
