//! SeaORM entities: one definition per table, valid on every backend.

pub mod badge_award;
pub mod consent;
pub mod customer_register;
pub mod data_source;
pub mod dead_letter;
pub mod history_request;
pub mod household;
pub mod household_progress;
pub mod level_up;
pub mod meter;
pub mod meter_claim;
pub mod meter_correction;
pub mod meter_link;
pub mod meter_source;
pub mod points_entry;
pub mod refresh_token;
pub mod register_import;
pub mod session;
pub mod session_participant;
pub mod session_result;
pub mod source_daily_stats;
pub mod user;
