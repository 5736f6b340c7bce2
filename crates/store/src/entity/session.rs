//! `sessions`: Saving Sessions as planned by admins and moved along by jobs.

use sea_orm::entity::prelude::*;

/// A Saving Session.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub title_el: Option<String>,
    pub description_el: Option<String>,
    pub state: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub join_deadline: DateTimeUtc,
    pub points_per_kwh: i32,
    pub opt_in_bonus: i32,
    pub audience: String,
    pub baseline_method: String,
    pub surprise: bool,
    pub top_tenth_percent: Option<f64>,
    pub created_by: Option<Uuid>,
    pub announced_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
