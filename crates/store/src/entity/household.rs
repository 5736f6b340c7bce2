//! `households`: exactly one per account, keyed by the account id.

use sea_orm::entity::prelude::*;

/// A household's settings.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "households")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub name: String,
    pub district: Option<String>,
    pub tariff_code: String,
    pub time_zone: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// A household belongs to an account and has meters.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id",
        on_delete = "Cascade"
    )]
    User,
    #[sea_orm(has_many = "super::meter::Entity")]
    Meter,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::meter::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Meter.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
