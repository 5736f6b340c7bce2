//! A household connecting its own meter (docs/RULES.md, "Connecting a meter"): the claim from
//! its bill, the consent it gives, and where it stands on the way to its first session.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use domain::household::District;
use domain::language::Language;
use domain::meter::MeterId;
use domain::onboarding::{
    AccountNumber, CONSENT_TEXT_VERSION, ClaimDecision, ClaimStatus, MeterHolder, consent_text,
    judge_claim,
};
use serde::{Deserialize, Serialize};
use store::{ConsentRecord, NewClaim};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::extract::CurrentUser;
use crate::dto::HouseholdResponse;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::{ApiJson, ApiPath};

/// Days of a newly connected meter's history asked of the meter data system.
pub const HISTORY_DAYS: u16 = 60;

/// Claims a household may make in [`CLAIM_WINDOW_MINUTES`], whatever their outcome.
const CLAIMS_PER_WINDOW: u64 = 10;
/// The window of the per-account claim limit.
const CLAIM_WINDOW_MINUTES: i64 = 60;

/// The claim route, under the per-IP sign-in rate limit.
pub fn limited_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(claim_meter))
}

/// The other onboarding routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(consent_terms))
        .routes(routes!(list_consents))
        .routes(routes!(withdraw_consent))
}

/// What the household types from its bill, and its consent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeterClaimRequest {
    /// The utility account number printed on the bill (spaces and dashes are ignored).
    #[schema(example = "1002 0030 45")]
    pub account_number: String,
    /// The meter number printed on the bill.
    #[schema(example = "CY-SIM-0000041")]
    pub meter_id: String,
    /// The version of the consent text the household agreed to (`GET /me/consent`); it must be
    /// the current one.
    #[schema(example = "2026-12")]
    pub consent_version: String,
}

/// What a claim came to.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeterClaimResponse {
    /// `linked` (connected now) or `review` (staff decide; the household hears back).
    pub status: String,
    /// The claim's id; null when the household held the meter already and nothing was claimed.
    pub claim_id: Option<Uuid>,
    /// What happens next, for the household.
    pub message: String,
    /// The household as it is now.
    pub household: HouseholdResponse,
}

/// The consent text the household agrees to before its meter is read.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConsentTerms {
    /// The version to send back with a claim.
    pub version: String,
    /// The text, in the account's language.
    pub text: String,
}

/// A consent the household gave.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConsentResponse {
    /// Id.
    pub id: Uuid,
    /// The meter it covers.
    pub meter_id: String,
    /// The text version agreed to.
    pub text_version: String,
    /// When.
    pub granted_at: DateTime<Utc>,
    /// When it was withdrawn.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl From<ConsentRecord> for ConsentResponse {
    fn from(record: ConsentRecord) -> Self {
        Self {
            id: record.id,
            meter_id: record.meter_id,
            text_version: record.text_version,
            granted_at: record.granted_at,
            withdrawn_at: record.withdrawn_at,
        }
    }
}

/// The consent text to show before connecting a meter.
#[utoipa::path(
    get, path = "/me/consent", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, body = ConsentTerms),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn consent_terms(CurrentUser(user): CurrentUser) -> Json<ConsentTerms> {
    Json(ConsentTerms {
        version: CONSENT_TEXT_VERSION.to_owned(),
        text: consent_text(user.language).to_owned(),
    })
}

