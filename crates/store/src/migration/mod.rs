//! Schema migrations. Written once with SeaQuery, which renders the right SQL for each backend.

mod m0001_accounts;
mod m0002_meter_data;
mod m0003_sessions;
mod m0004_result_lookups;
mod m0005_meter_provenance;
mod m0006_account_security;
mod m0007_languages;
mod m0008_onboarding;
mod m0009_progress;
mod m0010_link_periods;

use sea_orm_migration::prelude::*;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_accounts::Migration),
            Box::new(m0002_meter_data::Migration),
            Box::new(m0003_sessions::Migration),
            Box::new(m0004_result_lookups::Migration),
            Box::new(m0005_meter_provenance::Migration),
            Box::new(m0006_account_security::Migration),
            Box::new(m0007_languages::Migration),
            Box::new(m0008_onboarding::Migration),
            Box::new(m0009_progress::Migration),
            Box::new(m0010_link_periods::Migration),
        ]
    }
}
