//! The household's own consumption: a series in local-time buckets, and a short summary. Only
//! readings that are the household's count: those of its meters within the periods it held them
//! (docs/RULES.md, "Whose readings").

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use domain::consumption::{Bucket, Resolution, local_midnight};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::household_readings::{Expected, Household, buckets_of, day_rows, household};
use crate::AppState;
use crate::auth::extract::{AdminUser, CurrentUser};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::{ApiPath, ApiQuery};

/// `/me/consumption` routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(series))
        .routes(routes!(user_series))
        .routes(routes!(summary))
}

/// Range and bucket size of a series.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SeriesQuery {
    /// Start: a local date (`2026-07-01`, from its local midnight) or an RFC 3339 instant.
    /// Default: one day (or 30 days at `1d`) before `to`.
    pub from: Option<String>,
    /// End (exclusive), same forms. Default: now.
    pub to: Option<String>,
    /// `15m`, `30m`, `1h` (default) or `1d` (local calendar days, 23–25 hours around DST).
    pub resolution: Option<String>,
}

/// One bucket.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BucketResponse {
    /// Start, in the household's local offset.
    pub start: String,
    /// End (exclusive), in the household's local offset.
    pub end: String,
    /// Energy in kWh of the readings that arrived.
    pub kwh: f64,
    /// Readings that arrived.
    pub readings: u32,
    /// Readings expected from the household's meters.
    pub expected_readings: u32,
    /// Whether every expected reading arrived.
    pub complete: bool,
    /// Whether any reading is an estimate.
    pub estimated: bool,
}

/// A consumption series.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SeriesResponse {
    /// The household's time zone.
    pub time_zone: String,
    /// The bucket size.
    pub resolution: String,
    /// The buckets, oldest first.
    pub buckets: Vec<BucketResponse>,
    /// Total kWh over the range.
    pub total_kwh: f64,
}

/// A period of the summary.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PeriodTotal {
    /// Start of the period.
    pub start: String,
    /// End (exclusive; "now" for running periods).
    pub end: String,
    /// kWh of the readings that arrived.
    pub kwh: f64,
    /// Share of the expected readings that arrived (0–1).
    pub completeness: f64,
}

/// Today, yesterday, and this week against the same part of last week.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SummaryResponse {
    /// The household's time zone.
    pub time_zone: String,
    /// Local today so far.
    pub today: PeriodTotal,
    /// Local yesterday.
    pub yesterday: PeriodTotal,
    /// Since Monday 00:00 local.
    pub this_week: PeriodTotal,
    /// The same span of last week, so the comparison is like for like.
    pub last_week_same_span: PeriodTotal,
    /// `this_week` against `last_week_same_span`, in percent (negative means less used).
    pub week_change_percent: Option<f64>,
}

fn parse_bound(raw: &str, tz: Tz) -> Result<DateTime<Utc>, domain::ValidationError> {
    if let Ok(date) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(local_midnight(tz, date));
    }
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            domain::ValidationError::new("expected a date (2026-07-01) or an RFC 3339 time")
        })
}

async fn buckets(
    state: &AppState,
    household: &Household,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    resolution: Resolution,
) -> Result<Vec<Bucket>, ApiError> {
    let rows = day_rows(state, household, from, to).await?;
    Ok(buckets_of(
        household,
        &rows,
        from,
        to,
        resolution,
        Expected::WithinLinks,
    ))
}

