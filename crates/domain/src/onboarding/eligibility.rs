//! When a newly connected household may join sessions, in its own figures: the eligibility rule
//! (docs/RULES.md, "Baselines": a share of the expected readings over the days before the
//! session) projected forward on the assumption that readings arrive complete from today on.

use chrono::NaiveDate;

use crate::baseline::Eligibility;
use crate::language::Language;

/// Readings of one local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCoverage {
    /// Readings that arrived.
    pub received: u32,
    /// Readings the household's meters should give that day (fewer on the spring DST day, more
    /// on the autumn one).
    pub expected: u32,
}

/// Where a household stands with the eligibility rule today, and from when it may join.
#[derive(Debug, Clone, PartialEq)]
pub struct EligibilityOutlook {
    /// Whether a session today would accept it.
    pub eligible_now: bool,
    /// Share of expected readings received over the days a session today looks at, in percent.
    pub received_percent: f64,
    /// The share the rule requires, in percent.
    pub required_percent: f64,
    /// Days the rule looks back on.
    pub days: u32,
    /// The first day a session would accept it if readings arrive complete from today on:
    /// today when eligible now.
    pub eligible_from: NaiveDate,
}

impl EligibilityOutlook {
    /// Projects the rule from `past` — the `rule.days` local days before `today`, oldest first —
    /// and `future_expected`, the readings expected on each day from today on (index 0 is
    /// today; at least `rule.days` entries), counted as arriving complete. With fewer past days
    /// than the rule's, the missing oldest ones count as empty.
    pub fn project(
        rule: &Eligibility,
        today: NaiveDate,
        past: &[DayCoverage],
        future_expected: &[u32],
    ) -> Self {
        let days = rule.days as usize;
        let missing = days.saturating_sub(past.len());
        let mut timeline: Vec<DayCoverage> = Vec::with_capacity(days + future_expected.len());
        // An empty day expects what an average later day does, so it weighs like one.
        let typical = future_expected.first().copied().unwrap_or(96);
        timeline.extend((0..missing).map(|_| DayCoverage {
            received: 0,
            expected: typical,
        }));
        timeline.extend(past.iter().skip(past.len().saturating_sub(days)).copied());
        timeline.extend(future_expected.iter().map(|&expected| DayCoverage {
            received: expected,
            expected,
        }));
        let share_before = |offset: usize| {
            let window = &timeline[offset..offset + days];
            let received: u64 = window.iter().map(|d| u64::from(d.received)).sum();
            let expected: u64 = window.iter().map(|d| u64::from(d.expected)).sum();
            if expected == 0 {
                0.0
            } else {
                received as f64 / expected as f64
            }
        };
        let meets = |share: f64| share + 1e-12 >= rule.min_share;
        let share_now = share_before(0);
        let last_offset = timeline.len().saturating_sub(days);
        let first_offset = (0..=last_offset)
            .find(|&offset| meets(share_before(offset)))
            .unwrap_or(last_offset);
        Self {
            eligible_now: meets(share_now),
            received_percent: share_now * 100.0,
            required_percent: rule.min_share * 100.0,
            days: rule.days,
            eligible_from: today + chrono::Duration::days(first_offset as i64),
        }
    }

    /// The rule in plain words with the household's own figures, in the reader's language.
    pub fn explain(&self, language: Language) -> String {
        let received = self.received_percent.floor();
        let required = self.required_percent.round();
        let days = self.days;
        match (language, self.eligible_now) {
            (Language::English, true) => format!(
                "You can join sessions now: we need {required} % of readings over the last {days} days, you have {received} %."
            ),
            (Language::English, false) => format!(
                "You can join sessions from {}: we need {required} % of readings over the last {days} days, you have {received} %.",
                english_date(self.eligible_from)
            ),
            (Language::Greek, true) => format!(
                "Μπορείτε να συμμετέχετε από τώρα: χρειαζόμαστε το {required} % των μετρήσεων των τελευταίων {days} ημερών και έχετε το {received} %."
            ),
            (Language::Greek, false) => format!(
                "Μπορείτε να συμμετέχετε από {}: χρειαζόμαστε το {required} % των μετρήσεων των τελευταίων {days} ημερών και έχετε το {received} %.",
                greek_date(self.eligible_from)
            ),
        }
    }
}

fn english_date(date: NaiveDate) -> String {
    date.format("%-d %B").to_string()
}

