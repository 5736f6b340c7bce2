//! The whole programme's consumption over time: every meter's readings summed by the store,
//! bucketed here in the programme's time zone, with how many readings each bucket should have
//! had so a chart can tell a dip in use from readings still to arrive.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Duration, DurationRound, Utc};
use chrono_tz::Tz;
use domain::consumption::{Resolution, local_midnight};
use domain::programme::aggregate_totals;
use domain::reading::day_number;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::AppState;
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::ApiQuery;
use crate::routes::consumption::{BucketResponse, SeriesResponse};

/// Which series of the programme's consumption.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProgrammeConsumptionQuery {
    /// `1d` (default): the last 30 days in the programme's time zone, today so far included;
    /// `1h`: the last 48 hours, the current hour so far included.
    #[param(example = "1d")]
    pub resolution: Option<String>,
}

/// The range a resolution covers, ending with the period `now` is in.
fn range(tz: Tz, now: DateTime<Utc>, resolution: Resolution) -> (DateTime<Utc>, DateTime<Utc>) {
    match resolution {
        Resolution::Day => {
            let today = now.with_timezone(&tz).date_naive();
            let first = today - Duration::days(29);
            let next = today.succ_opt().unwrap_or(today);
            (local_midnight(tz, first), local_midnight(tz, next))
        }
        _ => {
            let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
            (hour - Duration::hours(47), hour + Duration::hours(1))
        }
    }
}

/// kWh per local day (last 30 days) or per hour (last 48 hours) of every meter together.
#[utoipa::path(
    get, path = "/admin/overview/consumption", tag = "admin", security(("bearer" = [])),
    params(ProgrammeConsumptionQuery),
    responses(
        (status = 200, body = SeriesResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn programme_consumption(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiQuery(query): ApiQuery<ProgrammeConsumptionQuery>,
) -> Result<Json<SeriesResponse>, ApiError> {
    let raw = query.resolution.unwrap_or_else(|| "1d".to_owned());
    let mut errors = FieldErrors::default();
    let resolution = match Resolution::parse(&raw) {
        Ok(resolution @ (Resolution::Day | Resolution::Hour)) => Some(resolution),
        _ => {
            errors.push("resolution", "must be 1d (30 days) or 1h (48 hours)");
            None
        }
    };
    let resolution = errors.finish(|| resolution)?;
    let tz: Tz = state.settings.programme.time_zone.tz();
    let (from, to) = range(tz, Utc::now(), resolution);
    let slots = state
        .store
        .programme_slot_totals(day_number(from), day_number(to - Duration::seconds(1)))
        .await?;
    let meters = state.store.meter_counts().await?;
    let buckets = aggregate_totals(tz, from, to, resolution, &meters, slots);
    let total_kwh = (buckets.iter().map(|b| b.kwh).sum::<f64>() * 1000.0).round() / 1000.0;
    Ok(Json(SeriesResponse {
        time_zone: tz.name().to_owned(),
        resolution: raw,
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
    }))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn thirty_local_days_or_forty_eight_hours_up_to_now() {
        let tz = chrono_tz::Europe::Nicosia;
        // 00:30 on 2 Nov in Nicosia (UTC+2) is still 1 Nov in UTC.
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 22, 30, 0).unwrap();
        let (from, to) = range(tz, now, Resolution::Day);
        assert_eq!(from, Utc.with_ymd_and_hms(2026, 10, 3, 21, 0, 0).unwrap());
        assert_eq!(to, Utc.with_ymd_and_hms(2026, 11, 2, 22, 0, 0).unwrap());
        let (from, to) = range(tz, now, Resolution::Hour);
        assert_eq!(to - from, Duration::hours(48));
        assert_eq!(to, Utc.with_ymd_and_hms(2026, 11, 1, 23, 0, 0).unwrap());
    }
}
