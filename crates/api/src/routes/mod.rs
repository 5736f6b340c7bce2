//! Routers per area.

pub mod admin_claims;
pub mod admin_meter_data;
pub mod admin_meters;
pub mod admin_overview;
pub mod admin_system;
pub mod admin_users;
pub mod auth;
pub mod consumption;
pub mod consumption_export;
pub(crate) mod household_readings;
pub mod me;
pub mod meter_readings;
pub mod onboarding;
pub mod onboarding_status;
pub mod ops;
pub mod points;
pub mod programme;
pub mod progress;
pub mod progress_view;
pub mod sessions;
pub mod sorting;

use domain::paging::PageRequest;

use crate::error::{ApiError, FieldErrors};

/// The page a list query asks for: a 422 naming `page` for a page outside 1–1,000,000 and
/// `per_page` for a size outside 1–100, the same answer on every list.
pub(crate) fn page_request(
    page: Option<u64>,
    per_page: Option<u64>,
) -> Result<PageRequest, ApiError> {
    let mut errors = FieldErrors::default();
    let page = check_page(&mut errors, page, per_page);
    errors.finish(|| page)
}

/// Checks the paging parameters among a list's other ones, recording each refused one under
/// its own name.
pub(crate) fn check_page(
    errors: &mut FieldErrors,
    page: Option<u64>,
    per_page: Option<u64>,
) -> Option<PageRequest> {
    match PageRequest::checked(page, per_page) {
        Ok(page) => Some(page),
        Err(refused) => {
            for (field, error) in refused {
                errors.push(field.name(), &error.to_string());
            }
            None
        }
    }
}
