//! The latest evaluation of a household's progress (`household_progress`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "household_progress")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub level: i16,
    pub lifetime_points: i64,
    pub plants: i32,
    pub health: String,
    pub current_run: i32,
    pub best_run: i32,
    pub shields: i32,
    pub saved_kwh: f64,
    pub badges: i32,
    pub evaluated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
