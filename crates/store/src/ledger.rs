//! The Green Points ledger and session results.
//!
//! The ledger is append-only: an entry is unique per (user, reason, reference), so a job that runs
//! twice cannot pay twice, and a recomputation adds a correcting entry instead of editing history.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::paging::PageRequest;
use domain::rewards::{LedgerReason, PaidSoFar, SessionReference};
use domain::settlement::{PeriodFigures, ResultStatus};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entity::{points_entry, session_result};
use crate::{Backend, Page, Store, StoreError};

/// An entry to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPointsEntry {
    /// Whose points.
    pub user_id: Uuid,
    /// Why.
    pub reason: LedgerReason,
    /// What it refers to, e.g. the session id; with `reason` and the user, unique.
    pub reference: String,
    /// Points, negative for a correction downwards.
    pub points: i64,
    /// A note for people (an admin's written reason).
    pub note: Option<String>,
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsEntry {
    /// Order of appending.
    pub id: i64,
    /// The entry.
    pub entry: NewPointsEntry,
    /// When it was appended.
    pub created_at: DateTime<Utc>,
}

/// A participant's computed result.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionResultRecord {
    /// Session.
    pub session_id: Uuid,
    /// Participant.
    pub user_id: Uuid,
    /// Where the result stands.
    pub status: ResultStatus,
    /// Why there is no figure, for insufficient data.
    pub reason: Option<String>,
    /// Baseline over the session (kWh).
    pub baseline_kwh: Option<f64>,
    /// Measured consumption over the session (kWh).
    pub actual_kwh: Option<f64>,
    /// Baseline − actual (kWh), may be negative.
    pub saved_kwh: Option<f64>,
    /// Per-period figures, for charts.
    pub periods: Vec<PeriodFigures>,
    /// Whether every reading of the session was in.
    pub data_complete: bool,
    /// When it was computed.
    pub computed_at: DateTime<Utc>,
}

/// A participant's status and kWh saved without the per-period figures: what paying a national
/// session needs, at a fraction of the bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionSaving {
    /// Participant.
    pub user_id: Uuid,
    /// Where the result stands.
    pub status: ResultStatus,
    /// Baseline − actual (kWh).
    pub saved_kwh: Option<f64>,
}

impl TryFrom<session_result::Model> for SessionResultRecord {
    type Error = StoreError;

    fn try_from(model: session_result::Model) -> Result<Self, StoreError> {
        let corrupt = |what: &str| {
            StoreError::Corrupt(format!(
                "result of {} in session {}: {what}",
                model.user_id, model.session_id
            ))
        };
        Ok(Self {
            status: ResultStatus::parse(&model.status).map_err(|e| corrupt(&e.to_string()))?,
            periods: serde_json::from_str(&model.periods)
                .map_err(|e| corrupt(&format!("periods: {e}")))?,
            session_id: model.session_id,
            user_id: model.user_id,
            reason: model.reason,
            baseline_kwh: model.baseline_kwh,
            actual_kwh: model.actual_kwh,
            saved_kwh: model.saved_kwh,
            data_complete: model.data_complete,
            computed_at: model.computed_at,
        })
    }
}

impl SessionResultRecord {
    /// The per-period figures as stored (JSON).
    pub(crate) fn periods_json(&self) -> String {
        serde_json::to_string(&self.periods).unwrap_or_else(|_| "[]".to_owned())
    }
}

impl TryFrom<points_entry::Model> for PointsEntry {
    type Error = StoreError;

    fn try_from(model: points_entry::Model) -> Result<Self, StoreError> {
        Ok(Self {
            id: model.id,
            created_at: model.created_at,
            entry: NewPointsEntry {
                reason: LedgerReason::parse(&model.reason)
                    .map_err(|e| StoreError::Corrupt(format!("ledger entry {}: {e}", model.id)))?,
                user_id: model.user_id,
                reference: model.reference,
                points: model.points,
                note: model.note,
            },
        })
    }
}

