//! Saving Sessions over HTTP: staff plan, announce and cancel them; households list, join and
//! leave them and read their results.

pub mod admin;
pub mod consumer;
pub mod live;
pub mod recompute;
pub mod results;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::baseline::MethodName;
use domain::language::Language;
use domain::session::{Audience, GreekText, PlanContext, PlanDraft, SessionRules, SessionState};
use serde::{Deserialize, Serialize};
use store::{SessionPlan, SessionRecord};
use utoipa::ToSchema;

use crate::error::{ApiError, FieldErrors};

/// Who may join, on the wire.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AudienceBody {
    /// Every household.
    Everyone,
    /// Households of the listed districts.
    Districts {
        /// District names from the programme's list.
        districts: Vec<String>,
    },
}

/// A session plan as staff send it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionPlanBody {
    /// Shown to households, 1–120 characters.
    #[schema(example = "Evening peak")]
    pub title: String,
    /// Shown to households, up to 2,000 characters.
    #[serde(default)]
    pub description: String,
    /// The title in Greek, shown to Greek readers; up to 120 characters, blank for none.
    #[schema(example = "Βραδινή αιχμή")]
    pub title_el: Option<String>,
    /// The description in Greek, up to 2,000 characters, blank for none.
    pub description_el: Option<String>,
    /// Start, on a 30-minute boundary.
    pub starts_at: DateTime<Utc>,
    /// End, on a 30-minute boundary, 30 minutes to 4 hours after the start and on the same local
    /// day of the programme's time zone (midnight itself allowed).
    pub ends_at: DateTime<Utc>,
    /// Last moment to join or leave; defaults to the start.
    pub join_deadline: Option<DateTime<Utc>>,
    /// Green Points per kWh saved (0–10,000).
    #[schema(example = 100)]
    pub points_per_kwh: u32,
    /// Green Points for taking part (0–10,000).
    #[serde(default)]
    pub opt_in_bonus: u32,
    /// Who may join; everyone by default.
    pub audience: Option<AudienceBody>,
    /// Baseline method: like-days (default), like-days-adjusted, like-days-damped,
    /// like-days-last-hour, high-x-of-y, 10-in-10, regression or auto.
    pub baseline_method: Option<String>,
    /// Short notice (at least 30 minutes instead of a day).
    #[serde(default)]
    pub surprise: bool,
}

impl SessionPlanBody {
    /// Checks every field, reporting all problems at once ([`SessionPlan::new`] owns the
    /// limits); the window must lie within one local day of the programme's `time_zone`.
    pub fn into_plan(self, districts: &[String], time_zone: Tz) -> Result<SessionPlan, ApiError> {
        let method = match self.baseline_method.as_deref().map(MethodName::parse) {
            None => Ok(MethodName::default()),
            Some(parsed) => parsed,
        };
        let audience = match self.audience.unwrap_or(AudienceBody::Everyone) {
            AudienceBody::Everyone => Audience::Everyone,
            AudienceBody::Districts { districts } => Audience::Districts { districts },
        };
        let draft = PlanDraft {
            title: self.title,
            description: self.description,
            greek: GreekText {
                title: self.title_el,
                description: self.description_el,
            },
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            join_deadline: self.join_deadline,
            points_per_kwh: self.points_per_kwh,
            opt_in_bonus: self.opt_in_bonus,
            audience,
            baseline_method: method.clone().unwrap_or_default(),
            surprise: self.surprise,
        };
        let context = PlanContext {
            rules: &SessionRules::default(),
            districts,
            time_zone,
        };
        let plan = SessionPlan::new(draft, context);
        let problems = plan.as_ref().err().cloned().unwrap_or_default();
        let is_window = |field: &str| matches!(field, "starts_at" | "ends_at" | "join_deadline");
        // Reported in the form's order: the plan's own fields, the method, then the times.
        let mut errors = FieldErrors::default();
        for (field, message) in problems.iter().filter(|(field, _)| !is_window(field)) {
            errors.push(field, message);
        }
        errors.check("baseline_method", method);
        for (field, message) in problems.iter().filter(|(field, _)| is_window(field)) {
            errors.push(field, message);
        }
        errors.finish(|| plan.ok())
    }
}