/// Connects a meter from the numbers on the household's bill. A match with the customer
/// register links it at once (201) and takes the premises' district and tariff; a meter another
/// household holds, or a number one digit off, goes to staff review (202); a number that does
/// not fit is refused by field (422) without saying whose meter it is. At most 10 claims an hour
/// per household (429), and the sign-in limit per IP.
#[utoipa::path(
    post, path = "/me/meter-claims", tag = "me", security(("bearer" = [])),
    request_body = MeterClaimRequest,
    responses(
        (status = 200, description = "This household holds the meter already", body = MeterClaimResponse),
        (status = 201, description = "Linked", body = MeterClaimResponse),
        (status = 202, description = "Waiting for staff review", body = MeterClaimResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn claim_meter(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiJson(body): ApiJson<MeterClaimRequest>,
) -> Result<(StatusCode, Json<MeterClaimResponse>), ApiError> {
    let mut errors = FieldErrors::default();
    let account = errors.check("account_number", AccountNumber::parse(&body.account_number));
    let meter_id = errors.check("meter_id", MeterId::parse(&body.meter_id));
    if body.consent_version != CONSENT_TEXT_VERSION {
        errors.push(
            "consent_version",
            "agree to the current consent text (GET /api/v1/me/consent) before connecting a meter",
        );
    }
    let (account, meter_id) = errors.finish(|| Some((account?, meter_id?)))?;
    let since = Utc::now() - Duration::minutes(CLAIM_WINDOW_MINUTES);
    if state.store.claims_since(user.id, since).await? >= CLAIMS_PER_WINDOW {
        return Err(ApiError::TooManyRequests {
            retry_after_secs: u64::try_from(CLAIM_WINDOW_MINUTES * 60).unwrap_or(3600),
        });
    }
    let line = state.store.register_line(&meter_id).await?;
    let holder = match state.store.meter_holder(&meter_id).await? {
        None => MeterHolder::Nobody,
        Some(holder) if holder == user.id => MeterHolder::Claimant,
        Some(_) => MeterHolder::Another,
    };
    let failures = state.store.refused_claims(user.id, &meter_id).await?;
    let registered = line.as_ref().map(|line| &line.account_number);
    let claim = NewClaim {
        user_id: user.id,
        meter_id: meter_id.clone(),
        account_number: account.clone(),
    };
    let decision = judge_claim(&account, registered, holder, failures);
    let language = user.language;
    let (code, status, claim_id) = match (decision, line) {
        (ClaimDecision::Link, Some(line)) => {
            let district = line
                .district
                .as_deref()
                .and_then(|d| District::parse(d, &state.settings.programme.districts).ok());
            let record = state
                .store
                .connect_claimed_meter(claim, &line, district.as_ref(), CONSENT_TEXT_VERSION)
                .await?;
            tracing::info!(user_id = %user.id, meter = %meter_id, "meter connected by its household");
            ask_for_history(&state, user.id, &meter_id).await;
            (StatusCode::CREATED, record.status, Some(record.id))
        }
        (ClaimDecision::AlreadyLinked, _) => (StatusCode::OK, ClaimStatus::Linked, None),
        (ClaimDecision::Review(reason), _) => {
            let record = state
                .store
                .record_claim(claim, ClaimStatus::Review, Some(reason))
                .await?;
            tracing::info!(user_id = %user.id, meter = %meter_id, reason = reason.as_str(), "meter claim sent to review");
            (StatusCode::ACCEPTED, record.status, Some(record.id))
        }
        (ClaimDecision::Refuse(problem), _) => {
            state
                .store
                .record_claim(claim, ClaimStatus::Refused, None)
                .await?;
            return Err(ApiError::field(problem.field(), problem.message()));
        }
        (ClaimDecision::Link, None) => {
            return Err(ApiError::Internal(
                "a claim matched a register line that is gone".to_owned(),
            ));
        }
    };
    let household = state.store.household(user.id).await?;
    Ok((
        code,
        Json(MeterClaimResponse {
            status: status.as_str().to_owned(),
            claim_id,
            message: claim_message(status, language).to_owned(),
            household: household.into(),
        }),
    ))
}

/// Asks the meter data system for a newly connected meter's recent history, through the job
/// queue; the household's onboarding shows the request until the job answers it. A server
/// without a queue (some tests) asks nothing. The link stands whatever happens here.
pub(crate) async fn ask_for_history(state: &AppState, user_id: Uuid, meter_id: &MeterId) {
    let Some(queue) = &state.jobs else { return };
    let request = match state
        .store
        .request_meter_history(user_id, meter_id, HISTORY_DAYS)
        .await
    {
        Ok(request) => request,
        Err(error) => {
            tracing::warn!(meter = %meter_id, %error, "meter history not requested");
            return;
        }
    };
    let job = jobs::Job::FetchMeterHistory {
        request_id: request.id,
    };
    let key = format!("meter-history:{}", request.id);
    if let Err(error) = queue.enqueue_unique(job, Utc::now(), &key).await {
        tracing::warn!(meter = %meter_id, %error, "meter history job not queued");
    }
}

/// What happens next after a claim, for the household.
fn claim_message(status: ClaimStatus, language: Language) -> &'static str {
    match (status, language) {
        (ClaimStatus::Review, Language::English) => {
            "Thank you. Staff will check this claim and you will hear back; your meter is not connected yet."
        }
        (ClaimStatus::Review, Language::Greek) => {
            "Ευχαριστούμε. Το προσωπικό θα ελέγξει το αίτημα και θα σας ενημερώσει· ο μετρητής σας δεν έχει συνδεθεί ακόμη."
        }
        (_, Language::English) => "Your meter is connected. We are fetching its recent readings.",
        (_, Language::Greek) => "Ο μετρητής σας συνδέθηκε. Φέρνουμε τις πρόσφατες μετρήσεις του.",
    }
}

/// The household's consents, newest first.
#[utoipa::path(
    get, path = "/me/consents", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<ConsentResponse>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_consents(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Vec<ConsentResponse>>, ApiError> {
    let consents = state.store.consents(user.id).await?;
    Ok(Json(consents.into_iter().map(Into::into).collect()))
}

/// Withdraws a consent: the meter is disconnected from the household at once, so no new
/// readings count for it; readings already used for results stay with those results.
#[utoipa::path(
    delete, path = "/me/consents/{id}", tag = "me", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Consent id")),
    responses(
        (status = 200, body = ConsentResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn withdraw_consent(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<ConsentResponse>, ApiError> {
    let withdrawn = state.store.withdraw_consent(user.id, id).await?;
    tracing::info!(user_id = %user.id, meter = %withdrawn.meter_id, "consent withdrawn; meter disconnected");
    Ok(Json(withdrawn.into()))
}