/// Consumption of the signed-in household in local-time buckets.
#[utoipa::path(
    get, path = "/me/consumption", tag = "me", security(("bearer" = [])),
    params(SeriesQuery),
    responses(
        (status = 200, body = SeriesResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn series(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(query): ApiQuery<SeriesQuery>,
) -> Result<Json<SeriesResponse>, ApiError> {
    series_of(&state, user.id, query).await.map(Json)
}

/// Consumption of any household, for staff looking at a user.
#[utoipa::path(
    get, path = "/admin/users/{id}/consumption", tag = "admin", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "User id"), SeriesQuery),
    responses(
        (status = 200, body = SeriesResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn user_series(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<uuid::Uuid>,
    ApiQuery(query): ApiQuery<SeriesQuery>,
) -> Result<Json<SeriesResponse>, ApiError> {
    series_of(&state, id, query).await.map(Json)
}

/// The range and resolution a series query asks for, in the household's zone `tz`: every
/// field checked (422 naming each bad one), `from` before `to`, and at most the resolution's
/// longest range. Pure, so property tests can give it any text.
fn series_range(
    query: &SeriesQuery,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, DateTime<Utc>, Resolution), ApiError> {
    let mut errors = FieldErrors::default();
    let resolution = errors.check(
        "resolution",
        Resolution::parse(query.resolution.as_deref().unwrap_or("1h")),
    );
    let to = query
        .to
        .as_deref()
        .map(|raw| errors.check("to", parse_bound(raw, tz)));
    let from = query
        .from
        .as_deref()
        .map(|raw| errors.check("from", parse_bound(raw, tz)));
    let (resolution, to, from) = errors.finish(|| {
        Some((
            resolution?,
            to.unwrap_or(Some(now))?,
            from.map_or(Some(None), |f| f.map(Some))?,
        ))
    })?;
    let default_span = if resolution == Resolution::Day {
        Duration::days(30)
    } else {
        Duration::days(1)
    };
    // Dates at the ends of what chrono can hold have no span before them: such a `to` is out
    // of range rather than a panic.
    let from = match from {
        Some(from) => from,
        None => to
            .checked_sub_signed(default_span)
            .ok_or_else(|| ApiError::field("to", "out of range"))?,
    };
    if from >= to {
        return Err(ApiError::field("from", "from must be before to"));
    }
    if to.signed_duration_since(from) > Duration::days(resolution.max_days()) {
        return Err(ApiError::field(
            "to",
            format!(
                "at this resolution a range is at most {} days",
                resolution.max_days()
            ),
        ));
    }
    Ok((from, to, resolution))
}

pub(crate) async fn series_of(
    state: &AppState,
    user_id: uuid::Uuid,
    query: SeriesQuery,
) -> Result<SeriesResponse, ApiError> {
    let household = household(state, user_id).await?;
    let tz = household.tz;
    let (from, to, resolution) = series_range(&query, tz, Utc::now())?;
    let slowest = household
        .meters
        .iter()
        .map(|m| m.interval.minutes())
        .max()
        .unwrap_or(15);
    if resolution == Resolution::QuarterHour && slowest > 15 {
        return Err(ApiError::field(
            "resolution",
            "this household has 30-minute meters; use 30m or coarser",
        ));
    }
    let buckets = buckets(state, &household, from, to, resolution).await?;
    let total_kwh = (buckets.iter().map(|b| b.kwh).sum::<f64>() * 1000.0).round() / 1000.0;
    Ok(SeriesResponse {
        time_zone: tz.name().to_owned(),
        resolution: query.resolution.unwrap_or_else(|| "1h".to_owned()),
        total_kwh,
        buckets: buckets
            .into_iter()
            .map(|b| BucketResponse {
                start: b.start.with_timezone(&tz).to_rfc3339(),
                end: b.end.with_timezone(&tz).to_rfc3339(),
                kwh: b.kwh,
                readings: b.readings,
                expected_readings: b.expected,
                complete: b.readings >= b.expected,
                estimated: b.estimated,
            })
            .collect(),
    })
}

async fn period(
    state: &AppState,
    household: &Household,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<PeriodTotal, ApiError> {
    // Counted in the meters' own interval, so a running period ("today so far") is exact.
    let finest = if household.meters.iter().any(|m| m.interval.minutes() > 15) {
        Resolution::HalfHour
    } else {
        Resolution::QuarterHour
    };
    let buckets = buckets(state, household, from, to, finest).await?;
    let (kwh, readings, expected) = buckets.iter().fold((0.0, 0u32, 0u32), |(k, r, e), b| {
        (k + b.kwh, r + b.readings, e + b.expected)
    });
    Ok(PeriodTotal {
        start: from.with_timezone(&household.tz).to_rfc3339(),
        end: to.with_timezone(&household.tz).to_rfc3339(),
        kwh: (kwh * 1000.0).round() / 1000.0,
        completeness: if expected == 0 {
            0.0
        } else {
            f64::from(readings) / f64::from(expected)
        },
    })
}

/// Today, yesterday, and this week against the same part of last week, in the household's time.
#[utoipa::path(
    get, path = "/me/consumption/summary", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, body = SummaryResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn summary(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<SummaryResponse>, ApiError> {
    let household = household(&state, user.id).await?;
    let tz = household.tz;
    let now = Utc::now();
    let today = now.with_timezone(&tz).date_naive();
    let today_start = local_midnight(tz, today);
    let yesterday_start = local_midnight(tz, today.pred_opt().unwrap_or(today));
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let week_start = local_midnight(tz, monday);
    let last_week_start = local_midnight(tz, monday - Duration::days(7));
    let elapsed = now - week_start;
    let this_week = period(&state, &household, week_start, now).await?;
    let last_week = period(
        &state,
        &household,
        last_week_start,
        last_week_start + elapsed,
    )
    .await?;
    let week_change_percent = (last_week.kwh > 0.0)
        .then(|| ((this_week.kwh - last_week.kwh) / last_week.kwh * 1000.0).round() / 10.0);
    Ok(Json(SummaryResponse {
        time_zone: tz.name().to_owned(),
        today: period(&state, &household, today_start, now).await?,
        yesterday: period(&state, &household, yesterday_start, today_start).await?,
        this_week,
        last_week_same_span: last_week,
        week_change_percent,
    }))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn query(from: Option<&str>, to: Option<&str>, resolution: Option<&str>) -> SeriesQuery {
        SeriesQuery {
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
            resolution: resolution.map(str::to_owned),
        }
    }

    fn fields(error: ApiError) -> Vec<String> {
        match error {
            ApiError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn dates_at_the_ends_of_the_calendar_are_refused_not_a_panic() {
        let now = Utc::now();
        // A `to` in chrono's first days left no room for the default `from` (a day, or 30 days
        // at 1d, before it): the subtraction overflowed and the request panicked.
        for (to, resolution) in [("-262143-01-01", "1h"), ("-262143-01-15", "1d")] {
            for tz in [Tz::UTC, Tz::Europe__Nicosia] {
                let error = series_range(&query(None, Some(to), Some(resolution)), tz, now);
                match error {
                    Err(ApiError::Validation(errors)) => assert_eq!(
                        (errors[0].field.as_str(), errors[0].message.as_str()),
                        ("to", "out of range"),
                        "{to} {tz}"
                    ),
                    other => panic!("{to} {tz}: {other:?}"),
                }
            }
        }
        let error = series_range(
            &query(Some("-262143-01-01"), Some("+262142-12-31"), Some("1d")),
            Tz::UTC,
            now,
        );
        assert_eq!(fields(error.unwrap_err()), ["to"]);
        let error = series_range(&query(Some("x"), Some("y"), Some("2h")), Tz::UTC, now);
        assert_eq!(fields(error.unwrap_err()), ["resolution", "to", "from"]);
    }

    #[test]
    fn a_valid_query_gives_its_range() {
        let now = Utc::now();
        let (from, to, resolution) = series_range(
            &query(
                Some("2026-07-01"),
                Some("2026-07-02T00:00:00+03:00"),
                Some("15m"),
            ),
            Tz::Europe__Nicosia,
            now,
        )
        .unwrap();
        assert_eq!(
            (from.to_rfc3339(), to.to_rfc3339(), resolution),
            (
                "2026-06-30T21:00:00+00:00".to_owned(),
                "2026-07-01T21:00:00+00:00".to_owned(),
                Resolution::QuarterHour
            )
        );
    }

    /// A date as the query takes it: four digits, or a sign and more before year 0.
    fn date(year: i32, month: u32, day: u32) -> String {
        if year < 0 {
            format!("{year:05}-{month:02}-{day:02}")
        } else {
            format!("{year:04}-{month:02}-{day:02}")
        }
    }

    /// Any year, the ends of what chrono holds (±262,143) often.
    fn year() -> impl Strategy<Value = i32> {
        prop_oneof![
            -262_145i32..-262_139,
            262_138i32..262_145,
            -262_145i32..262_145
        ]
    }

    proptest! {
        /// Query parameters are outside data: any text, and any date or time of the accepted
        /// forms at any year chrono can hold, is answered with a range or field errors; a
        /// range is never empty and never longer than its resolution allows.
        #[test]
        fn any_query_is_a_range_or_field_errors(
            from in proptest::option::of(prop_oneof![
                "\\PC{0,30}",
                (year(), 1u32..13, 1u32..32).prop_map(|(y, m, d)| date(y, m, d)),
                (0i32..10_000, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}T12:00:00Z")),
            ]),
            to in proptest::option::of(prop_oneof![
                "\\PC{0,30}",
                (year(), 1u32..13, 1u32..32).prop_map(|(y, m, d)| date(y, m, d)),
                (0i32..10_000, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}T12:00:00Z")),
            ]),
            resolution in proptest::option::of(prop_oneof![
                Just("15m".to_owned()), Just("1d".to_owned()), "\\PC{0,4}",
            ]),
        ) {
            let query = query(from.as_deref(), to.as_deref(), resolution.as_deref());
            for tz in [Tz::UTC, Tz::Europe__Nicosia, Tz::Pacific__Kiritimati, Tz::Pacific__Pago_Pago] {
                match series_range(&query, tz, Utc::now()) {
                    Ok((from, to, resolution)) => {
                        prop_assert!(from < to);
                        prop_assert!(to.signed_duration_since(from) <= Duration::days(resolution.max_days()));
                    }
                    Err(error) => prop_assert!(!fields(error).is_empty()),
                }
            }
        }
    }
}
