//! Live progress over Server-Sent Events: a household's actual against its baseline, and the
//! programme's aggregate for staff, pushed whenever readings for the session arrive.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use chrono::{DateTime, Utc};
use domain::account::Role;
use domain::session::SessionState;
use futures_util::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::extract::{AdminGrant, CurrentGrant, Grant, refusal};
use crate::error::{ApiError, Problem};
use crate::extract::ApiPath;
use crate::live_feed::{LiveUpdate, ProgrammeSubscription, Subscription, live_update};

/// Live routes for households and staff.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(household_live))
        .routes(routes!(programme_live))
}

/// One settlement period of live progress.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LivePeriodResponse {
    /// UTC start of the 30-minute period.
    pub start: DateTime<Utc>,
    /// Baseline (kWh).
    pub baseline_kwh: f64,
    /// Measured so far (kWh), over the participants reporting.
    pub actual_kwh: f64,
    /// Baseline as average power (kW).
    pub baseline_kw: f64,
    /// Measured as average power (kW).
    pub actual_kw: f64,
    /// Participants whose readings for the period arrived.
    pub reporting: u64,
}

/// A `progress` event.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LiveProgressResponse {
    /// The session's state when the event was sent.
    pub state: SessionState,
    /// Participants with a baseline (1 for a household).
    pub participants: u64,
    /// Baseline − actual over the periods with readings (kWh).
    pub saved_kwh: f64,
    /// Per period.
    pub periods: Vec<LivePeriodResponse>,
}

/// Events are sent at most this often, however fast readings arrive.
const MIN_INTERVAL: Duration = Duration::from_millis(250);

/// A household's live progress in a session it joined (`event: progress`, JSON data).
#[utoipa::path(
    get, path = "/sessions/{id}/live", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 200, content_type = "text/event-stream", body = LiveProgressResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn household_live(
    State(state): State<AppState>,
    CurrentGrant(user, grant): CurrentGrant,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let session = started(&state, id).await?;
    if state
        .store
        .joined_sessions(user.id, &[id])
        .await?
        .is_empty()
    {
        return Err(ApiError::Conflict(
            "you did not join this session".to_owned(),
        ));
    }
    // Only the meters whose readings in the session's window are the household's.
    let (starts, ends) = (session.plan.window.starts_at, session.plan.window.ends_at);
    let meters: Vec<i64> = state
        .store
        .household_meters_of(&[user.id])
        .await?
        .into_iter()
        .filter(|m| m.periods.overlaps(starts, ends))
        .map(|m| m.meter)
        .collect();
    let subscription = state.live.subscribe(id, user.id, &meters);
    let closed = access_ends(state.clone(), grant, Role::Consumer);
    Ok(
        Sse::new(household_stream(state, id, user.id, subscription).take_until(closed))
            .keep_alive(KeepAlive::default()),
    )
}

/// The programme's aggregate live progress in kW (`event: progress`, JSON data).
#[utoipa::path(
    get, path = "/admin/sessions/{id}/live", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 200, content_type = "text/event-stream", body = LiveProgressResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn programme_live(
    State(state): State<AppState>,
    AdminGrant(_admin, grant): AdminGrant,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    started(&state, id).await?;
    let closed = access_ends(state.clone(), grant, Role::Admin);
    Ok(
        Sse::new(programme_stream(state.live.follow_programme(id)).take_until(closed))
            .keep_alive(KeepAlive::default()),
    )
}

/// How often an open stream checks its account even without being told of a change (a change
/// made through another API instance is not told).
const ACCOUNT_CHECK: Duration = Duration::from_secs(15);

/// Resolves once the stream's access ends: its token expires, or its account is disabled,
/// deleted, below `needed` or no longer at the token's version (signed out, password changed).
/// The account is checked at once when this instance changes it, and every [`ACCOUNT_CHECK`]
/// besides.
async fn access_ends(state: AppState, grant: Grant, needed: Role) {
    let mut changes = state.account_changes.subscribe();
    let expires_in = Duration::from_millis(
        u64::try_from((grant.expires_at - Utc::now().timestamp()).saturating_mul(1000))
            .unwrap_or(0),
    );
    let expiry = tokio::time::sleep(expires_in);
    tokio::pin!(expiry);
    let mut ticks = tokio::time::interval(ACCOUNT_CHECK);
    ticks.reset();
    loop {
        tokio::select! {
            () = &mut expiry => return,
            _ = ticks.tick() => {}
            changed = changes.recv() => match changed {
                Ok(user) if user != grant.user => continue,
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                // Cannot happen while `state` holds the sender; listen afresh all the same.
                Err(tokio::sync::broadcast::error::RecvError::Closed) => {
                    changes = state.account_changes.subscribe();
                }
            },
        }
        match state.store.user_by_id(grant.user).await {
            Ok(Some(account))
                if refusal(&account, grant.version).is_none() && account.role >= needed => {}
            Ok(_) => return,
            // The database is unreachable for now: the stream stays until a check can tell.
            Err(error) => {
                tracing::warn!(user = %grant.user, %error, "live stream: account check failed");
            }
        }
    }
}

