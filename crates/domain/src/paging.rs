//! Page-based pagination shared by every list, with a hard ceiling on page size.

use crate::ValidationError;

/// Page size when the client does not ask for one.
pub const DEFAULT_PER_PAGE: u64 = 25;
/// Largest page any list serves, so one request cannot read a whole table.
pub const MAX_PER_PAGE: u64 = 100;

/// A validated page request, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: u64,
    per_page: u64,
}

impl PageRequest {
    /// Fills in defaults and refuses pages below 1 or sizes outside 1–100.
    pub fn new(page: Option<u64>, per_page: Option<u64>) -> Result<Self, ValidationError> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(ValidationError::new("page starts at 1"));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(ValidationError::new("per_page must be between 1 and 100"));
        }
        Ok(Self { page, per_page })
    }

    /// The 1-based page number.
    pub const fn page(self) -> u64 {
        self.page
    }

    /// Items per page.
    pub const fn per_page(self) -> u64 {
        self.per_page
    }

    /// Rows to skip before this page.
    pub const fn offset(self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
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
        assert_eq!(
            PageRequest::new(Some(u64::MAX), Some(100))
                .unwrap()
                .offset(),
            u64::MAX
        );
    }
}
