//! Smoke tests of the measuring commands (`powersave bench …`, `powersave baseline bench` and
//! `powersave baseline backtest`): the real binary on tiny inputs, its figures parsed. Counts the
//! input fixes are exact; times, rates and errors must be finite and positive. Nothing here
//! judges how fast anything is: the figures in docs/PERFORMANCE.md come from full runs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

/// A fresh folder for one command's files.
fn work_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("powersave-bench-{name}-{nanos}"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `powersave ARGS` in `dir` and returns its standard output; fails on a non-zero exit.
fn powersave(dir: &PathBuf, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_powersave"))
        .args(args)
        .current_dir(dir)
        .env("POWERSAVE_LOG_LEVEL", "warn")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "powersave {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The line of `output` that starts with `prefix` (after leading spaces).
fn line<'a>(output: &'a str, prefix: &str) -> &'a str {
    output
        .lines()
        .find(|l| l.trim_start().starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in:\n{output}"))
}

/// Every number of a line, in order: whitespace- or slash-separated tokens that are numbers once
/// an opening parenthesis and closing punctuation or a percent sign are taken off (so `p50`,
/// dates and times are not numbers).
fn numbers(line: &str) -> Vec<f64> {
    line.split(|c: char| c.is_whitespace() || c == '/')
        .filter_map(|token| {
            token
                .trim_start_matches('(')
                .trim_end_matches([')', ',', ';', ':', '%'])
                .parse::<f64>()
                .ok()
        })
        .collect()
}

fn assert_positive(what: &str, value: f64) {
    assert!(
        value.is_finite() && value > 0.0,
        "{what} should be positive and finite: {value}"
    );
}

fn assert_not_negative(what: &str, value: f64) {
    assert!(
        value.is_finite() && value >= 0.0,
        "{what} should be finite and not negative: {value}"
    );
}

#[test]
fn bench_simulate_counts_every_reading_of_its_meters() {
    let dir = work_dir("simulate");
    let out = powersave(&dir, &["bench", "simulate", "--meters", "100"]);
    // 15 July 2025 is a 24-hour local day: 96 quarter hours per meter.
    let day = numbers(line(&out, "day()"));
    assert_eq!(day[..2], [9_600.0, 100.0], "{out}");
    assert_not_negative("day() seconds", day[2]);
    assert_positive("day() rate", day[3]);
    assert!(
        (1.0..100.0).contains(&day[4]),
        "a household's July day is a few to a few tens of kWh: {out}"
    );
    // A fifth of the meters over 24 hours.
    let readings = numbers(line(&out, "readings()"));
    assert_eq!(readings[..2], [1_920.0, 20.0], "{out}");
    assert_not_negative("readings() seconds", readings[2]);
    assert_positive("readings() rate", readings[3]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bench_simulate_refuses_fewer_than_five_meters_and_prints_nothing() {
    let dir = work_dir("simulate-refused");
    let output = Command::new(env!("CARGO_BIN_EXE_powersave"))
        .args(["bench", "simulate", "--meters", "4"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--meters"), "{stderr}");
    assert!(stderr.contains("5.."), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bench_ingest_imports_every_reading_on_sqlite() {
    let dir = work_dir("ingest");
    let out = powersave(
        &dir,
        &[
            "bench",
            "ingest",
            "--postgres-meters",
            "0",
            "--sqlite-meters",
            "50",
            "--work-dir",
            "bench",
        ],
    );
    let import = numbers(line(&out, "sqlite    import"));
    assert_eq!(import[0], 50.0 * 96.0, "{out}");
    assert_not_negative("import seconds", import[1]);
    assert_positive("import rate", import[2]);
    let size = numbers(line(&out, "sqlite    size"));
    assert_positive("bytes per reading", size[0]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bench_settle_settles_and_pays_every_participant_on_sqlite() {
    let dir = work_dir("settle");
    let out = powersave(
        &dir,
        &[
            "bench",
            "settle",
            "--postgres-participants",
            "0",
            "--sqlite-participants",
            "20",
            "--work-dir",
            "bench",
        ],
    );
    assert_eq!(numbers(line(&out, "sqlite:"))[0], 20.0, "{out}");
    assert_eq!(numbers(line(&out, "baselines"))[0], 20.0, "{out}");
    let settle = numbers(line(&out, "settle"));
    assert_eq!(settle[..2], [20.0, 0.0], "every result final: {out}");
    // Savings and the opt-in bonus: two entries per household.
    assert_eq!(numbers(line(&out, "reward"))[0], 40.0, "{out}");
    let total = numbers(line(&out, "total"));
    assert_not_negative("total seconds", total[0]);
    assert_eq!(total[1], 20.0);
    assert_positive("kWh saved", total[2]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bench_live_connects_every_stream_and_accounts_for_every_reading() {
    let dir = work_dir("live");
    let out = powersave(
        &dir,
        &[
            "bench",
            "live",
            "--streams",
            "5",
            "--rate",
            "20",
            "--batch",
            "5",
            "--seconds",
            "2",
            "--work-dir",
            "bench",
        ],
    );
    let streams = out
        .lines()
        .find(|l| l.starts_with("streams") && l.contains("connected of"))
        .map(numbers)
        .unwrap_or_else(|| panic!("no streams line in:\n{out}"));
    assert_eq!(
        streams[..3],
        [5.0, 5.0, 5.0],
        "connected, of, with a baseline: {out}"
    );
    assert_not_negative("opening seconds", streams[3]);
    assert_eq!(streams[4], 0.0, "stream errors: {out}");
    let readings = numbers(line(&out, "readings"));
    let (sent, upload_errors, seen, missed) = (readings[0], readings[3], readings[4], readings[5]);
    assert_positive("readings sent", sent);
    assert_eq!(sent % 5.0, 0.0, "whole uploads of 5: {out}");
    assert_eq!(upload_errors, 0.0, "{out}");
    assert_eq!(seen + missed, sent, "every reading seen or missed: {out}");
    assert_positive("readings seen", seen);
    let latency = numbers(line(&out, "latency"));
    assert_eq!(latency.len(), 4, "p50, p90, p99 and max: {out}");
    for (name, value) in ["p50", "p90", "p99", "max"].iter().zip(&latency) {
        assert_not_negative(name, *value);
    }
    assert!(
        latency.windows(2).all(|w| w[0] <= w[1]),
        "percentiles in order: {out}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn baseline_bench_settles_every_participant() {
    let dir = work_dir("baseline-bench");
    let out = powersave(
        &dir,
        &[
            "baseline",
            "bench",
            "--households",
            "50",
            "--row-households",
            "5",
            "--fits",
            "2",
        ],
    );
    assert_eq!(numbers(line(&out, "prepared"))[0], 50.0, "{out}");
    let session = numbers(line(&out, "baselines + savings"));
    // Participants, seconds, µs each, settled, insufficient, kWh saved.
    assert_eq!(session.len(), 6, "{out}");
    assert_eq!(session[0], 50.0, "{out}");
    assert_not_negative("session seconds", session[1]);
    assert_positive("µs per participant", session[2]);
    assert_eq!(
        session[3..5],
        [50.0, 0.0],
        "complete histories all settle: {out}"
    );
    assert!(session[5].is_finite(), "{out}");
    let rows = numbers(line(&out, "stored day rows"));
    assert_positive("µs per household", rows[rows.len() - 3]);
    let fit = numbers(line(&out, "regression fit"));
    assert_positive("ms per fit", fit[fit.len() - 1]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn baseline_backtest_scores_every_pseudo_event() {
    let dir = work_dir("backtest");
    let out = powersave(
        &dir,
        &[
            "baseline",
            "backtest",
            "--simulate",
            "3",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--methods",
            "like-days,regression",
            "--threads",
            "1",
        ],
    );
    // March 2025 has 21 weekdays; Green Monday (3 March) and Independence Day (25 March) are
    // holidays.
    assert_eq!(
        numbers(line(&out, "3 households"))[..2],
        [3.0, 19.0],
        "{out}"
    );
    for method in ["like-days ", "regression "] {
        let figures = numbers(line(&out, method));
        // homes, events, CV(RMSE) median and mean, bias median and mean, MAE, aggregate MAE,
        // aggregate bias, aggregate CV(RMSE).
        assert_eq!(figures.len(), 10, "{method}: {out}");
        assert_eq!(figures[..2], [3.0, 57.0], "{method}: {out}");
        for (i, value) in figures.iter().enumerate() {
            assert!(value.is_finite(), "{method} figure {i}: {out}");
        }
        for i in [2, 3, 6, 7, 9] {
            assert_positive(&format!("{method} figure {i}"), figures[i]);
        }
    }
    let per_household: Vec<&str> = out.lines().filter(|l| l.contains("CY-SIM-")).collect();
    assert_eq!(per_household.len(), 6, "three households per method: {out}");
    for household in per_household {
        assert_eq!(numbers(household)[0], 19.0, "{household}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
