//! Programme-wide figures for the staff overview, each one aggregate query: the Green Points
//! issued, the kWh saved by recent sessions, and how many meters read at which interval.

use chrono::{DateTime, Utc};
use domain::programme::MeterCount;
use domain::session::SessionState;
use sea_orm::sea_query::{Alias, Expr, Func, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::entity::{meter, points_entry, session, session_result};
use crate::{Store, StoreError};

impl Store {
    /// Green Points added to every ledger, corrections included; since `since` when given.
    /// Summed in the database and cast, because PostgreSQL's `SUM(bigint)` is `numeric`.
    pub async fn points_issued_total(
        &self,
        since: Option<DateTime<Utc>>,
    ) -> Result<i64, StoreError> {
        let mut query = points_entry::Entity::find().select_only().expr_as(
            Func::coalesce::<_, Expr>([
                Func::cast_as(
                    Func::sum(Expr::col(points_entry::Column::Points)),
                    Alias::new("BIGINT"),
                )
                .into(),
                Expr::val(0i64),
            ]),
            "total",
        );
        if let Some(since) = since {
            query = query.filter(points_entry::Column::CreatedAt.gte(since));
        }
        let total: Option<i64> = query.into_tuple().one(&self.db).await?;
        Ok(total.unwrap_or(0))
    }

    /// kWh saved (baseline − actual over the measured participants) by the settling and final
    /// sessions that started at or after `since`.
    pub async fn saved_kwh_since(&self, since: DateTime<Utc>) -> Result<f64, StoreError> {
        let sessions = Query::select()
            .column(session::Column::Id)
            .from(session::Entity)
            .and_where(session::Column::StartsAt.gte(since))
            .and_where(session::Column::State.is_in([
                SessionState::Settling.as_str(),
                SessionState::Final.as_str(),
            ]))
            .to_owned();
        let total: Option<Option<f64>> = session_result::Entity::find()
            .select_only()
            .column_as(session_result::Column::SavedKwh.sum(), "total")
            .filter(session_result::Column::SessionId.in_subquery(sessions))
            .into_tuple()
            .one(&self.db)
            .await?;
        Ok(total.flatten().unwrap_or(0.0))
    }

    /// How many meters the programme knows at each interval length, to say how many readings a
    /// period of the whole programme should have.
    pub async fn meter_counts(&self) -> Result<Vec<MeterCount>, StoreError> {
        let rows: Vec<(i16, i64)> = meter::Entity::find()
            .select_only()
            .column(meter::Column::IntervalMinutes)
            .column_as(meter::Column::Id.count(), "meters")
            .group_by(meter::Column::IntervalMinutes)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(minutes, meters)| {
                Some(MeterCount {
                    interval_minutes: u32::try_from(minutes).ok()?,
                    meters: u64::try_from(meters).ok()?,
                })
            })
            .collect())
    }
}
