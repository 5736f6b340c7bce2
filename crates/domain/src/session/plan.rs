//! A session plan as staff write it, checked whole: every field's limit lives here, so the API,
//! the demo and the commands build plans the same way (docs/RULES.md § Saving Sessions).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{Audience, FieldProblems, SessionRules, SessionWindow};
use crate::baseline::MethodName;
use crate::language::{Language, Translated};
use crate::rewards::SessionTerms;

/// What staff plan, valid by construction ([`SessionPlan::new`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionPlan {
    /// Shown to households, 1–120 characters, trimmed.
    pub title: String,
    /// Shown to households, up to 2,000 characters.
    pub description: String,
    /// The Greek title and description, shown to Greek readers when written.
    pub greek: GreekText,
    /// When it runs and until when households may join.
    pub window: SessionWindow,
    /// Points per kWh saved.
    pub points_per_kwh: u32,
    /// Points for taking part at all.
    pub opt_in_bonus: u32,
    /// Who may join.
    pub audience: Audience,
    /// How baselines are computed.
    pub baseline_method: MethodName,
    /// Short notice.
    pub surprise: bool,
}

/// A plan before it is checked: what a form or a command line offers.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanDraft {
    /// Title as typed.
    pub title: String,
    /// Description as typed.
    pub description: String,
    /// The Greek texts as typed; blank ones count as not written.
    pub greek: GreekText,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Last moment to join or leave; the start when absent.
    pub join_deadline: Option<DateTime<Utc>>,
    /// Points per kWh saved.
    pub points_per_kwh: u32,
    /// Points for taking part.
    pub opt_in_bonus: u32,
    /// Who may join.
    pub audience: Audience,
    /// How baselines are computed.
    pub baseline_method: MethodName,
    /// Short notice.
    pub surprise: bool,
}

/// A session's texts in Greek, each optional: staff write the English ones and may add these;
/// Greek readers see them where they exist and the English ones otherwise (docs/RULES.md,
/// "Languages").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GreekText {
    /// The title in Greek, under the English title's limit.
    pub title: Option<String>,
    /// The description in Greek, under the English description's limit.
    pub description: Option<String>,
}

impl GreekText {
    /// Trims the texts and drops blank ones, reporting those over the limits.
    fn checked(self, rules: &SessionRules, problems: &mut FieldProblems) -> Self {
        let title = self
            .title
            .map(|title| title.trim().to_owned())
            .filter(|title| !title.is_empty());
        if title
            .as_ref()
            .is_some_and(|title| title.chars().count() > rules.max_title_chars)
        {
            problems.push((
                "title_el",
                format!("must be at most {} characters", rules.max_title_chars),
            ));
        }
        let description = self
            .description
            .filter(|description| !description.trim().is_empty());
        if description
            .as_ref()
            .is_some_and(|description| description.chars().count() > rules.max_description_chars)
        {
            problems.push((
                "description_el",
                format!(
                    "must be at most {} characters",
                    thousands(rules.max_description_chars)
                ),
            ));
        }
        Self { title, description }
    }
}

/// The programme facts a plan is checked against.
#[derive(Debug, Clone, Copy)]
pub struct PlanContext<'a> {
    /// The limits.
    pub rules: &'a SessionRules,
    /// Districts a session may be limited to.
    pub districts: &'a [String],
    /// The programme's time zone: a session stays within one of its local days.
    pub time_zone: Tz,
}

impl SessionPlan {
    /// Checks every field of `draft`, reporting all problems at once by field: title and
    /// description lengths, the points limits, the audience's districts, and the window (30-minute
    /// boundaries, length, deadline, one local day).
    pub fn new(draft: PlanDraft, context: PlanContext<'_>) -> Result<Self, FieldProblems> {
        let rules = context.rules;
        let mut problems = FieldProblems::new();
        let title = draft.title.trim().to_owned();
        if title.is_empty() || title.chars().count() > rules.max_title_chars {
            problems.push((
                "title",
                format!("must be 1-{} characters", rules.max_title_chars),
            ));
        }
        if draft.description.chars().count() > rules.max_description_chars {
            problems.push((
                "description",
                format!(
                    "must be at most {} characters",
                    thousands(rules.max_description_chars)
                ),
            ));
        }
        let greek = draft.greek.checked(rules, &mut problems);
        for (field, value) in [
            ("points_per_kwh", draft.points_per_kwh),
            ("opt_in_bonus", draft.opt_in_bonus),
        ] {
            if value > rules.max_points {
                problems.push((field, format!("must be at most {}", rules.max_points)));
            }
        }
        if let Audience::Districts { districts } = &draft.audience {
            if districts.is_empty() {
                problems.push((
                    "audience.districts",
                    "name at least one district".to_owned(),
                ));
            }
            for district in districts {
                if !context.districts.contains(district) {
                    problems.push((
                        "audience.districts",
                        format!(
                            "unknown district {district:?}; expected one of {}",
                            context.districts.join(", ")
                        ),
                    ));
                }
            }
        }
        let window = SessionWindow::new(
            draft.starts_at,
            draft.ends_at,
            draft.join_deadline.unwrap_or(draft.starts_at),
            rules,
        )
        .and_then(|window| {
            window.check_within_local_day(context.time_zone)?;
            Ok(window)
        });
        match window {
            Ok(window) if problems.is_empty() => Ok(Self {
                title,
                description: draft.description,
                greek,
                window,
                points_per_kwh: draft.points_per_kwh,
                opt_in_bonus: draft.opt_in_bonus,
                audience: draft.audience,
                baseline_method: draft.baseline_method,
                surprise: draft.surprise,
            }),
            Ok(_) => Err(problems),
            Err(window_problems) => {
                problems.extend(window_problems);
                Err(problems)
            }
        }
    }

