//! The household's consumption as a download, headed in the household's language.

use axum::extract::State;
use axum::response::Response;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::consumption::{SeriesQuery, series_of};
use crate::AppState;
use crate::auth::extract::CurrentUser;
use crate::error::{ApiError, Problem};
use crate::exports::{consumption_header, csv_download, csv_line, yes_no};
use crate::extract::ApiQuery;

/// `/me/consumption/export`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(export))
}

/// The signed-in household's consumption as CSV: one line per bucket (half hours unless
/// `resolution` says otherwise; the range rules are those of `/me/consumption`), with its start,
/// end, kWh and whether every reading arrived and any is an estimate. Headers and yes/no are in
/// the account's language.
#[utoipa::path(
    get, path = "/me/consumption/export", tag = "me", security(("bearer" = [])),
    params(SeriesQuery),
    responses(
        (status = 200, content_type = "text/csv", body = String,
            description = "start,end,kwh,complete,estimated (Greek headers for Greek readers)"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn export(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(mut query): ApiQuery<SeriesQuery>,
) -> Result<Response, ApiError> {
    query.resolution.get_or_insert_with(|| "30m".to_owned());
    let series = series_of(&state, user.id, query).await?;
    let language = user.language;
    let mut csv = csv_line(&consumption_header(language));
    for bucket in series.buckets {
        csv.push_str(&csv_line(&[
            bucket.start,
            bucket.end,
            format!("{:.3}", bucket.kwh),
            yes_no(bucket.complete, language).to_owned(),
            yes_no(bucket.estimated, language).to_owned(),
        ]));
    }
    Ok(csv_download("powersave-consumption.csv", language, csv))
}