/// A percentage as the API shows it: to one decimal.
pub fn shown_percent(percent: Option<f64>) -> Option<f64> {
    percent.map(|p| (p * 10.0).round() / 10.0)
}

/// A session as anyone sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionResponse {
    /// Id.
    pub id: uuid::Uuid,
    /// Title: for households in their language (the Greek one when written), for staff the
    /// English one.
    pub title: String,
    /// Description, in the same language as the title.
    pub description: String,
    /// The Greek title as staff wrote it, if they did.
    pub title_el: Option<String>,
    /// The Greek description as staff wrote it, if they did.
    pub description_el: Option<String>,
    /// Where the session is in its life.
    pub state: SessionState,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Last moment to join or leave.
    pub join_deadline: DateTime<Utc>,
    /// Green Points per kWh saved.
    pub points_per_kwh: u32,
    /// Green Points for taking part.
    pub opt_in_bonus: u32,
    /// Who may join.
    pub audience: AudienceBody,
    /// Baseline method.
    pub baseline_method: MethodName,
    /// Short notice.
    pub surprise: bool,
    /// Households that joined.
    pub participants: u64,
    /// When it was announced.
    pub announced_at: Option<DateTime<Utc>>,
}

impl From<SessionRecord> for SessionResponse {
    /// As staff see it: the English texts beside the Greek ones.
    fn from(record: SessionRecord) -> Self {
        Self::for_reader(record, Language::English)
    }
}

impl SessionResponse {
    /// As a reader of `language` sees it: title and description in that language where written
    /// (docs/RULES.md, "Languages").
    pub fn for_reader(record: SessionRecord, language: Language) -> Self {
        let title = record.plan.title_for(language).to_owned();
        let description = record.plan.description_for(language).to_owned();
        let plan = record.plan;
        Self {
            id: record.id,
            title,
            description,
            title_el: plan.greek.title,
            description_el: plan.greek.description,
            state: record.state,
            starts_at: plan.window.starts_at,
            ends_at: plan.window.ends_at,
            join_deadline: plan.window.join_deadline,
            points_per_kwh: plan.points_per_kwh,
            opt_in_bonus: plan.opt_in_bonus,
            audience: match plan.audience {
                Audience::Everyone => AudienceBody::Everyone,
                Audience::Districts { districts } => AudienceBody::Districts { districts },
            },
            baseline_method: plan.baseline_method,
            surprise: plan.surprise,
            participants: record.participants,
            announced_at: record.announced_at,
        }
    }
}

/// Reads a comma-separated state filter.
pub fn parse_states(raw: Option<&str>) -> Result<Vec<SessionState>, ApiError> {
    let mut errors = FieldErrors::default();
    let states: Vec<Option<SessionState>> = raw
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| errors.check("state", SessionState::parse(s)))
        .collect();
    errors.finish(|| states.into_iter().collect())
}

/// A page of sessions.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionPage {
    /// The sessions on this page.
    pub items: Vec<SessionResponse>,
    /// 1-based page number.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Sessions matching the filter on all pages.
    pub total: u64,
}

impl From<store::Page<SessionRecord>> for SessionPage {
    fn from(page: store::Page<SessionRecord>) -> Self {
        Self {
            items: page.items.into_iter().map(SessionResponse::from).collect(),
            page: page.request.page(),
            per_page: page.request.per_page(),
            total: page.total,
        }
    }
}

/// Refuses a plan that shares time with another session.
pub async fn refuse_overlap(
    store: &store::Store,
    plan: &SessionPlan,
    except: Option<uuid::Uuid>,
) -> Result<(), ApiError> {
    if let Some(other) = store
        .overlapping_sessions(&plan.window, except)
        .await?
        .first()
    {
        return Err(ApiError::Conflict(format!(
            "overlaps session {:?} ({} to {}, {})",
            other.plan.title, other.plan.window.starts_at, other.plan.window.ends_at, other.state
        )));
    }
    Ok(())
}
