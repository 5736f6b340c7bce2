//! Routers per area.

pub mod admin_meter_data;
pub mod admin_overview;
pub mod admin_system;
pub mod admin_users;
pub mod auth;
pub mod consumption;
pub mod me;
pub mod meter_readings;
pub mod ops;
pub mod points;
pub mod programme;
pub mod sessions;
pub mod sorting;
