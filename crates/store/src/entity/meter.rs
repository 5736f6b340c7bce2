//! `meters`: every meter the programme knows. A compact integer key keeps future reading rows
//! small; an unlinked meter keeps its row (and later its readings) with no household.

use sea_orm::entity::prelude::*;

/// A utility meter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub meter_id: String,
    pub household_id: Option<Uuid>,
    pub interval_minutes: i16,
    pub linked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// Created by the demo for the simulator to feed; the simulator feeds no other meter.
    pub simulated: bool,
}

/// No SeaORM relations: the foreign keys live in the migrations and queries join by column, so
/// entities never import one another.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
