//! Where a household stands on the way to its first session, told truthfully: no meter, a meter
//! without readings yet, readings arriving late, or history building up to the eligibility rule
//! with the day it can join (docs/RULES.md, "Connecting a meter"). Its figures count only its own
//! readings (docs/RULES.md, "Whose readings"): a household that moved in has none before its
//! move-in, and those days count as empty.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::consumption::{Resolution, local_midnight};
use domain::onboarding::{DayCoverage, EligibilityOutlook};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::household_readings::{Expected, buckets_of, day_rows, household};
use crate::AppState;
use crate::auth::extract::CurrentUser;
use crate::error::{ApiError, Problem};

/// `/me/onboarding`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(onboarding))
}

/// How far the household is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnboardingStep {
    /// No meter linked: connect one.
    ConnectMeter,
    /// A meter was just connected and its recent history is being asked of the meter data
    /// system.
    FetchingHistory,
    /// A meter is linked and no reading of it has arrived yet.
    AwaitingData,
    /// Readings arrive; too few yet for the eligibility rule.
    BuildingHistory,
    /// Sessions accept the household.
    Ready,
}

/// The eligibility rule in the household's own figures.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EligibilityStatus {
    /// Whether a session today would accept the household.
    pub eligible_now: bool,
    /// Readings received over the days a session today looks at, in percent.
    pub received_percent: f64,
    /// The share the rule needs, in percent.
    pub required_percent: f64,
    /// Days the rule looks at.
    pub days: u32,
    /// The first local day sessions accept the household if readings keep arriving.
    pub eligible_from: NaiveDate,
    /// The rule and the figures in plain words, in the account's language.
    pub explanation: String,
}

/// A claim of the household that waits for staff.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClaimInReview {
    /// The meter claimed.
    pub meter_id: String,
    /// When the household made the claim.
    pub created_at: DateTime<Utc>,
}

/// The history asked for when the household's meter was connected.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HistoryRequestStatus {
    /// The meter.
    pub meter_id: String,
    /// Days asked for.
    pub days: u16,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// When the answer was in; null while it is being fetched.
    pub completed_at: Option<DateTime<Utc>>,
    /// Readings the answer brought.
    pub readings: Option<u64>,
}

/// The household's way to its first session.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OnboardingResponse {
    /// The step it is at.
    pub step: OnboardingStep,
    /// The newest claim of the household waiting for staff review, if any.
    pub claim_in_review: Option<ClaimInReview>,
    /// The newest history request for the household's meter, if one was made.
    pub history: Option<HistoryRequestStatus>,
    /// Its meters.
    pub meters: Vec<String>,
    /// The end of the latest half hour with readings over the rule's days, if any.
    pub latest_reading_at: Option<DateTime<Utc>>,
    /// Hours since then, rounded down: how late the data is.
    pub hours_behind: Option<i64>,
    /// The eligibility rule with the household's figures, once a meter is linked.
    pub eligibility: Option<EligibilityStatus>,
}

/// The signed-in household's step on the way to its first session, with the eligibility rule
/// in its own figures.
#[utoipa::path(
    get, path = "/me/onboarding", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, body = OnboardingResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn onboarding(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<OnboardingResponse>, ApiError> {
    let household = household(&state, user.id).await?;
    let claim_in_review = state
        .store
        .claim_in_review(user.id)
        .await?
        .map(|claim| ClaimInReview {
            meter_id: claim.meter_id,
            created_at: claim.created_at,
        });
    let meters = household.meter_ids.clone();
    if household.meter_ids.is_empty() {
        return Ok(Json(OnboardingResponse {
            step: OnboardingStep::ConnectMeter,
            claim_in_review,
            history: None,
            meters,
            latest_reading_at: None,
            hours_behind: None,
            eligibility: None,
        }));
    }
    let rule = state.settings.programme.engine_settings().eligibility;
    let now = Utc::now();
    let tz = household.tz;
    let today = now.with_timezone(&tz).date_naive();
    let days = i64::from(rule.days);
    let window_start = local_midnight(tz, today - Duration::days(days));
    let today_start = local_midnight(tz, today);
    // One read of the rule's days serves both the daily coverage and the latest reading.
    let rows = day_rows(&state, &household, window_start, now).await?;
    let past = buckets_of(
        &household,
        &rows,
        window_start,
        today_start,
        Resolution::Day,
        Expected::HeldNow,
    );
    let recent = buckets_of(
        &household,
        &rows,
        window_start,
        now,
        Resolution::HalfHour,
        Expected::WithinLinks,
    );
    let latest_reading_at = recent
        .iter()
        .rev()
        .find(|bucket| bucket.readings > 0)
        .map(|bucket| bucket.end);
    let future = buckets_of(
        &household,
        &[],
        today_start,
        local_midnight(tz, today + Duration::days(days)),
        Resolution::Day,
        Expected::HeldNow,
    );
    let coverage: Vec<DayCoverage> = past
        .iter()
        .map(|b| DayCoverage {
            received: b.readings,
            expected: b.expected,
        })
        .collect();
    let future_expected: Vec<u32> = future.iter().map(|b| b.expected).collect();
    let outlook = EligibilityOutlook::project(&rule, today, &coverage, &future_expected);
    let history = state
        .store
        .latest_history_request(user.id)
        .await?
        .filter(|request| meters.contains(&request.meter_id))
        .map(|request| HistoryRequestStatus {
            meter_id: request.meter_id,
            days: request.days,
            requested_at: request.requested_at,
            completed_at: request.completed_at,
            readings: request.readings,
        });
    let fetching = history.as_ref().is_some_and(|h| h.completed_at.is_none());
    let step = match (fetching, latest_reading_at, outlook.eligible_now) {
        (true, _, _) => OnboardingStep::FetchingHistory,
        (false, None, _) => OnboardingStep::AwaitingData,
        (false, Some(_), false) => OnboardingStep::BuildingHistory,
        (false, Some(_), true) => OnboardingStep::Ready,
    };
    Ok(Json(OnboardingResponse {
        step,
        claim_in_review,
        history,
        meters,
        hours_behind: latest_reading_at.map(|at| (now - at).num_hours().max(0)),
        latest_reading_at,
        eligibility: Some(EligibilityStatus {
            explanation: outlook.explain(user.language),
            eligible_now: outlook.eligible_now,
            received_percent: (outlook.received_percent * 10.0).round() / 10.0,
            required_percent: outlook.required_percent,
            days: outlook.days,
            eligible_from: outlook.eligible_from,
        }),
    }))
}
