//! A newly connected meter's recent history, asked of the meter data system by a job
//! (docs/RULES.md, "Connecting a meter"), so the household is told the truth while it comes.

use chrono::{DateTime, Utc};
use domain::meter::MeterId;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use crate::entity::history_request;
use crate::{Store, StoreError};

/// One request for a meter's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRequestRecord {
    /// Id (the job carries it).
    pub id: i64,
    /// The household that connected the meter.
    pub user_id: Uuid,
    /// The meter.
    pub meter_id: String,
    /// Days of history asked for.
    pub days: u16,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// When the answer was stored.
    pub completed_at: Option<DateTime<Utc>>,
    /// Readings the answer added or changed.
    pub readings: Option<u64>,
}

impl From<history_request::Model> for HistoryRequestRecord {
    fn from(model: history_request::Model) -> Self {
        Self {
            id: model.id,
            user_id: model.user_id,
            meter_id: model.meter_id,
            days: u16::try_from(model.days).unwrap_or_default(),
            requested_at: model.requested_at,
            completed_at: model.completed_at,
            readings: model.readings.and_then(|n| u64::try_from(n).ok()),
        }
    }
}

impl Store {
    /// Records that `days` of a meter's history are being asked for; returns the request.
    pub async fn request_meter_history(
        &self,
        user_id: Uuid,
        meter_id: &MeterId,
        days: u16,
    ) -> Result<HistoryRequestRecord, StoreError> {
        let model = history_request::ActiveModel {
            user_id: Set(user_id),
            meter_id: Set(meter_id.as_str().to_owned()),
            days: Set(i16::try_from(days).unwrap_or(i16::MAX)),
            requested_at: Set(Utc::now()),
            completed_at: Set(None),
            readings: Set(None),
            ..Default::default()
        }
        .insert(&self.db)
        .await?;
        Ok(model.into())
    }

    /// One request.
    pub async fn history_request(
        &self,
        id: i64,
    ) -> Result<Option<HistoryRequestRecord>, StoreError> {
        Ok(history_request::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(Into::into))
    }

    /// The household's newest request, answered or not.
    pub async fn latest_history_request(
        &self,
        user_id: Uuid,
    ) -> Result<Option<HistoryRequestRecord>, StoreError> {
        Ok(history_request::Entity::find()
            .filter(history_request::Column::UserId.eq(user_id))
            .order_by_desc(history_request::Column::Id)
            .one(&self.db)
            .await?
            .map(Into::into))
    }

    /// Marks a request answered with the readings it brought; answering twice keeps the first.
    pub async fn complete_history_request(&self, id: i64, readings: u64) -> Result<(), StoreError> {
        history_request::Entity::update_many()
            .col_expr(
                history_request::Column::CompletedAt,
                Expr::value(Utc::now()),
            )
            .col_expr(
                history_request::Column::Readings,
                Expr::value(i64::try_from(readings).unwrap_or(i64::MAX)),
            )
            .filter(history_request::Column::Id.eq(id))
            .filter(history_request::Column::CompletedAt.is_null())
            .exec(&self.db)
            .await?;
        Ok(())
    }
}