/// A session that has baselines: live or later.
async fn started(state: &AppState, id: Uuid) -> Result<store::SessionRecord, ApiError> {
    let session = state.store.session(id).await?;
    match session.state {
        SessionState::Live | SessionState::Settling | SessionState::Final => Ok(session),
        other => Err(ApiError::Conflict(format!(
            "the session is {other}: live progress starts with the session"
        ))),
    }
}

/// A household's events: its progress at once, then the figures its session's feed computes
/// after each batch of readings for its meters, at most one event per [`MIN_INTERVAL`].
fn household_stream(
    state: AppState,
    id: Uuid,
    user: Uuid,
    subscription: Subscription,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let start = (state, subscription, true);
    futures_util::stream::unfold(start, move |(state, mut subscription, first)| async move {
        let event = if first {
            progress_event(&state, id, user).await
        } else {
            tokio::time::sleep(MIN_INTERVAL).await;
            subscription.updates.changed().await.ok()?;
            let latest = subscription.updates.borrow_and_update().clone();
            match latest {
                Some(update) => render(&update),
                None => progress_event(&state, id, user).await,
            }
        };
        Some((Ok(event), (state, subscription, false)))
    })
}

/// The programme's events: the session's shared aggregate as soon as it is computed, then each
/// newer one, at most one event per [`MIN_INTERVAL`].
fn programme_stream(
    subscription: ProgrammeSubscription,
) -> impl Stream<Item = Result<Event, Infallible>> {
    futures_util::stream::unfold(
        (subscription, true),
        |(mut subscription, first)| async move {
            if first {
                let computed = subscription.updates.borrow_and_update().clone();
                if let Some(update) = computed {
                    return Some((Ok(render(&update)), (subscription, false)));
                }
            } else {
                tokio::time::sleep(MIN_INTERVAL).await;
            }
            subscription.updates.changed().await.ok()?;
            let update = subscription.updates.borrow_and_update().clone()?;
            Some((Ok(render(&update)), (subscription, false)))
        },
    )
}

async fn progress_event(state: &AppState, id: Uuid, user: Uuid) -> Event {
    render(&live_update(&state.engine, id, Some(user)).await)
}

/// What an `error` event says. The cause (a store or engine failure) is for the log, where the
/// feed that computed it wrote it with the session id; clients only learn that progress is
/// unavailable for now (docs/SECURITY.md, "Server robustness").
const LIVE_UNAVAILABLE: &str =
    "live progress is unavailable right now; the stream carries on and updates when it can";

/// A `progress` event, or an `error` event saying progress is unavailable.
fn render(progress: &LiveUpdate) -> Event {
    match progress {
        Ok((session_state, progress)) => {
            let body = LiveProgressResponse {
                state: *session_state,
                participants: progress.participants,
                saved_kwh: progress.saved_kwh,
                periods: progress
                    .periods
                    .iter()
                    .map(|p| LivePeriodResponse {
                        start: p.start,
                        baseline_kwh: domain::settlement::round_kwh(p.baseline_kwh),
                        actual_kwh: domain::settlement::round_kwh(p.actual_kwh),
                        baseline_kw: domain::settlement::round_kwh(p.baseline_kwh * 2.0),
                        actual_kw: domain::settlement::round_kwh(p.actual_kwh * 2.0),
                        reporting: p.reporting,
                    })
                    .collect(),
            };
            Event::default()
                .event("progress")
                .json_data(body)
                .unwrap_or_else(|error| {
                    tracing::error!(%error, "live progress could not be encoded");
                    Event::default().event("error").data(LIVE_UNAVAILABLE)
                })
        }
        Err(_) => Event::default().event("error").data(LIVE_UNAVAILABLE),
    }
}

#[cfg(test)]
mod tests {
    use axum::response::IntoResponse;

    use super::*;

    /// The text of an SSE response carrying `event`, as a client receives it.
    async fn wire(event: Event) -> String {
        let stream = futures_util::stream::iter([Ok::<_, Infallible>(event)]);
        let body = Sse::new(stream).into_response().into_body();
        let bytes = axum::body::to_bytes(body, 1 << 16)
            .await
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    #[tokio::test]
    async fn a_failed_computation_sends_no_internal_text() {
        let cause = "database error: error returned from database: (code: 5) database is locked";
        let sent = wire(render(&Err(cause.to_owned()))).await;
        assert_eq!(sent, format!("event: error\ndata: {LIVE_UNAVAILABLE}\n\n"));
    }
}
