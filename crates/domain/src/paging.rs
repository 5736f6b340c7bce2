//! Page-based pagination shared by every list, with a hard ceiling on page size.

use crate::ValidationError;

/// Page size when the client does not ask for one.
pub const DEFAULT_PER_PAGE: u64 = 25;
/// Largest page any list serves, so one request cannot read a whole table.
pub const MAX_PER_PAGE: u64 = 100;
/// Highest page number a list accepts: far beyond any real list (a hundred million rows at
/// the largest page size), and small enough that the offset it implies always fits the signed
/// 64-bit integers databases bind, so an absurd page is a validation error, never a panic.
pub const MAX_PAGE: u64 = 1_000_000;

/// Which of the two paging parameters was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageField {
    /// The page number.
    Page,
    /// The page size.
    PerPage,
}

impl PageField {
    /// The query parameter's name, as clients send it.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Page => "page",
            Self::PerPage => "per_page",
        }
    }
}

/// A validated page request, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: u64,
    per_page: u64,
}

impl PageRequest {
    /// Fills in defaults and refuses pages outside 1–[`MAX_PAGE`] or sizes outside 1–100.
    pub fn new(page: Option<u64>, per_page: Option<u64>) -> Result<Self, ValidationError> {
        Self::checked(page, per_page).map_err(|mut errors| errors.swap_remove(0).1)
    }

    /// Like [`PageRequest::new`], but names every refused parameter, so a client learns about
    /// both at once.
    pub fn checked(
        page: Option<u64>,
        per_page: Option<u64>,
    ) -> Result<Self, Vec<(PageField, ValidationError)>> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        let mut errors = Vec::new();
        if !(1..=MAX_PAGE).contains(&page) {
            errors.push((
                PageField::Page,
                ValidationError::new("page must be between 1 and 1000000"),
            ));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            errors.push((
                PageField::PerPage,
                ValidationError::new("per_page must be between 1 and 100"),
            ));
        }
        if errors.is_empty() {
            Ok(Self { page, per_page })
        } else {
            Err(errors)
        }
    }

    /// The 1-based page number.
    pub const fn page(self) -> u64 {
        self.page
    }

    /// Items per page.
    pub const fn per_page(self) -> u64 {
        self.per_page
    }

    /// Rows to skip before this page; at most 99,999,900, so it fits any database's integer.
    pub const fn offset(self) -> u64 {
        (self.page - 1) * self.per_page
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_limits() {
        let page = PageRequest::new(None, None).unwrap();
        assert_eq!((page.page(), page.per_page(), page.offset()), (1, 25, 0));
        assert_eq!(PageRequest::new(Some(3), Some(10)).unwrap().offset(), 20);
        assert!(PageRequest::new(Some(0), None).is_err());
        assert!(PageRequest::new(None, Some(0)).is_err());
        assert!(PageRequest::new(None, Some(101)).is_err());
        let last = PageRequest::new(Some(MAX_PAGE), Some(MAX_PER_PAGE)).unwrap();
        assert_eq!(last.offset(), 99_999_900);
    }

    #[test]
    fn pages_beyond_the_ceiling_are_refused_by_name() {
        for page in [MAX_PAGE + 1, 9_223_372_036_854_775_808, u64::MAX] {
            let errors = PageRequest::checked(Some(page), None).unwrap_err();
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].0, PageField::Page);
        }
        let both = PageRequest::checked(Some(0), Some(0)).unwrap_err();
        let fields: Vec<_> = both.iter().map(|(field, _)| field.name()).collect();
        assert_eq!(fields, ["page", "per_page"]);
    }

    proptest::proptest! {
        #[test]
        fn every_accepted_page_has_an_offset_a_signed_integer_holds(
            page in proptest::prelude::any::<u64>(),
            per_page in proptest::prelude::any::<u64>(),
        ) {
            if let Ok(request) = PageRequest::new(Some(page), Some(per_page)) {
                proptest::prop_assert!(i64::try_from(request.offset()).is_ok());
            }
        }
    }
}
