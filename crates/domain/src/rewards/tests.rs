use std::collections::HashMap;

use proptest::prelude::*;

use super::*;

#[test]
fn streaks_of_three() {
    let rule = StreakRule::default();
    assert!(!rule.success_after(&[true]));
    assert!(rule.success_after(&[true, true]));
    assert!(!rule.success_after(&[true, true, true]));
    assert!(rule.success_after(&[false, true, true]));
    assert!(!rule.success_after(&[true, true, false, true]));
    assert!(rule.success_after(&[true; 5]));
    assert!(!rule.success_after(&[true, true, true, false]));
}

#[test]
fn reasons_round_trip_and_unknown_ones_are_refused() {
    for reason in LedgerReason::ALL {
        assert_eq!(LedgerReason::parse(reason.as_str()), Ok(reason));
    }
    assert!(LedgerReason::parse("gift").is_err());
}

#[test]
fn points_are_the_positive_part_times_the_rate() {
    assert_eq!(points_for(Some(1.26), 100), 126);
    assert_eq!(points_for(Some(-3.0), 100), 0);
    assert_eq!(points_for(None, 100), 0);
    assert_eq!(points_for(Some(0.004), 100), 0);
    assert_eq!(points_for(Some(0.005), 100), 1);
}

#[test]
fn references_of_a_session() {
    let session = SessionReference("s1");
    assert_eq!(session.savings_entry(0), "s1");
    assert_eq!(session.savings_entry(1), "s1#2");
    assert_eq!(session.savings_entry(4), "s1#5");
    assert_eq!(SessionReference::session_of("s1#5"), "s1");
    assert_eq!(SessionReference::session_of("s1"), "s1");
}

fn terms(points_per_kwh: u32, opt_in_bonus: u32) -> SessionTerms {
    SessionTerms {
        points_per_kwh,
        opt_in_bonus,
    }
}

#[test]
fn a_provisional_result_pays_savings_and_the_bonus_and_a_final_one_corrects_and_adds_the_streak() {
    let rules = RewardRules::default();
    let provisional = PayableResult {
        session: SessionReference("s"),
        terms: terms(100, 10),
        status: ResultStatus::Provisional,
        saved_kwh: Some(1.0),
    };
    let first = session_entries(&provisional, PaidSoFar::default(), &[true, true], &rules);
    assert_eq!(
        first,
        [
            LedgerEntry {
                reason: LedgerReason::SessionSavings,
                reference: "s".into(),
                points: 100,
                note: None
            },
            LedgerEntry {
                reason: LedgerReason::OptInBonus,
                reference: "s".into(),
                points: 10,
                note: None
            },
        ],
        "no streak while provisional"
    );
    let last = PayableResult {
        status: ResultStatus::Final,
        saved_kwh: Some(0.8),
        ..provisional
    };
    let paid = PaidSoFar {
        points: 100,
        entries: 1,
    };
    let second = session_entries(&last, paid, &[true, true], &rules);
    let reasons: Vec<(LedgerReason, &str, i64)> = second
        .iter()
        .map(|e| (e.reason, e.reference.as_str(), e.points))
        .collect();
    assert_eq!(
        reasons,
        [
            (LedgerReason::StreakBonus, "s", 50),
            (LedgerReason::SessionSavings, "s#2", -20),
            (LedgerReason::OptInBonus, "s", 10),
        ]
    );
}

#[test]
fn pending_and_insufficient_results_pay_nothing() {
    for status in [ResultStatus::Pending, ResultStatus::InsufficientData] {
        let result = PayableResult {
            session: SessionReference("s"),
            terms: terms(100, 10),
            status,
            saved_kwh: Some(2.0),
        };
        assert_eq!(
            session_entries(&result, PaidSoFar::default(), &[], &RewardRules::default()),
            []
        );
    }
}

/// The ledger as the store keeps it: an entry is appended unless one with the same reason and
/// reference exists.
#[derive(Default)]
struct Ledger(HashMap<(LedgerReason, String), i64>);