/// `12 Δεκεμβρίου`: Greek dates name the month in the genitive.
fn greek_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Ιανουαρίου",
        "Φεβρουαρίου",
        "Μαρτίου",
        "Απριλίου",
        "Μαΐου",
        "Ιουνίου",
        "Ιουλίου",
        "Αυγούστου",
        "Σεπτεμβρίου",
        "Οκτωβρίου",
        "Νοεμβρίου",
        "Δεκεμβρίου",
    ];
    let month = MONTHS[date.month0() as usize];
    format!("{} {month}", date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FULL: DayCoverage = DayCoverage {
        received: 96,
        expected: 96,
    };
    const EMPTY: DayCoverage = DayCoverage {
        received: 0,
        expected: 96,
    };

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()
    }

    fn project(past: &[DayCoverage]) -> EligibilityOutlook {
        EligibilityOutlook::project(&Eligibility::default(), today(), past, &[96; 15])
    }

    #[test]
    fn exactly_the_required_share_is_enough() {
        // 12 of 15 full days is 80 % exactly.
        let mut past = vec![EMPTY; 3];
        past.extend([FULL; 12]);
        let outlook = project(&past);
        assert!(outlook.eligible_now);
        assert_eq!(outlook.eligible_from, today());
        assert_eq!(
            outlook.explain(Language::English),
            "You can join sessions now: we need 80 % of readings over the last 15 days, you have 80 %."
        );
        // One reading fewer is not.
        past[3].received = 95;
        let outlook = project(&past);
        assert!(!outlook.eligible_now);
        assert_eq!(outlook.eligible_from, today().succ_opt().unwrap());
    }

    #[test]
    fn a_new_household_is_told_the_day_it_can_join_in_its_own_figures() {
        // Connected two days ago with 64 % of those days' readings, nothing before.
        let past = [
            DayCoverage {
                received: 60,
                expected: 96,
            },
            DayCoverage {
                received: 63,
                expected: 96,
            },
        ];
        let outlook = project(&past);
        assert!(!outlook.eligible_now);
        assert!((outlook.received_percent - 123.0 / 1440.0 * 100.0).abs() < 1e-9);
        // The partial days' 123 readings and 11 full days from today on make 1,179 of the
        // 1,440 a window expects: 80 % is reached on the 12th day from today.
        assert_eq!(
            outlook.eligible_from,
            NaiveDate::from_ymd_opt(2026, 12, 19).unwrap()
        );
        assert_eq!(
            outlook.explain(Language::English),
            "You can join sessions from 19 December: we need 80 % of readings over the last 15 days, you have 8 %."
        );
        assert_eq!(
            outlook.explain(Language::Greek),
            "Μπορείτε να συμμετέχετε από 19 Δεκεμβρίου: χρειαζόμαστε το 80 % των μετρήσεων των τελευταίων 15 ημερών και έχετε το 8 %."
        );
    }

    #[test]
    fn dst_days_weigh_what_they_expect() {
        // 25 October 2026 in Nicosia has 25 hours: 100 quarter hours.
        let mut past = vec![FULL; 11];
        past.push(DayCoverage {
            received: 100,
            expected: 100,
        });
        past.extend([EMPTY; 3]);
        let outlook = project(&past);
        let expected = (11.0 * 96.0 + 100.0) / (14.0 * 96.0 + 100.0) * 100.0;
        assert!((outlook.received_percent - expected).abs() < 1e-9);
        assert!(outlook.eligible_now);
    }

    proptest! {
        #[test]
        fn the_day_is_within_the_rules_span_and_never_later_with_more_data(
            received in prop::collection::vec(0u32..=96, 0..=15),
            extra_at in any::<prop::sample::Index>(),
        ) {
            let past: Vec<DayCoverage> = received
                .iter()
                .map(|&received| DayCoverage { received, expected: 96 })
                .collect();
            let outlook = project(&past);
            prop_assert!(outlook.eligible_from >= today());
            prop_assert!(outlook.eligible_from <= today() + chrono::Duration::days(15));
            prop_assert_eq!(outlook.eligible_now, outlook.eligible_from == today());
            if !past.is_empty() {
                let mut more = past.clone();
                let i = extra_at.index(more.len());
                more[i].received = 96;
                prop_assert!(project(&more).eligible_from <= outlook.eligible_from);
            }
        }
    }
}