    /// The title a reader of `language` sees.
    pub fn title_for(&self, language: Language) -> &str {
        Translated {
            english: &self.title,
            greek: self.greek.title.as_deref(),
        }
        .for_reader(language)
    }

    /// The description a reader of `language` sees.
    pub fn description_for(&self, language: Language) -> &str {
        Translated {
            english: &self.description,
            greek: self.greek.description.as_deref(),
        }
        .for_reader(language)
    }

    /// What the session pays.
    pub fn terms(&self) -> SessionTerms {
        SessionTerms {
            points_per_kwh: self.points_per_kwh,
            opt_in_bonus: self.opt_in_bonus,
        }
    }
}

/// `2000` as `2,000`, as the limits are written for people.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 1, hour, 0, 0).unwrap()
    }

    fn draft() -> PlanDraft {
        PlanDraft {
            title: "  Evening peak ".into(),
            description: String::new(),
            greek: GreekText::default(),
            starts_at: at(14),
            ends_at: at(16),
            join_deadline: None,
            points_per_kwh: 100,
            opt_in_bonus: 10,
            audience: Audience::Everyone,
            baseline_method: MethodName::LikeDays,
            surprise: false,
        }
    }

    fn check(draft: PlanDraft) -> Result<SessionPlan, FieldProblems> {
        let districts = ["Nicosia".to_owned()];
        SessionPlan::new(
            draft,
            PlanContext {
                rules: &SessionRules::default(),
                districts: &districts,
                time_zone: chrono_tz::Europe::Nicosia,
            },
        )
    }

    #[test]
    fn a_valid_plan_is_trimmed_and_its_deadline_defaults_to_the_start() {
        let plan = check(draft()).unwrap();
        assert_eq!(plan.title, "Evening peak");
        assert_eq!(plan.window.join_deadline, at(14));
        assert_eq!(
            plan.terms(),
            SessionTerms {
                points_per_kwh: 100,
                opt_in_bonus: 10
            }
        );
    }

    #[test]
    fn every_problem_is_reported_by_field() {
        let problems = check(PlanDraft {
            title: " ".into(),
            description: "x".repeat(2_001),
            points_per_kwh: 10_001,
            opt_in_bonus: 20_000,
            audience: Audience::Districts {
                districts: vec!["Atlantis".into()],
            },
            ends_at: at(14),
            ..draft()
        })
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            [
                "title",
                "description",
                "points_per_kwh",
                "opt_in_bonus",
                "audience.districts",
                "ends_at"
            ]
        );
        assert_eq!(problems[0].1, "must be 1-120 characters");
        assert_eq!(problems[1].1, "must be at most 2,000 characters");
        assert_eq!(problems[2].1, "must be at most 10000");
        assert!(problems[4].1.contains("\"Atlantis\""), "{}", problems[4].1);
    }

    #[test]
    fn greek_texts_are_trimmed_checked_and_shown_to_greek_readers() {
        let plan = check(PlanDraft {
            description: "Use less".into(),
            greek: GreekText {
                title: Some(" Βραδινή αιχμή ".into()),
                description: Some("   ".into()),
            },
            ..draft()
        })
        .unwrap();
        assert_eq!(plan.greek.title.as_deref(), Some("Βραδινή αιχμή"));
        assert_eq!(plan.greek.description, None);
        assert_eq!(plan.title_for(Language::Greek), "Βραδινή αιχμή");
        assert_eq!(plan.title_for(Language::English), "Evening peak");
        assert_eq!(plan.description_for(Language::Greek), "Use less");

        let problems = check(PlanDraft {
            greek: GreekText {
                title: Some("τ".repeat(121)),
                description: Some("π".repeat(2_001)),
            },
            ..draft()
        })
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["title_el", "description_el"]);
    }

    #[test]
    fn limits_are_inclusive() {
        let plan = check(PlanDraft {
            title: "t".repeat(120),
            description: "d".repeat(2_000),
            points_per_kwh: 10_000,
            opt_in_bonus: 10_000,
            ..draft()
        });
        assert!(plan.is_ok(), "{plan:?}");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn a_plan_past_local_midnight_is_refused() {
        // July: Nicosia is UTC+3, so 21:00 UTC is local midnight.
        let problems = check(PlanDraft {
            starts_at: at(20),
            ends_at: at(22),
            ..draft()
        })
        .unwrap_err();
        assert_eq!(problems[0].0, "ends_at");
    }
}
