//! Who may write a meter's readings (docs/RULES.md § Meter data): the data sources bound to each
//! meter, the claim of an unbound meter by the first source that reports it, and the settled
//! session windows an upload may no longer change.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use domain::meter::MeterId;
use domain::reading::SettledWindows;
use domain::session::SessionState;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::entity::{data_source, meter, meter_source, session, session_participant};
use crate::{IDS_PER_QUERY, SourceKind, Store, StoreError};

/// Every session state, so the settled ones can be named from the domain's rule.
const STATES: [SessionState; 6] = [
    SessionState::Draft,
    SessionState::Scheduled,
    SessionState::Live,
    SessionState::Settling,
    SessionState::Final,
    SessionState::Cancelled,
];

impl Store {
    /// Of `meters` (storage keys), those `source_id` may report: all of them for a source of a
    /// kind that is not bound ([`SourceKind::is_bound`]), otherwise those bound to it. A meter no
    /// source is bound to is first claimed by this source: one claim per meter is stored, so of
    /// two sources racing for it exactly one wins and the other is refused.
    pub async fn permitted_meters(
        &self,
        source_id: i64,
        meters: &[i64],
    ) -> Result<HashSet<i64>, StoreError> {
        let source = data_source::Entity::find_by_id(source_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("data source"))?;
        if !SourceKind::parse(&source.kind)?.is_bound() {
            return Ok(meters.iter().copied().collect());
        }
        let now = Utc::now();
        let mut permitted = HashSet::with_capacity(meters.len());
        for chunk in meters.chunks(IDS_PER_QUERY) {
            let unbound = Query::select()
                .column((meter::Entity, meter::Column::Id))
                .expr(Expr::val(source_id))
                .expr(Expr::val(true))
                .expr(Expr::val(now))
                .from(meter::Entity)
                .and_where(
                    Expr::col((meter::Entity, meter::Column::Id)).is_in(chunk.iter().copied()),
                )
                .and_where(
                    Expr::exists(
                        Query::select()
                            .expr(Expr::val(1))
                            .from(meter_source::Entity)
                            .and_where(
                                Expr::col((meter_source::Entity, meter_source::Column::MeterId))
                                    .equals((meter::Entity, meter::Column::Id)),
                            )
                            .to_owned(),
                    )
                    .not(),
                )
                .to_owned();
            let claim = Query::insert()
                .into_table(meter_source::Entity)
                .columns([
                    meter_source::Column::MeterId,
                    meter_source::Column::SourceId,
                    meter_source::Column::Claimed,
                    meter_source::Column::BoundAt,
                ])
                .select_from(unbound)
                .map_err(|error| StoreError::Corrupt(format!("claim statement: {error}")))?
                .on_conflict(OnConflict::new().do_nothing().to_owned())
                .to_owned();
            match self.db.execute(&claim).await.map_err(StoreError::from) {
                // A concurrent claim of the same meter won the race: the read below decides.
                Ok(_) | Err(StoreError::Conflict(_)) => {}
                Err(other) => return Err(other),
            }
            let bound: Vec<i64> = meter_source::Entity::find()
                .select_only()
                .column(meter_source::Column::MeterId)
                .filter(meter_source::Column::SourceId.eq(source_id))
                .filter(meter_source::Column::MeterId.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(&self.db)
                .await?;
            permitted.extend(bound);
        }
        Ok(permitted)
    }

    /// The names of the sources allowed to report a meter, by name.
    pub async fn meter_sources(&self, meter_id: &MeterId) -> Result<Vec<String>, StoreError> {
        let meter = self.meter_key(meter_id).await?;
        let sources: Vec<i64> = meter_source::Entity::find()
            .select_only()
            .column(meter_source::Column::SourceId)
            .filter(meter_source::Column::MeterId.eq(meter))
            .into_tuple()
            .all(&self.db)
            .await?;
        let names: Vec<String> = data_source::Entity::find()
            .select_only()
            .column(data_source::Column::Name)
            .filter(data_source::Column::Id.is_in(sources))
            .order_by_asc(data_source::Column::Name)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(names)
    }

    /// Makes `sources` (by name) the only sources allowed to report a meter, in place of any
    /// earlier binding or claim (a name no source has is not found); an empty list leaves the meter to be claimed again by the first
    /// source that reports it. Returns the names bound.
    pub async fn bind_meter_sources(
        &self,
        meter_id: &MeterId,
        sources: &[String],
    ) -> Result<Vec<String>, StoreError> {
        let meter = self.meter_key(meter_id).await?;
        let found: Vec<(i64, String)> = data_source::Entity::find()
            .select_only()
            .columns([data_source::Column::Id, data_source::Column::Name])
            .filter(data_source::Column::Name.is_in(sources.iter().cloned()))
            .into_tuple()
            .all(&self.db)
            .await?;
        if sources
            .iter()
            .any(|name| !found.iter().any(|(_, known)| known == name))
        {
            return Err(StoreError::NotFound("data source"));
        }
        let now = Utc::now();
        let txn = self.begin_write().await?;
        meter_source::Entity::delete_many()
            .filter(meter_source::Column::MeterId.eq(meter))
            .exec(&txn)
            .await?;
        if !found.is_empty() {
            meter_source::Entity::insert_many(found.iter().map(|(id, _)| {
                meter_source::ActiveModel {
                    meter_id: Set(meter),
                    source_id: Set(*id),
                    claimed: Set(None),
                    bound_at: Set(now),
                }
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        txn.commit().await?;
        self.meter_sources(meter_id).await
    }

    /// The storage key of a known meter.
    pub(crate) async fn meter_key(&self, meter_id: &MeterId) -> Result<i64, StoreError> {
        meter::Entity::find()
            .select_only()
            .column(meter::Column::Id)
            .filter(meter::Column::MeterId.eq(meter_id.as_str()))
            .into_tuple()
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("meter"))
    }

    /// The windows of settled sessions overlapping `[from, to)` for those of `meters` whose
    /// households took part: the readings an upload may no longer change.
    pub async fn settled_windows(
        &self,
        meters: &[i64],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<SettledWindows, StoreError> {
        let mut windows = SettledWindows::default();
        if meters.is_empty() {
            return Ok(windows);
        }
        let settled = STATES
            .into_iter()
            .filter(|state| state.is_settled())
            .map(SessionState::as_str);
        let sessions = session::Entity::find()
            .filter(session::Column::State.is_in(settled))
            .filter(session::Column::StartsAt.lt(to))
            .filter(session::Column::EndsAt.gt(from))
            .all(&self.db)
            .await?;
        for found in sessions {
            let participants = Query::select()
                .column(session_participant::Column::UserId)
                .from(session_participant::Entity)
                .and_where(session_participant::Column::SessionId.eq(found.id))
                .to_owned();
            for chunk in meters.chunks(IDS_PER_QUERY) {
                let taking_part: Vec<i64> = meter::Entity::find()
                    .select_only()
                    .column(meter::Column::Id)
                    .filter(meter::Column::Id.is_in(chunk.iter().copied()))
                    .filter(meter::Column::HouseholdId.in_subquery(participants.clone()))
                    .into_tuple()
                    .all(&self.db)
                    .await?;
                for meter in taking_part {
                    windows.add(meter, found.starts_at, found.ends_at);
                }
            }
        }
        Ok(windows)
    }

    /// Whether the meter was created as simulated (the demo's): only those get made-up readings.
    pub async fn is_simulated_meter(&self, meter_id: &str) -> Result<bool, StoreError> {
        Ok(meter::Entity::find()
            .filter(meter::Column::MeterId.eq(meter_id))
            .filter(meter::Column::Simulated.eq(true))
            .count(&self.db)
            .await?
            > 0)
    }

    /// Every meter created as simulated, by utility id: the only meters the simulator feeds.
    pub async fn simulated_meter_directory(
        &self,
    ) -> Result<HashMap<String, crate::MeterRef>, StoreError> {
        let rows: Vec<(i64, String, i16)> = meter::Entity::find()
            .select_only()
            .columns([
                meter::Column::Id,
                meter::Column::MeterId,
                meter::Column::IntervalMinutes,
            ])
            .filter(meter::Column::Simulated.eq(true))
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(crate::readings::to_meter_ref)
            .collect())
    }
}
