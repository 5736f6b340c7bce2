//! Saving Sessions and who joined them.
//!
//! State changes are compare-and-set (`UPDATE … WHERE state = expected`), so two jobs or an
//! admin and a job racing on the same session cannot both win.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::baseline::MethodName;
use domain::paging::PageRequest;
use domain::session::{Audience, GreekText, SessionPlan, SessionState, SessionWindow};
use domain::sorting::Sort;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::entity::{session, session_participant, session_result};
use crate::{Page, SessionResultRecord, SessionSortField, Store, StoreError};

/// A stored session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    /// Identity.
    pub id: Uuid,
    /// The plan.
    pub plan: SessionPlan,
    /// Where it is in its life.
    pub state: SessionState,
    /// Who created it.
    pub created_by: Option<Uuid>,
    /// When it was announced.
    pub announced_at: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Households that joined.
    pub participants: u64,
}

impl TryFrom<(session::Model, u64)> for SessionRecord {
    type Error = StoreError;

    fn try_from((model, participants): (session::Model, u64)) -> Result<Self, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("session {}: {what}", model.id));
        Ok(Self {
            id: model.id,
            state: SessionState::parse(&model.state).map_err(|_| corrupt("state"))?,
            plan: SessionPlan {
                window: SessionWindow {
                    starts_at: model.starts_at,
                    ends_at: model.ends_at,
                    join_deadline: model.join_deadline,
                },
                points_per_kwh: u32::try_from(model.points_per_kwh).map_err(|_| corrupt("rate"))?,
                opt_in_bonus: u32::try_from(model.opt_in_bonus).map_err(|_| corrupt("bonus"))?,
                audience: serde_json::from_str(&model.audience).map_err(|_| corrupt("audience"))?,
                title: model.title,
                description: model.description,
                greek: GreekText {
                    title: model.title_el,
                    description: model.description_el,
                },
                baseline_method: MethodName::parse(&model.baseline_method)
                    .map_err(|_| corrupt("baseline method"))?,
                surprise: model.surprise,
            },
            created_by: model.created_by,
            announced_at: model.announced_at,
            created_at: model.created_at,
            participants,
        })
    }
}

fn audience_json(audience: &Audience) -> Result<String, StoreError> {
    serde_json::to_string(audience).map_err(|error| StoreError::Corrupt(error.to_string()))
}

