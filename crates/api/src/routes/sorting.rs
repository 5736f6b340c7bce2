//! The `sort` query parameter of the staff lists: the names clients use for each list's sortable
//! fields (the allow-lists), and one reader that turns `name` / `-name` into the store's order or a
//! 400 naming the fields that work. The names are the response fields they order by.

use domain::sorting::Sort;
use store::{
    DeadLetterSortField, PointsSortField, SessionSortField, SourceSortField, UserSortField,
};

use crate::error::{ApiError, FieldError};

/// `GET /admin/users`.
pub const USER_SORTS: &[(&str, UserSortField)] = &[
    ("email", UserSortField::Email),
    ("display_name", UserSortField::DisplayName),
    ("role", UserSortField::Role),
    ("created_at", UserSortField::CreatedAt),
    ("last_login_at", UserSortField::LastLoginAt),
];

/// `GET /admin/sessions`.
pub const SESSION_SORTS: &[(&str, SessionSortField)] = &[
    ("title", SessionSortField::Title),
    ("starts_at", SessionSortField::StartsAt),
    ("state", SessionSortField::State),
    ("participants", SessionSortField::Participants),
];

/// `GET /admin/users/{id}/points`.
pub const POINTS_SORTS: &[(&str, PointsSortField)] = &[
    ("created_at", PointsSortField::CreatedAt),
    ("points", PointsSortField::Points),
    ("reason", PointsSortField::Reason),
];

/// `GET /admin/meter-data/dead-letters`.
pub const DEAD_LETTER_SORTS: &[(&str, DeadLetterSortField)] = &[
    ("received_at", DeadLetterSortField::ReceivedAt),
    ("source_name", DeadLetterSortField::Source),
    ("reason", DeadLetterSortField::Reason),
];

/// `GET /admin/meter-data/sources`.
pub const SOURCE_SORTS: &[(&str, SourceSortField)] = &[
    ("name", SourceSortField::Name),
    ("kind", SourceSortField::Kind),
    ("last_reading_at", SourceSortField::LastReadingAt),
    ("readings_today", SourceSortField::ReadingsToday),
    ("rejected_today", SourceSortField::RejectedToday),
];

/// The order a list's `sort` parameter asks for, `default` when it is absent. An unknown field
/// is refused (400, `errors[0].field = "sort"`) rather than ignored, so a typo never looks like
/// a server that does not sort.
pub fn parse_sort<F: Copy + PartialEq>(
    raw: Option<&str>,
    fields: &[(&str, F)],
    default: Sort<F>,
) -> Result<Sort<F>, ApiError> {
    match raw {
        None => Ok(default),
        Some(raw) => Sort::parse(raw, fields).map_err(|error| {
            ApiError::InvalidParameter(FieldError {
                field: "sort".to_owned(),
                message: error.to_string(),
            })
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_is_the_default_and_unknown_is_a_bad_request() {
        let newest = Sort::descending(UserSortField::CreatedAt);
        assert_eq!(parse_sort(None, USER_SORTS, newest).unwrap(), newest);
        assert_eq!(
            parse_sort(Some("-email"), USER_SORTS, newest).unwrap(),
            Sort::descending(UserSortField::Email)
        );
        let error = parse_sort(Some("password_hash"), USER_SORTS, newest).unwrap_err();
        assert!(matches!(
            error,
            ApiError::InvalidParameter(FieldError { ref field, ref message })
                if field == "sort" && message.contains("email, display_name, role")
        ));
    }
}
