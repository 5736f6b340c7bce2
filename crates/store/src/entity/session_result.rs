//! `session_results`: each participant's latest computed result.

use sea_orm::entity::prelude::*;

/// A participant's result, recomputed as data arrives.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "session_results")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub session_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub status: String,
    pub reason: Option<String>,
    pub baseline_kwh: Option<f64>,
    pub actual_kwh: Option<f64>,
    pub saved_kwh: Option<f64>,
    pub periods: String,
    pub data_complete: bool,
    pub computed_at: DateTimeUtc,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
