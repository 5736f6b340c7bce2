//! `meter_corrections`: every staff correction of a stored reading, with who, when, the old and
//! the new value and why.

use sea_orm::entity::prelude::*;

/// One corrected reading.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meter_corrections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meter_id: i64,
    pub interval_start: DateTimeUtc,
    pub old_wh: Option<i64>,
    pub old_quality: Option<String>,
    pub old_source_id: Option<i64>,
    pub new_wh: i64,
    pub new_quality: String,
    pub reason: String,
    pub corrected_by: Option<Uuid>,
    pub corrected_at: DateTimeUtc,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