impl Store {
    /// Stores a new draft session.
    pub async fn create_session(
        &self,
        plan: &SessionPlan,
        created_by: Option<Uuid>,
    ) -> Result<SessionRecord, StoreError> {
        let now = Utc::now();
        let model = session::ActiveModel {
            id: Set(Uuid::now_v7()),
            title: Set(plan.title.clone()),
            description: Set(plan.description.clone()),
            title_el: Set(plan.greek.title.clone()),
            description_el: Set(plan.greek.description.clone()),
            state: Set(SessionState::Draft.as_str().to_owned()),
            starts_at: Set(plan.window.starts_at),
            ends_at: Set(plan.window.ends_at),
            join_deadline: Set(plan.window.join_deadline),
            points_per_kwh: Set(i32::try_from(plan.points_per_kwh).unwrap_or(i32::MAX)),
            opt_in_bonus: Set(i32::try_from(plan.opt_in_bonus).unwrap_or(i32::MAX)),
            audience: Set(audience_json(&plan.audience)?),
            baseline_method: Set(plan.baseline_method.as_str().to_owned()),
            surprise: Set(plan.surprise),
            top_tenth_percent: Set(None),
            created_by: Set(created_by),
            announced_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await?;
        SessionRecord::try_from((model, 0))
    }

    /// Replaces the plan of a session that is still `expected` (draft or scheduled).
    pub async fn update_session_plan(
        &self,
        id: Uuid,
        expected: SessionState,
        plan: &SessionPlan,
    ) -> Result<SessionRecord, StoreError> {
        let updated = session::Entity::update_many()
            .col_expr(session::Column::Title, Expr::value(plan.title.clone()))
            .col_expr(
                session::Column::Description,
                Expr::value(plan.description.clone()),
            )
            .col_expr(
                session::Column::TitleEl,
                Expr::value(plan.greek.title.clone()),
            )
            .col_expr(
                session::Column::DescriptionEl,
                Expr::value(plan.greek.description.clone()),
            )
            .col_expr(
                session::Column::StartsAt,
                Expr::value(plan.window.starts_at),
            )
            .col_expr(session::Column::EndsAt, Expr::value(plan.window.ends_at))
            .col_expr(
                session::Column::JoinDeadline,
                Expr::value(plan.window.join_deadline),
            )
            .col_expr(
                session::Column::PointsPerKwh,
                Expr::value(i32::try_from(plan.points_per_kwh).unwrap_or(i32::MAX)),
            )
            .col_expr(
                session::Column::OptInBonus,
                Expr::value(i32::try_from(plan.opt_in_bonus).unwrap_or(i32::MAX)),
            )
            .col_expr(
                session::Column::Audience,
                Expr::value(audience_json(&plan.audience)?),
            )
            .col_expr(
                session::Column::BaselineMethod,
                Expr::value(plan.baseline_method.as_str()),
            )
            .col_expr(session::Column::Surprise, Expr::value(plan.surprise))
            .col_expr(session::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(session::Column::Id.eq(id))
            .filter(session::Column::State.eq(expected.as_str()))
            .exec(&self.db)
            .await?;
        if updated.rows_affected == 0 {
            return Err(self.state_conflict(id, expected).await);
        }
        self.session(id).await
    }

    /// Moves a session from `from` to `to` if it is still in `from`.
    pub async fn set_session_state(
        &self,
        id: Uuid,
        from: SessionState,
        to: SessionState,
    ) -> Result<SessionRecord, StoreError> {
        let now = Utc::now();
        let mut update = session::Entity::update_many()
            .col_expr(session::Column::State, Expr::value(to.as_str()))
            .col_expr(session::Column::UpdatedAt, Expr::value(now));
        if to == SessionState::Scheduled {
            update = update.col_expr(session::Column::AnnouncedAt, Expr::value(now));
        }
        let updated = update
            .filter(session::Column::Id.eq(id))
            .filter(session::Column::State.eq(from.as_str()))
            .exec(&self.db)
            .await?;
        if updated.rows_affected == 0 {
            return Err(self.state_conflict(id, from).await);
        }
        self.session(id).await
    }

    async fn state_conflict(&self, id: Uuid, expected: SessionState) -> StoreError {
        match self.session(id).await {
            Ok(current) => StoreError::Conflict(format!(
                "the session is {} now, not {expected}",
                current.state
            )),
            Err(error) => error,
        }
    }

    /// One session with its participant count.
    pub async fn session(&self, id: Uuid) -> Result<SessionRecord, StoreError> {
        let model = session::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("session"))?;
        let participants = session_participant::Entity::find()
            .filter(session_participant::Column::SessionId.eq(id))
            .count(&self.db)
            .await?;
        SessionRecord::try_from((model, participants))
    }

    /// Sessions in any of `states` (all when empty), by start time; newest first unless
    /// `ascending`.
    pub async fn list_sessions(
        &self,
        states: &[SessionState],
        ascending: bool,
        page: PageRequest,
    ) -> Result<Page<SessionRecord>, StoreError> {
        let mut query = session::Entity::find();
        if !states.is_empty() {
            query = query.filter(session::Column::State.is_in(states.iter().map(|s| s.as_str())));
        }
        let total = query.clone().count(&self.db).await?;
        let query = if ascending {
            query.order_by_asc(session::Column::StartsAt)
        } else {
            query.order_by_desc(session::Column::StartsAt)
        };
        let models = query
            .offset(page.offset())
            .limit(page.per_page())
            .all(&self.db)
            .await?;
        let items = self.with_participants(models).await?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    /// Announced sessions that have not started by `now`, soonest first: what households can
    /// still join (a session whose start passed is about to go live).
    pub async fn upcoming_sessions(
        &self,
        now: DateTime<Utc>,
        page: PageRequest,
    ) -> Result<Page<SessionRecord>, StoreError> {
        let query = session::Entity::find()
            .filter(session::Column::State.eq(SessionState::Scheduled.as_str()))
            .filter(session::Column::StartsAt.gt(now));
        let total = query.clone().count(&self.db).await?;
        let models = query
            .order_by_asc(session::Column::StartsAt)
            .offset(page.offset())
            .limit(page.per_page())
            .all(&self.db)
            .await?;
        let items = self.with_participants(models).await?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    /// Records of `models` with their participant counts.
    async fn with_participants(
        &self,
        models: Vec<session::Model>,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        let mut items = Vec::with_capacity(models.len());
        for model in models {
            let participants = session_participant::Entity::find()
                .filter(session_participant::Column::SessionId.eq(model.id))
                .count(&self.db)
                .await?;
            items.push(SessionRecord::try_from((model, participants))?);
        }
        Ok(items)
    }

    /// Sessions other than `except` that are not cancelled and share time with `window`.
    pub async fn overlapping_sessions(
        &self,
        window: &SessionWindow,
        except: Option<Uuid>,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        let mut query = session::Entity::find()
            .filter(session::Column::State.ne(SessionState::Cancelled.as_str()))
            .filter(session::Column::StartsAt.lt(window.ends_at))
            .filter(session::Column::EndsAt.gt(window.starts_at));
        if let Some(except) = except {
            query = query.filter(session::Column::Id.ne(except));
        }
        query
            .all(&self.db)
            .await?
            .into_iter()
            .map(|model| SessionRecord::try_from((model, 0)))
            .collect()
    }

    /// Sessions whose time has come for a state change: scheduled ones that have started,
    /// live ones that have ended.
    pub async fn sessions_due(&self, now: DateTime<Utc>) -> Result<Vec<SessionRecord>, StoreError> {
        let starting = session::Entity::find()
            .filter(session::Column::State.eq(SessionState::Scheduled.as_str()))
            .filter(session::Column::StartsAt.lte(now));
        let ending = session::Entity::find()
            .filter(session::Column::State.eq(SessionState::Live.as_str()))
            .filter(session::Column::EndsAt.lte(now));
        let mut due = Vec::new();
        for model in starting
            .all(&self.db)
            .await?
            .into_iter()
            .chain(ending.all(&self.db).await?)
        {
            due.push(SessionRecord::try_from((model, 0))?);
        }
        Ok(due)
    }

    /// Records that a household joined; a second join is a conflict.
    pub async fn join_session(&self, session_id: Uuid, user_id: Uuid) -> Result<(), StoreError> {
        session_participant::ActiveModel {
            session_id: Set(session_id),
            user_id: Set(user_id),
            joined_at: Set(Utc::now()),
        }
        .insert(&self.db)
        .await
        .map_err(|error| match StoreError::from(error) {
            StoreError::Conflict(_) => {
                StoreError::Conflict("already joined this session".to_owned())
            }
            other => other,
        })?;
        Ok(())
    }

    /// Removes a household's opt-in; `NotFound` when it had not joined.
    pub async fn leave_session(&self, session_id: Uuid, user_id: Uuid) -> Result<(), StoreError> {
        let deleted = session_participant::Entity::delete_many()
            .filter(session_participant::Column::SessionId.eq(session_id))
            .filter(session_participant::Column::UserId.eq(user_id))
            .exec(&self.db)
            .await?;
        if deleted.rows_affected == 0 {
            return Err(StoreError::NotFound("participation"));
        }
        Ok(())
    }

    /// Every participant of a session.
    pub async fn session_participants(&self, session_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
        Ok(session_participant::Entity::find()
            .select_only()
            .column(session_participant::Column::UserId)
            .filter(session_participant::Column::SessionId.eq(session_id))
            .into_tuple::<Uuid>()
            .all(&self.db)
            .await?)
    }

    /// Which of `sessions` the user joined.
    pub async fn joined_sessions(
        &self,
        user_id: Uuid,
        sessions: &[Uuid],
    ) -> Result<Vec<Uuid>, StoreError> {
        Ok(session_participant::Entity::find()
            .select_only()
            .column(session_participant::Column::SessionId)
            .filter(session_participant::Column::UserId.eq(user_id))
            .filter(session_participant::Column::SessionId.is_in(sessions.iter().copied()))
            .into_tuple::<Uuid>()
            .all(&self.db)
            .await?)
    }
}

impl Store {
    /// The households the given meters (storage keys) belong to.
    pub async fn households_of_meters(&self, meters: &[i64]) -> Result<Vec<Uuid>, StoreError> {
        let mut households: Vec<Uuid> = Vec::new();
        for chunk in meters.chunks(crate::IDS_PER_QUERY) {
            let rows: Vec<Option<Uuid>> = crate::entity::meter::Entity::find()
                .select_only()
                .column(crate::entity::meter::Column::HouseholdId)
                .filter(crate::entity::meter::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(&self.db)
                .await?;
            households.extend(rows.into_iter().flatten());
        }
        households.sort_unstable();
        households.dedup();
        Ok(households)
    }
}

impl Store {
    /// The sessions a household joined, in the order asked for, with its result in each.
    pub async fn sessions_joined_by(
        &self,
        user_id: Uuid,
        sort: Sort<SessionSortField>,
        page: PageRequest,
    ) -> Result<Page<(SessionRecord, Option<SessionResultRecord>)>, StoreError> {
        let joined = Query::select()
            .column(session_participant::Column::SessionId)
            .from(session_participant::Entity)
            .and_where(session_participant::Column::UserId.eq(user_id))
            .to_owned();
        let query = session::Entity::find().filter(session::Column::Id.in_subquery(joined));
        let sessions = self.sorted_sessions(query, sort, page).await?;
        let ids: Vec<Uuid> = sessions.items.iter().map(|s| s.id).collect();
        let mut results: HashMap<Uuid, SessionResultRecord> =
            crate::ledger::records::<_, SessionResultRecord>(
                session_result::Entity::find()
                    .filter(session_result::Column::UserId.eq(user_id))
                    .filter(session_result::Column::SessionId.is_in(ids))
                    .all(&self.db)
                    .await?,
            )?
            .into_iter()
            .map(|result| (result.session_id, result))
            .collect();
        Ok(Page {
            items: sessions
                .items
                .into_iter()
                .map(|session| {
                    let result = results.remove(&session.id);
                    (session, result)
                })
                .collect(),
            total: sessions.total,
            request: sessions.request,
        })
    }
}

impl Store {
    /// The results of `users` in a session (those without one are left out): what a live view
    /// of some households needs, without reading every participant's result.
    pub async fn session_results_of(
        &self,
        session_id: Uuid,
        users: &[Uuid],
    ) -> Result<Vec<crate::SessionResultRecord>, StoreError> {
        use crate::entity::session_result;
        let mut out = Vec::with_capacity(users.len());
        for chunk in users.chunks(crate::IDS_PER_QUERY) {
            out.extend(crate::ledger::records::<_, crate::SessionResultRecord>(
                session_result::Entity::find()
                    .filter(session_result::Column::SessionId.eq(session_id))
                    .filter(session_result::Column::UserId.is_in(chunk.iter().copied()))
                    .all(&self.db)
                    .await?,
            )?);
        }
        Ok(out)
    }
}
