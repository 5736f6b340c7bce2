//! What settlement reads about the households of a session, for hundreds of thousands of them.
//!
//! A national session names too many households for one query, so most reads take a chunk of
//! households at a time; each names only the sessions that can matter (those in a baseline's
//! lookback, or earlier than the one being paid) and skips the database when there are none.
//! Meters are read for the whole session at once, with the periods their readings count for
//! each household (`link_periods`): the participants' at the start, those of the households
//! with a result afterwards.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::rewards::is_success;
use domain::session::SessionState;
use domain::settlement::ResultStatus;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entity::{session, session_participant, session_result};
use crate::link_periods::{HouseholdMeter, Households};
use crate::{Store, StoreError};

impl Store {
    /// The meters of every participant of a session, in one query however many take part: whom
    /// baselines are computed for.
    pub async fn participant_meters(
        &self,
        session_id: Uuid,
    ) -> Result<Vec<HouseholdMeter>, StoreError> {
        let participants = Query::select()
            .column(session_participant::Column::UserId)
            .from(session_participant::Entity)
            .and_where(session_participant::Column::SessionId.eq(session_id))
            .to_owned();
        self.meters_of_households_in(participants).await
    }

    /// The meters of every household with a result in a session, in one query: whom settlement
    /// and live progress count, a household that left just as the session started included.
    pub async fn result_meters(&self, session_id: Uuid) -> Result<Vec<HouseholdMeter>, StoreError> {
        let with_results = Query::select()
            .column(session_result::Column::UserId)
            .from(session_result::Entity)
            .and_where(session_result::Column::SessionId.eq(session_id))
            .to_owned();
        self.meters_of_households_in(with_results).await
    }

    async fn meters_of_households_in(
        &self,
        households: sea_orm::sea_query::SelectStatement,
    ) -> Result<Vec<HouseholdMeter>, StoreError> {
        self.meters_of(Households::Query(Box::new(households)))
            .await
    }

    /// Start times of the sessions (not cancelled, starting in `since..before`) that each of
    /// `users` joined: the event days a baseline must leave out.
    pub async fn joined_session_starts(
        &self,
        users: &[Uuid],
        since: DateTime<Utc>,
        before: DateTime<Utc>,
    ) -> Result<Vec<(Uuid, DateTime<Utc>)>, StoreError> {
        let starts = self
            .session_starts(
                Condition::all()
                    .add(session::Column::State.ne(SessionState::Cancelled.as_str()))
                    .add(session::Column::StartsAt.gte(since))
                    .add(session::Column::StartsAt.lt(before)),
            )
            .await?;
        let mut out = Vec::new();
        if starts.is_empty() {
            return Ok(out);
        }
        for chunk in users.chunks(crate::IDS_PER_QUERY) {
            let joined: Vec<(Uuid, Uuid)> = session_participant::Entity::find()
                .select_only()
                .columns([
                    session_participant::Column::UserId,
                    session_participant::Column::SessionId,
                ])
                .filter(session_participant::Column::SessionId.is_in(starts.keys().copied()))
                .filter(session_participant::Column::UserId.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(&self.db)
                .await?;
            out.extend(
                joined
                    .into_iter()
                    .filter_map(|(user, s)| starts.get(&s).map(|start| (user, *start))),
            );
        }
        Ok(out)
    }

    /// For each of `users`, the outcomes of the sessions started before `before` that it took
    /// part in and that have a final result, oldest first: whether each saved energy. Users
    /// without any are absent.
    pub async fn earlier_final_outcomes(
        &self,
        users: &[Uuid],
        before: DateTime<Utc>,
    ) -> Result<HashMap<Uuid, Vec<bool>>, StoreError> {
        let starts = self
            .session_starts(Condition::all().add(session::Column::StartsAt.lt(before)))
            .await?;
        if starts.is_empty() {
            return Ok(HashMap::new());
        }
        let mut timed: HashMap<Uuid, Vec<(DateTime<Utc>, bool)>> = HashMap::new();
        for chunk in users.chunks(crate::IDS_PER_QUERY) {
            let rows: Vec<(Uuid, Uuid, Option<f64>)> = session_result::Entity::find()
                .select_only()
                .columns([
                    session_result::Column::UserId,
                    session_result::Column::SessionId,
                    session_result::Column::SavedKwh,
                ])
                .filter(session_result::Column::SessionId.is_in(starts.keys().copied()))
                .filter(session_result::Column::UserId.is_in(chunk.iter().copied()))
                .filter(session_result::Column::Status.eq(ResultStatus::Final.as_str()))
                .into_tuple()
                .all(&self.db)
                .await?;
            for (user, session, saved) in rows {
                if let Some(start) = starts.get(&session) {
                    timed
                        .entry(user)
                        .or_default()
                        .push((*start, is_success(ResultStatus::Final, saved)));
                }
            }
        }
        Ok(timed
            .into_iter()
            .map(|(user, mut outcomes)| {
                outcomes.sort_by_key(|(start, _)| *start);
                (user, outcomes.into_iter().map(|(_, saved)| saved).collect())
            })
            .collect())
    }

    /// Start times of the sessions that meet `condition`, by id.
    async fn session_starts(
        &self,
        condition: Condition,
    ) -> Result<HashMap<Uuid, DateTime<Utc>>, StoreError> {
        Ok(session::Entity::find()
            .select_only()
            .columns([session::Column::Id, session::Column::StartsAt])
            .filter(condition)
            .into_tuple::<(Uuid, DateTime<Utc>)>()
            .all(&self.db)
            .await?
            .into_iter()
            .collect())
    }
}