impl Ledger {
    fn append(&mut self, entries: Vec<LedgerEntry>) -> usize {
        let mut appended = 0;
        for entry in entries {
            if let std::collections::hash_map::Entry::Vacant(slot) =
                self.0.entry((entry.reason, entry.reference))
            {
                slot.insert(entry.points);
                appended += 1;
            }
        }
        appended
    }

    fn paid(&self) -> PaidSoFar {
        let savings: Vec<i64> = self
            .0
            .iter()
            .filter(|((reason, _), _)| *reason == LedgerReason::SessionSavings)
            .map(|(_, points)| *points)
            .collect();
        PaidSoFar {
            points: savings.iter().sum(),
            entries: savings.len() as u64,
        }
    }

    fn total(&self, reason: LedgerReason) -> i64 {
        self.0
            .iter()
            .filter(|((r, _), _)| *r == reason)
            .map(|(_, points)| points)
            .sum()
    }
}

fn saved() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![Just(None), (-5.0f64..10.0).prop_map(Some)]
}

proptest! {
    /// The streak rule against a plain counter: count successes, reset on a failure and after
    /// each bonus; the session earns when the counter reaches the length with it.
    #[test]
    fn a_bonus_comes_every_length_successes_after_the_last_failure(
        earlier in proptest::collection::vec(any::<bool>(), 0..20),
        length in 0usize..5,
    ) {
        let rule = StreakRule { length, points: 50 };
        let mut counter = 0;
        let mut earns = false;
        for saved in earlier.iter().copied().chain([true]) {
            earns = false;
            if !saved {
                counter = 0;
                continue;
            }
            counter += 1;
            if length > 0 && counter == length {
                earns = true;
                counter = 0;
            }
        }
        prop_assert_eq!(rule.success_after(&earlier), earns);
    }

    /// More kWh saved never earns fewer points.
    #[test]
    fn points_are_monotone_in_kwh_saved(a in -5.0f64..50.0, b in -5.0f64..50.0, rate in 0u32..10_000) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(points_for(Some(low), rate) <= points_for(Some(high), rate));
    }

    /// However the result moves while late data arrives, the savings entries always add up to
    /// what the latest result earns, and the bonus is paid once.
    #[test]
    fn corrections_sum_to_what_the_latest_result_earns(
        passes in proptest::collection::vec(saved(), 1..8),
        rate in 0u32..500,
        bonus in 0u32..50,
    ) {
        let mut ledger = Ledger::default();
        for saved_kwh in &passes {
            let result = PayableResult {
                session: SessionReference("s"),
                terms: terms(rate, bonus),
                status: ResultStatus::Provisional,
                saved_kwh: *saved_kwh,
            };
            ledger.append(session_entries(&result, ledger.paid(), &[], &RewardRules::default()));
            prop_assert_eq!(ledger.paid().points, points_for(*saved_kwh, rate));
            prop_assert_eq!(ledger.total(LedgerReason::OptInBonus), i64::from(bonus));
        }
    }

    /// A final result asked again (a job that runs twice, a worker that died after paying)
    /// appends nothing.
    #[test]
    fn a_final_result_never_pays_twice(
        saved_kwh in saved(),
        earlier in proptest::collection::vec(any::<bool>(), 0..8),
        rate in 0u32..500,
        bonus in 0u32..50,
    ) {
        let result = PayableResult {
            session: SessionReference("s"),
            terms: terms(rate, bonus),
            status: ResultStatus::Final,
            saved_kwh,
        };
        let rules = RewardRules::default();
        let mut ledger = Ledger::default();
        ledger.append(session_entries(&result, ledger.paid(), &earlier, &rules));
        let total: i64 = ledger.0.values().sum();
        prop_assert_eq!(ledger.append(session_entries(&result, ledger.paid(), &earlier, &rules)), 0);
        prop_assert_eq!(ledger.0.values().sum::<i64>(), total);
    }
}
