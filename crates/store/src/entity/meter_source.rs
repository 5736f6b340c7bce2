//! `meter_sources`: the data sources allowed to report each meter (docs/RULES.md § Meter data).

use sea_orm::entity::prelude::*;

/// One source allowed to report one meter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meter_sources")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub meter_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub source_id: i64,
    /// `Some(true)` when the source claimed the unbound meter by reporting it first; `None`
    /// when staff bound it.
    pub claimed: Option<bool>,
    pub bound_at: DateTimeUtc,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