/// Inserts `entries` in `txn`, skipping those already present (same user, reason and
/// reference): the general path of every ledger write, also inside a caller's transaction.
/// Returns how many were new.
pub(crate) async fn insert_entries(
    txn: &sea_orm::DatabaseTransaction,
    entries: &[NewPointsEntry],
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let mut appended = 0;
    for chunk in entries.chunks(500) {
        let models = chunk.iter().map(|entry| points_entry::ActiveModel {
            user_id: Set(entry.user_id),
            reason: Set(entry.reason.as_str().to_owned()),
            reference: Set(entry.reference.clone()),
            points: Set(entry.points),
            note: Set(entry.note.clone()),
            created_at: Set(now),
            ..Default::default()
        });
        appended += points_entry::Entity::insert_many(models)
            .on_conflict(
                OnConflict::columns([
                    points_entry::Column::UserId,
                    points_entry::Column::Reason,
                    points_entry::Column::Reference,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    }
    Ok(appended)
}

/// Rows read into records, the first corrupt one failing the read.
pub(crate) fn records<M, R: TryFrom<M, Error = StoreError>>(
    models: Vec<M>,
) -> Result<Vec<R>, StoreError> {
    models.into_iter().map(R::try_from).collect()
}

impl Store {
    /// Appends entries; those already present (same user, reason and reference) are skipped.
    /// Returns how many were new.
    pub async fn append_points(&self, entries: &[NewPointsEntry]) -> Result<u64, StoreError> {
        let now = Utc::now();
        if self.backend == Backend::Postgres {
            let mut tx = self.db.get_postgres_connection_pool().begin().await?;
            let appended = crate::ledger_copy::append_points(&mut tx, entries, now).await?;
            tx.commit().await?;
            return Ok(appended);
        }
        let txn = self.begin_write().await?;
        let appended = insert_entries(&txn, entries, now).await?;
        txn.commit().await?;
        Ok(appended)
    }

    /// For each of `users`, the sum and count of its entries for one reason whose reference
    /// starts with `reference_prefix` — what has been paid so far for a session, corrections
    /// included. Users with no such entry are absent.
    pub async fn points_paid(
        &self,
        users: &[Uuid],
        reason: LedgerReason,
        reference_prefix: &str,
    ) -> Result<HashMap<Uuid, PaidSoFar>, StoreError> {
        let mut paid: HashMap<Uuid, PaidSoFar> = HashMap::new();
        for chunk in users.chunks(crate::IDS_PER_QUERY) {
            let rows: Vec<(Uuid, i64)> = points_entry::Entity::find()
                .select_only()
                .columns([points_entry::Column::UserId, points_entry::Column::Points])
                .filter(points_entry::Column::UserId.is_in(chunk.iter().copied()))
                .filter(points_entry::Column::Reason.eq(reason.as_str()))
                .filter(points_entry::Column::Reference.starts_with(reference_prefix))
                .into_tuple()
                .all(&self.db)
                .await?;
            for (user, points) in rows {
                let sums = paid.entry(user).or_default();
                sums.points += points;
                sums.entries += 1;
            }
        }
        Ok(paid)
    }

    /// A user's balance: the sum of the ledger.
    pub async fn points_balance(&self, user_id: Uuid) -> Result<i64, StoreError> {
        // Summed here rather than in SQL: PostgreSQL's SUM(bigint) is numeric, SQLite's an
        // integer, and a household's ledger is short.
        let points: Vec<i64> = points_entry::Entity::find()
            .select_only()
            .column(points_entry::Column::Points)
            .filter(points_entry::Column::UserId.eq(user_id))
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(points.iter().sum())
    }

    /// A user's entries, newest first.
    pub async fn points_ledger(
        &self,
        user_id: Uuid,
        page: PageRequest,
    ) -> Result<Page<PointsEntry>, StoreError> {
        self.points_ledger_sorted(
            user_id,
            domain::sorting::Sort::descending(crate::PointsSortField::CreatedAt),
            page,
        )
        .await
    }

    /// Writes (or replaces) participants' results.
    pub async fn save_session_results(
        &self,
        results: &[SessionResultRecord],
    ) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            let mut tx = self.db.get_postgres_connection_pool().begin().await?;
            crate::ledger_copy::save_results(&mut tx, results).await?;
            tx.commit().await?;
            return Ok(());
        }
        let txn = self.begin_write().await?;
        for chunk in results.chunks(500) {
            let models = chunk.iter().map(|r| session_result::ActiveModel {
                session_id: Set(r.session_id),
                user_id: Set(r.user_id),
                status: Set(r.status.as_str().to_owned()),
                reason: Set(r.reason.clone()),
                baseline_kwh: Set(r.baseline_kwh),
                actual_kwh: Set(r.actual_kwh),
                saved_kwh: Set(r.saved_kwh),
                periods: Set(r.periods_json()),
                data_complete: Set(r.data_complete),
                computed_at: Set(r.computed_at),
            });
            session_result::Entity::insert_many(models)
                .on_conflict(
                    OnConflict::columns([
                        session_result::Column::SessionId,
                        session_result::Column::UserId,
                    ])
                    .update_columns([
                        session_result::Column::Status,
                        session_result::Column::Reason,
                        session_result::Column::BaselineKwh,
                        session_result::Column::ActualKwh,
                        session_result::Column::SavedKwh,
                        session_result::Column::Periods,
                        session_result::Column::DataComplete,
                        session_result::Column::ComputedAt,
                    ])
                    .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Results of a session, largest saving first.
    pub async fn session_results(
        &self,
        session_id: Uuid,
        page: PageRequest,
    ) -> Result<Page<SessionResultRecord>, StoreError> {
        let query =
            session_result::Entity::find().filter(session_result::Column::SessionId.eq(session_id));
        let total = query.clone().count(&self.db).await?;
        let items = records(
            query
                .order_by_desc(session_result::Column::SavedKwh)
                .order_by_asc(session_result::Column::UserId)
                .offset(page.offset())
                .limit(page.per_page())
                .all(&self.db)
                .await?,
        )?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    /// Every result of a session, for settlement.
    pub async fn all_session_results(
        &self,
        session_id: Uuid,
    ) -> Result<Vec<SessionResultRecord>, StoreError> {
        records(
            session_result::Entity::find()
                .filter(session_result::Column::SessionId.eq(session_id))
                .order_by_asc(session_result::Column::UserId)
                .all(&self.db)
                .await?,
        )
    }

    /// Every participant's status and kWh saved, without the per-period figures: what paying
    /// a national session needs, at a fraction of the bytes.
    pub async fn session_savings(
        &self,
        session_id: Uuid,
    ) -> Result<Vec<SessionSaving>, StoreError> {
        let rows: Vec<(Uuid, String, Option<f64>)> = session_result::Entity::find()
            .select_only()
            .columns([
                session_result::Column::UserId,
                session_result::Column::Status,
                session_result::Column::SavedKwh,
            ])
            .filter(session_result::Column::SessionId.eq(session_id))
            .order_by_asc(session_result::Column::UserId)
            .into_tuple()
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|(user_id, status, saved_kwh)| {
                Ok(SessionSaving {
                    user_id,
                    status: ResultStatus::parse(&status).map_err(|e| {
                        StoreError::Corrupt(format!("result of {user_id} in {session_id}: {e}"))
                    })?,
                    saved_kwh,
                })
            })
            .collect()
    }

    /// One participant's result.
    pub async fn session_result(
        &self,
        session_id: Uuid,
        user_id: Uuid,
    ) -> Result<Option<SessionResultRecord>, StoreError> {
        session_result::Entity::find_by_id((session_id, user_id))
            .one(&self.db)
            .await?
            .map(SessionResultRecord::try_from)
            .transpose()
    }
}

impl Store {
    /// Points issued under references starting with `reference_prefix` (a session id), all
    /// households and reasons together, corrections included.
    pub async fn points_issued(&self, reference_prefix: &str) -> Result<i64, StoreError> {
        let points: Vec<i64> = points_entry::Entity::find()
            .select_only()
            .column(points_entry::Column::Points)
            .filter(points_entry::Column::Reference.starts_with(reference_prefix))
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(points.iter().sum())
    }

    /// E-mail and display name of each of `users`, for reports.
    pub async fn user_names(
        &self,
        users: &[Uuid],
    ) -> Result<HashMap<Uuid, (String, String)>, StoreError> {
        let mut names = HashMap::with_capacity(users.len());
        for chunk in users.chunks(crate::IDS_PER_QUERY) {
            let rows: Vec<(Uuid, String, String)> = crate::entity::user::Entity::find()
                .select_only()
                .columns([
                    crate::entity::user::Column::Id,
                    crate::entity::user::Column::Email,
                    crate::entity::user::Column::DisplayName,
                ])
                .filter(crate::entity::user::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(&self.db)
                .await?;
            names.extend(
                rows.into_iter()
                    .map(|(id, email, name)| (id, (email, name))),
            );
        }
        Ok(names)
    }
}

impl Store {
    /// Total kWh saved in a session (baseline − actual over the measured participants), summed
    /// in the database so it stays cheap for a national session.
    pub async fn session_saved_kwh(&self, session_id: Uuid) -> Result<f64, StoreError> {
        let total: Option<Option<f64>> = session_result::Entity::find()
            .select_only()
            .column_as(session_result::Column::SavedKwh.sum(), "total")
            .filter(session_result::Column::SessionId.eq(session_id))
            .into_tuple()
            .one(&self.db)
            .await?;
        Ok(total.flatten().unwrap_or(0.0))
    }
}

/// Sessions per query when summing a household's points by session: two conditions each, well
/// within SQLite's bound-parameter limit.
const SESSIONS_PER_QUERY: usize = 200;

impl Store {
    /// What one household earned in each of `sessions`: the sum of its ledger entries whose
    /// reference is the session id, or the id with a `#n` suffix (later corrections) — savings,
    /// opt-in and streak bonuses together. Sessions without any entry are absent.
    ///
    /// The household's session list shows this beside each result, so it is one query per page
    /// of sessions rather than one per session.
    pub async fn points_by_session(
        &self,
        user_id: Uuid,
        sessions: &[Uuid],
    ) -> Result<HashMap<Uuid, i64>, StoreError> {
        let mut earned: HashMap<Uuid, i64> = HashMap::new();
        for chunk in sessions.chunks(SESSIONS_PER_QUERY) {
            let mut references = sea_orm::Condition::any();
            for id in chunk {
                references = references
                    .add(points_entry::Column::Reference.eq(id.to_string()))
                    .add(points_entry::Column::Reference.starts_with(format!("{id}#")));
            }
            let rows: Vec<(String, i64)> = points_entry::Entity::find()
                .select_only()
                .columns([
                    points_entry::Column::Reference,
                    points_entry::Column::Points,
                ])
                .filter(points_entry::Column::UserId.eq(user_id))
                .filter(references)
                .into_tuple()
                .all(&self.db)
                .await?;
            for (reference, points) in rows {
                let session = SessionReference::session_of(&reference);
                // The filter only matches these sessions' ids; anything else is not counted.
                if let Ok(id) = Uuid::parse_str(session)
                    && chunk.contains(&id)
                {
                    *earned.entry(id).or_default() += points;
                }
            }
        }
        Ok(earned)
    }
}
