//! The staff dashboard's tables as sorted pages: each list names the fields it may be ordered by,
//! and every order ends with the row's id in the same direction, so rows with equal values keep
//! one order and consecutive pages never repeat or skip a row. Text is ordered case-insensitively
//! and empty (NULL) values come last either way, the same on SQLite and PostgreSQL.

use std::collections::HashMap;

use domain::paging::PageRequest;
use domain::session::SessionState;
use domain::sorting::{Direction, Sort};
use sea_orm::sea_query::{Expr, ExprTrait, Func, NullOrdering, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;

use crate::entity::{
    data_source, dead_letter, points_entry, session, session_participant, source_daily_stats, user,
};
use crate::sources::to_record;
use crate::users::search_condition;
use crate::{
    DeadLetter, DeadLetterSortField, Page, PointsEntry, PointsSortField, SessionRecord,
    SessionSortField, SourceRecord, SourceSortField, Store, StoreError, UserRecord, UserSearch,
    UserSortField,
};

/// Orders `query` by `key` and then by the unique `tiebreak`, both in `sort`'s direction; `NULL`
/// keys go last.
pub(crate) fn ordered<E: EntityTrait>(
    query: Select<E>,
    key: SimpleExpr,
    tiebreak: SimpleExpr,
    direction: Direction,
) -> Select<E> {
    let order = match direction {
        Direction::Ascending => Order::Asc,
        Direction::Descending => Order::Desc,
    };
    query
        .order_by_with_nulls(key, order.clone(), NullOrdering::Last)
        .order_by(tiebreak, order)
}

/// Case-insensitive text ordering: the same on both backends for the same characters.
fn folded(column: impl sea_orm::sea_query::IntoColumnRef) -> SimpleExpr {
    Func::lower(Expr::col(column)).into()
}

/// What sessions are ordered by for `field`: staff's list and a household's joined sessions.
pub(crate) fn session_sort_key(field: SessionSortField) -> SimpleExpr {
    match field {
        SessionSortField::Title => folded(session::Column::Title),
        SessionSortField::StartsAt => Expr::col(session::Column::StartsAt),
        SessionSortField::State => Expr::col(session::Column::State),
        SessionSortField::Participants => Query::select()
            .expr(Expr::col(session_participant::Column::UserId).count())
            .from(session_participant::Entity)
            .and_where(
                Expr::col((
                    session_participant::Entity,
                    session_participant::Column::SessionId,
                ))
                .equals((session::Entity, session::Column::Id)),
            )
            .to_owned()
            .into(),
    }
}

impl Store {
    /// Accounts matching `search`, in the order asked for.
    pub async fn search_users_sorted(
        &self,
        search: &UserSearch,
        sort: Sort<UserSortField>,
        page: PageRequest,
    ) -> Result<Page<UserRecord>, StoreError> {
        let query = user::Entity::find().filter(search_condition(search));
        let total = query.clone().count(&self.db).await?;
        let key: SimpleExpr = match sort.field {
            UserSortField::Email => Expr::col(user::Column::Email),
            UserSortField::DisplayName => folded(user::Column::DisplayName),
            UserSortField::Role => Expr::col(user::Column::Role),
            UserSortField::CreatedAt => Expr::col(user::Column::CreatedAt),
            UserSortField::LastLoginAt => Expr::col(user::Column::LastLoginAt),
        };
        let items = ordered(query, key, Expr::col(user::Column::Id), sort.direction)
            .offset(page.offset())
            .limit(page.per_page())
            .all(&self.db)
            .await?
            .into_iter()
            .map(UserRecord::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    /// Sessions in any of `states` (all when empty), in the order asked for, with their
    /// participant counts (one grouped query for the page).
    pub async fn list_sessions_sorted(
        &self,
        states: &[SessionState],
        sort: Sort<SessionSortField>,
        page: PageRequest,
    ) -> Result<Page<SessionRecord>, StoreError> {
        let mut query = session::Entity::find();
        if !states.is_empty() {
            query = query.filter(session::Column::State.is_in(states.iter().map(|s| s.as_str())));
        }
        self.sorted_sessions(query, sort, page).await
    }

    /// A page of the sessions `query` selects, in the order asked for, with their participant
    /// counts (one grouped query for the page): the admin's session list and a household's
    /// joined sessions.
    pub(crate) async fn sorted_sessions(
        &self,
        query: Select<session::Entity>,
        sort: Sort<SessionSortField>,
        page: PageRequest,
    ) -> Result<Page<SessionRecord>, StoreError> {
        let total = query.clone().count(&self.db).await?;
        let models = ordered(
            query,
            session_sort_key(sort.field),
            Expr::col((session::Entity, session::Column::Id)),
            sort.direction,
        )
        .offset(page.offset())
        .limit(page.per_page())
        .all(&self.db)
        .await?;
        let counts = self
            .participant_counts(&models.iter().map(|m| m.id).collect::<Vec<_>>())
            .await?;
        let items = models
            .into_iter()
            .map(|model| {
                let participants = counts.get(&model.id).copied().unwrap_or(0);
                SessionRecord::try_from((model, participants))
            })
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    /// Households that joined each of `sessions` (a page of them); sessions nobody joined are absent.
    async fn participant_counts(
        &self,
        sessions: &[Uuid],
    ) -> Result<HashMap<Uuid, u64>, StoreError> {
        let rows: Vec<(Uuid, i64)> = session_participant::Entity::find()
            .select_only()
            .column(session_participant::Column::SessionId)
            .column_as(session_participant::Column::UserId.count(), "participants")
            .filter(session_participant::Column::SessionId.is_in(sessions.iter().copied()))
            .group_by(session_participant::Column::SessionId)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, count)| (id, u64::try_from(count).unwrap_or(0)))
            .collect())
    }

    /// A user's Green Points entries, in the order asked for.
    pub async fn points_ledger_sorted(
        &self,
        user_id: Uuid,
        sort: Sort<PointsSortField>,
        page: PageRequest,
    ) -> Result<Page<PointsEntry>, StoreError> {
        let query = points_entry::Entity::find().filter(points_entry::Column::UserId.eq(user_id));
        let total = query.clone().count(&self.db).await?;
        let key: SimpleExpr = match sort.field {
            PointsSortField::CreatedAt => Expr::col(points_entry::Column::CreatedAt),
            PointsSortField::Points => Expr::col(points_entry::Column::Points),
            PointsSortField::Reason => Expr::col(points_entry::Column::Reason),
        };
        let items = crate::ledger::records::<_, PointsEntry>(
            ordered(
                query,
                key,
                Expr::col(points_entry::Column::Id),
                sort.direction,
            )
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

    /// Dead letters, optionally of one source, in the order asked for, with their source's name.
    pub async fn dead_letters_sorted(
        &self,
        source_id: Option<i64>,
        sort: Sort<DeadLetterSortField>,
        page: PageRequest,
    ) -> Result<Page<DeadLetter>, StoreError> {
        let mut query = dead_letter::Entity::find();
        if let Some(source_id) = source_id {
            query = query.filter(dead_letter::Column::SourceId.eq(source_id));
        }
        let total = query.clone().count(&self.db).await?;
        let key: SimpleExpr = match sort.field {
            DeadLetterSortField::ReceivedAt => Expr::col(dead_letter::Column::ReceivedAt),
            DeadLetterSortField::Reason => folded(dead_letter::Column::Reason),
            DeadLetterSortField::Source => Query::select()
                .expr(Func::lower(Expr::col(data_source::Column::Name)))
                .from(data_source::Entity)
                .and_where(
                    Expr::col((data_source::Entity, data_source::Column::Id))
                        .equals((dead_letter::Entity, dead_letter::Column::SourceId)),
                )
                .to_owned()
                .into(),
        };
        let models = ordered(
            query,
            key,
            Expr::col((dead_letter::Entity, dead_letter::Column::Id)),
            sort.direction,
        )
        .offset(page.offset())
        .limit(page.per_page())
        .all(&self.db)
        .await?;
        let mut source_ids: Vec<i64> = models.iter().map(|m| m.source_id).collect();
        source_ids.sort_unstable();
        source_ids.dedup();
        let names: HashMap<i64, String> = data_source::Entity::find()
            .select_only()
            .columns([data_source::Column::Id, data_source::Column::Name])
            .filter(data_source::Column::Id.is_in(source_ids))
            .into_tuple()
            .all(&self.db)
            .await?
            .into_iter()
            .collect();
        let items = models
            .into_iter()
            .map(|m| DeadLetter {
                source_name: names.get(&m.source_id).cloned().unwrap_or_default(),
                id: m.id,
                source_id: m.source_id,
                received_at: m.received_at,
                payload: m.payload,
                reason: m.reason,
            })
            .collect();
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    /// A page of data sources with today's counters, in the order asked for.
    pub async fn source_page(
        &self,
        sort: Sort<SourceSortField>,
        page: PageRequest,
    ) -> Result<Page<SourceRecord>, StoreError> {
        let today = self.counter_day(chrono::Utc::now());
        let query = data_source::Entity::find();
        let total = query.clone().count(&self.db).await?;
        let today_count = |count: SimpleExpr| -> SimpleExpr {
            let counted = Query::select()
                .expr(count)
                .from(source_daily_stats::Entity)
                .and_where(
                    Expr::col((
                        source_daily_stats::Entity,
                        source_daily_stats::Column::SourceId,
                    ))
                    .equals((data_source::Entity, data_source::Column::Id)),
                )
                .and_where(
                    Expr::col((source_daily_stats::Entity, source_daily_stats::Column::Day))
                        .eq(today),
                )
                .to_owned();
            Func::coalesce::<_, SimpleExpr>([counted.into(), Expr::val(0i64)]).into()
        };
        let key: SimpleExpr = match sort.field {
            SourceSortField::Name => folded(data_source::Column::Name),
            SourceSortField::Kind => Expr::col(data_source::Column::Kind),
            SourceSortField::LastReadingAt => Expr::col(data_source::Column::LastReadingAt),
            SourceSortField::ReadingsToday => today_count(
                Expr::col(source_daily_stats::Column::Inserted)
                    .add(Expr::col(source_daily_stats::Column::Updated))
                    .add(Expr::col(source_daily_stats::Column::Unchanged)),
            ),
            SourceSortField::RejectedToday => {
                today_count(Expr::col(source_daily_stats::Column::Rejected))
            }
        };
        let sources = ordered(
            query,
            key,
            Expr::col((data_source::Entity, data_source::Column::Id)),
            sort.direction,
        )
        .offset(page.offset())
        .limit(page.per_page())
        .all(&self.db)
        .await?;
        let mut stats: HashMap<i64, source_daily_stats::Model> = source_daily_stats::Entity::find()
            .filter(source_daily_stats::Column::Day.eq(today))
            .filter(source_daily_stats::Column::SourceId.is_in(sources.iter().map(|s| s.id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.source_id, s))
            .collect();
        let items = sources
            .into_iter()
            .map(|source| {
                let today = stats.remove(&source.id);
                to_record(source, today)
            })
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }
}
